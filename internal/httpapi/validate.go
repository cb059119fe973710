package httpapi

import (
	"errors"
	"strings"

	"github.com/gin-gonic/gin"

	"gongwen/internal/document"
	"gongwen/internal/layout"
)

// validation is the answer of POST /v1/validate. An invalid document is a
// result here, not an error: the answer is 200 either way.
type validation struct {
	Valid    bool      `json:"valid"`
	Problems []Problem `json:"problems"`
}

// validate answers POST /v1/validate with every problem of a document, found
// as rendering would find them: decoding, the template of its kind and
// proposal, the document's own rules, and a layout with the service's fonts,
// which reports a character no font has (a rare character in a name) — so
// valid means render will succeed. A body that is not JSON at all is still a
// 400: there is no document to speak of.
func (s *Server) validate(c *gin.Context) {
	if err := knownParams(c); err != nil {
		s.fail(c, err)
		return
	}
	ps, err := s.problems(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(200, validation{Valid: len(ps) == 0, Problems: problemsOf(ps)})
}

// problems returns the problems of the request's document; the error is for
// what is not a problem of the document (unreadable body, timeout, a bug).
func (s *Server) problems(c *gin.Context) (document.Problems, error) {
	doc, err := s.readDocument(c)
	var ps document.Problems
	if errors.As(err, &ps) {
		return ps, nil
	}
	if err != nil {
		return nil, err
	}
	if ps := doc.Validate(); len(ps) > 0 {
		return ps, nil
	}
	r := s.state().fonts.renderer
	err = s.work(c.Request.Context(), "layout", func() error {
		_, err := r.Layout(doc, s.renderOptions(false))
		return err
	})
	var miss *layout.MissingGlyphError
	if errors.As(err, &miss) {
		return document.Problems{{Path: miss.Path, Message: strings.TrimPrefix(miss.Error(), miss.Path+": ")}}, nil
	}
	return nil, err
}
