package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"gongwen/internal/document"
)

// jsonBody admits request bodies that are JSON in UTF-8 (415 otherwise) and
// not over the body limit (413): a declared length is refused before a byte is
// read; an undeclared one (chunked) is cut off at the limit by readBody.
func (s *Server) jsonBody(c *gin.Context) {
	ct := c.GetHeader("Content-Type")
	if ct == "" {
		s.fail(c, &Error{Code: EUnsupportedMediaType, Field: "Content-Type",
			Message: "缺少 Content-Type：请求体须为 JSON，请加请求头 Content-Type: application/json"})
		return
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		s.fail(c, &Error{Code: EUnsupportedMediaType, Field: "Content-Type",
			Message: fmt.Sprintf("不支持 Content-Type “%s”：请求体须为 JSON，请用 Content-Type: application/json", ct)})
		return
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		s.fail(c, &Error{Code: EUnsupportedMediaType, Field: "Content-Type",
			Message: fmt.Sprintf("不支持字符集 %s：请将 JSON 以 UTF-8 编码发送（charset=utf-8）", cs)})
		return
	}
	if c.Request.ContentLength > s.cfg.BodyLimit {
		s.fail(c, s.tooLarge(c.Request.ContentLength))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.cfg.BodyLimit)
	c.Next()
}

func (s *Server) tooLarge(n int64) *Error {
	size := "超过上限"
	if n > 0 {
		size = fmt.Sprintf("有 %s，超过上限", megabytes(n))
	}
	return &Error{Code: ETooLarge, Message: fmt.Sprintf("请求体%s %s；请拆分文档或压缩印章图片，或请管理员调大 --body-limit",
		size, megabytes(s.cfg.BodyLimit))}
}

func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// readBody reads the whole request body, within the limit jsonBody set.
func (s *Server) readBody(c *gin.Context) ([]byte, error) {
	var buf bytes.Buffer
	if n := c.Request.ContentLength; n > 0 && n <= s.cfg.BodyLimit {
		buf.Grow(int(n) + 1) // +1: ReadFrom needs room to see EOF without growing
	}
	_, err := buf.ReadFrom(c.Request.Body)
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return buf.Bytes(), nil
	case errors.As(err, &tooBig):
		return nil, s.tooLarge(0)
	case c.Request.Context().Err() != nil:
		return nil, s.ctxError(c.Request.Context())
	}
	return nil, Errorf(EInvalidRequest, "读取请求体失败：%v", err)
}

// decodeError sorts out why document.Decode (or DecodeAnnex) refused data:
// a body that is not JSON at all is the request's fault (400), well-formed
// JSON that is not a valid document is the document's (422, every problem).
func decodeError(data []byte, err error) error {
	if ps := document.SyntaxProblems(data); len(ps) > 0 {
		e := &Error{Code: EInvalidJSON, Message: ps[0].Message, Problems: problemsOf(ps)}
		if len(data) == 0 {
			e.Message = "请求体为空：请发送 JSON 文档"
		}
		return e
	}
	return err
}

// ctxError describes a request whose context ended: its time budget ran out,
// or the client went away (nobody reads that answer, but it is logged).
func (s *Server) ctxError(ctx context.Context) *Error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{Code: ETimeout, RetryAfter: s.cfg.RequestTimeout / 4,
			Message: fmt.Sprintf("请求超时（上限 %s，含排队时间）；服务繁忙，请稍后重试，或拆分过长的文档", s.cfg.RequestTimeout)}
	}
	return &Error{Code: ETimeout, Message: "请求已被客户端取消"}
}

// knownParams checks the query against the parameters a route takes: a misspelt
// parameter is an error, not silently ignored (?inlne=1 would otherwise give a
// download instead of a preview and nobody would know why).
func knownParams(c *gin.Context, known ...string) error {
	for name := range c.Request.URL.Query() {
		if !slices.Contains(known, name) {
			valid := "无"
			if len(known) > 0 {
				valid = strings.Join(known, "、")
			}
			return &Error{Code: EInvalidRequest, Field: name,
				Message: fmt.Sprintf("未知的查询参数 %s；此接口可用的参数：%s", name, valid)}
		}
	}
	return nil
}

// boolParam reads a boolean query parameter: absent, 0 or false is false; present
// with no value, 1 or true is true.
func boolParam(c *gin.Context, name string) (bool, error) {
	v, ok := c.GetQuery(name)
	if !ok {
		return false, nil
	}
	switch strings.ToLower(v) {
	case "", "1", "true", "yes":
		return true, nil
	case "0", "false", "no":
		return false, nil
	}
	return false, &Error{Code: EInvalidRequest, Field: name,
		Message: fmt.Sprintf("查询参数 %s=%s 无效，可选：1 或 0（true 或 false）", name, v)}
}
