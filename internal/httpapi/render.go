package httpapi

import (
	"gongwen/internal/disposition"
	"strconv"

	"github.com/gin-gonic/gin"

	"gongwen/internal/document"
	"gongwen/internal/render"
)

// render answers POST /v1/render: a document as JSON in, its PDF out, exactly
// the bytes `gongwen render` writes for the same input and date. ?inline=1
// asks the browser to show it instead of saving it; ?simplex=1 is one-sided
// printing (the 版记 stays on the last page as it falls).
func (s *Server) render(c *gin.Context) {
	if err := knownParams(c, "inline", "simplex"); err != nil {
		s.fail(c, err)
		return
	}
	inline, err := boolParam(c, "inline")
	if err != nil {
		s.fail(c, err)
		return
	}
	simplex, err := boolParam(c, "simplex")
	if err != nil {
		s.fail(c, err)
		return
	}
	doc, err := s.readDocument(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	r := s.state().fonts.renderer
	var out *render.Output
	err = s.work(c.Request.Context(), "pdf", func() (err error) {
		out, err = r.Render(doc, s.renderOptions(simplex))
		return err
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.metrics.documents.WithLabelValues("pdf").Inc()
	s.metrics.pages.Add(float64(out.Pages))
	disp := "attachment"
	if inline {
		disp = "inline"
	}
	c.Header("Content-Disposition", disposition.Header(disp, fileName(doc), ".pdf"))
	c.Header("X-Page-Count", strconv.Itoa(out.Pages))
	c.Data(200, "application/pdf", out.PDF)
}

// readDocument reads the request's document and applies its template: what comes
// back is what renders.
func (s *Server) readDocument(c *gin.Context) (*document.Document, error) {
	data, err := s.readBody(c)
	if err != nil {
		return nil, err
	}
	doc, err := document.Decode(data)
	if err != nil {
		return nil, decodeError(data, err)
	}
	return s.lib.Apply(doc)
}

// fileName names a document's PDF after its 发文字号, else its title.
func fileName(d *document.Document) string {
	if d.DocNumber != "" {
		return d.DocNumber
	}
	return d.Title
}
