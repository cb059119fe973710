package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"gongwen/internal/document"
)

// Error codes. Each maps to one HTTP status (statusOf); a client branches on
// the code, a person reads the message.
const (
	EInvalidJSON          = "invalid_json"           // the body is not JSON at all
	EInvalidRequest       = "invalid_request"        // a query parameter or header is wrong
	EUnauthorized         = "unauthorized"           // no or wrong bearer token
	ENotFound             = "not_found"              // no such route
	EMethodNotAllowed     = "method_not_allowed"     // the route exists with another method
	ETooLarge             = "payload_too_large"      // body over the limit
	EUnsupportedMediaType = "unsupported_media_type" // not application/json
	EInvalidDocument      = "invalid_document"       // well-formed JSON that is not a valid document
	ETooManyRequests      = "too_many_requests"      // the render queue is full
	EInternal             = "internal"               // a bug: logged with the request id
	ENotReady             = "not_ready"              // fonts not loaded, or shutting down
	ETimeout              = "timeout"                // the request ran out of its time budget
)

// statusOf is the one map from error code to HTTP status.
var statusOf = map[string]int{
	EInvalidJSON:          http.StatusBadRequest,
	EInvalidRequest:       http.StatusBadRequest,
	EUnauthorized:         http.StatusUnauthorized,
	ENotFound:             http.StatusNotFound,
	EMethodNotAllowed:     http.StatusMethodNotAllowed,
	ETooLarge:             http.StatusRequestEntityTooLarge,
	EUnsupportedMediaType: http.StatusUnsupportedMediaType,
	EInvalidDocument:      http.StatusUnprocessableEntity,
	ETooManyRequests:      http.StatusTooManyRequests,
	EInternal:             http.StatusInternalServerError,
	ENotReady:             http.StatusServiceUnavailable,
	ETimeout:              http.StatusServiceUnavailable,
}

// Error is the body of every error response, and an error handlers return.
// Field is the JSON path (or query parameter) at fault, empty when the request
// as a whole is; Problems lists every problem of an invalid document or of
// unreadable JSON, each with its path, so one round trip shows all to fix.
type Error struct {
	Code     string    `json:"code"`
	Message  string    `json:"message"`
	Field    string    `json:"field"`
	Problems []Problem `json:"problems,omitempty"`

	// RetryAfter, when set, is sent as the Retry-After header (429, 503).
	RetryAfter time.Duration `json:"-"`
}

// Problem is one problem of a document, as document.Problem in JSON.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Code + ": " + e.Field + ": " + e.Message
	}
	return e.Code + ": " + e.Message
}

// Errorf builds an Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func problemsOf(ps document.Problems) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = Problem{Path: p.Path, Message: p.Message}
	}
	return out
}

// invalid describes a document's problems as a 422.
func invalid(ps document.Problems) *Error {
	e := &Error{Code: EInvalidDocument, Problems: problemsOf(ps)}
	if len(ps) > 0 {
		e.Field = ps[0].Path
	}
	if len(ps) == 1 {
		e.Message = ps[0].String()
	} else {
		e.Message = fmt.Sprintf("文档有 %d 处问题，见 problems；第一处：%s", len(ps), ps[0].String())
	}
	return e
}

// fail is the one error writer. An *Error goes out as it is; document.Problems
// as a 422; anything else is a bug: it is logged with the request id and the
// client gets a 500 naming that id, never the error's text or a stack.
func (s *Server) fail(c *gin.Context, err error) {
	var e *Error
	var ps document.Problems
	switch {
	case errors.As(err, &e):
	case errors.As(err, &ps):
		e = invalid(ps)
	default:
		id := requestID(c)
		s.log.ErrorContext(c.Request.Context(), "internal error", "request_id", id, "route", routeOf(c), "err", err)
		e = Errorf(EInternal, "服务内部错误，请联系管理员并提供请求编号 %s", id)
	}
	status, ok := statusOf[e.Code]
	if !ok {
		s.log.Error("error code without a status", "code", e.Code)
		status = http.StatusInternalServerError
	}
	if e.RetryAfter > 0 {
		secs := int((e.RetryAfter + time.Second - 1) / time.Second)
		c.Header("Retry-After", strconv.Itoa(secs))
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="gongwen"`)
	}
	s.metrics.rejected(e.Code)
	c.AbortWithStatusJSON(status, e)
}
