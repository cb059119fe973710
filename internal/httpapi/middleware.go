package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
)

const requestIDKey = "request_id"

// requestID names each request: the caller's X-Request-ID when it is a sane
// token (so a drafting tool can follow one request through its own logs and
// ours), otherwise a random one. It is echoed in the response and in every log
// line of the request.
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if !saneID(id) {
		var b [8]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

func saneID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

func requestID(c *gin.Context) string { return c.GetString(requestIDKey) }

// routeOf is the route pattern, the label of metrics: never the raw path,
// whose variety would blow up the number of series.
func routeOf(c *gin.Context) string {
	if p := c.FullPath(); p != "" {
		return p
	}
	return "unmatched"
}

// observe counts, times and logs every request, once it is answered.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()
	c.Next()
	d := time.Since(start)
	status, route := c.Writer.Status(), routeOf(c)
	s.metrics.observe(c.Request.Method, route, status, d)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.Request.Context(), level, "request",
		slog.String("request_id", requestID(c)),
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.String("remote", c.RemoteIP()),
		slog.String("user_agent", c.Request.UserAgent()),
	)
}

// recover turns a panic in a handler into a 500 that names the request id;
// the value and the stack go to the log, never to the client.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler { // the handler's way of dropping the connection
			panic(v)
		}
		id := requestID(c)
		s.log.ErrorContext(c.Request.Context(), "panic", "request_id", id, "route", routeOf(c),
			"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		if c.Writer.Written() {
			c.Abort() // the status is gone; the client sees a truncated body
			return
		}
		s.fail(c, Errorf(EInternal, "服务内部错误，请联系管理员并提供请求编号 %s", id))
	}()
	c.Next()
}

// timeout gives a request its whole time budget, queueing included.
func (s *Server) timeout(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.cfg.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

// needFonts answers 503 until the fonts are loaded.
func (s *Server) needFonts(c *gin.Context) {
	if st := s.state(); st.fonts == nil {
		s.fail(c, notReady(st.fontsErr))
		return
	}
	c.Next()
}

func (s *Server) notFound(c *gin.Context) {
	s.fail(c, &Error{Code: ENotFound, Field: c.Request.URL.Path,
		Message: fmt.Sprintf("没有路径 %s；可用的接口见 GET /openapi.json", c.Request.URL.Path)})
}

func (s *Server) methodNotAllowed(c *gin.Context) {
	allow := c.Writer.Header().Get("Allow") // set by gin
	s.fail(c, &Error{Code: EMethodNotAllowed, Field: c.Request.URL.Path,
		Message: fmt.Sprintf("%s 不支持 %s 方法；可用：%s", c.Request.URL.Path, c.Request.Method, allow)})
}
