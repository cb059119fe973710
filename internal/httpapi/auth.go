package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"strings"

	"github.com/gin-gonic/gin"
)

// auth admits /v1 requests that carry one of the configured bearer tokens.
// With no tokens configured the service is open, as on a trusted intranet
// segment. Tokens are compared as SHA-256 digests in constant time, so neither
// a token's length nor its prefix leaks through timing.
func (s *Server) auth(c *gin.Context) {
	if len(s.cfg.Tokens) == 0 {
		c.Next()
		return
	}
	h := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		s.fail(c, &Error{Code: EUnauthorized, Field: "Authorization",
			Message: "需要访问令牌：请加请求头 Authorization: Bearer <令牌>（令牌由管理员发放）"})
		return
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	match := 0
	for _, t := range s.cfg.Tokens {
		want := sha256.Sum256([]byte(t))
		match |= subtle.ConstantTimeCompare(got[:], want[:])
	}
	if match != 1 {
		s.fail(c, &Error{Code: EUnauthorized, Field: "Authorization", Message: "访问令牌无效；请向管理员确认令牌"})
		return
	}
	c.Next()
}
