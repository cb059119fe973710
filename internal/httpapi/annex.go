package httpapi

import (
	"bytes"
	"fmt"
	"gongwen/internal/disposition"
	"strconv"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"gongwen/internal/document"
	"gongwen/internal/render"
	"gongwen/internal/xlsx"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// maxLabelRunes bounds ?label: it is one line over the first page (附件2).
const maxLabelRunes = 20

// annex answers POST /v1/annex: a statistical annex as JSON in; out, an Excel
// workbook (?format=xlsx, the default) or the annex set as PDF attachment
// pages (?format=pdf) under a 附件 line (?label=附件2; empty for none) — the
// same bytes as `gongwen annex` for the same input and date.
func (s *Server) annex(c *gin.Context) {
	if err := knownParams(c, "format", "label"); err != nil {
		s.fail(c, err)
		return
	}
	format := c.DefaultQuery("format", "xlsx")
	label := c.DefaultQuery("label", "附件")
	switch {
	case format != "xlsx" && format != "pdf":
		s.fail(c, &Error{Code: EInvalidRequest, Field: "format",
			Message: fmt.Sprintf("format=%s 无效，可选：xlsx（Excel 工作簿）、pdf（附件页）", format)})
		return
	case utf8.RuneCountInString(label) > maxLabelRunes:
		s.fail(c, &Error{Code: EInvalidRequest, Field: "label",
			Message: fmt.Sprintf("label 有 %d 个字符，上限 %d 个；应为附件标识，如 附件2", utf8.RuneCountInString(label), maxLabelRunes)})
		return
	}
	st := s.state()
	if format == "pdf" && st.fonts == nil {
		s.fail(c, notReady(st.fontsErr))
		return
	}
	data, err := s.readBody(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, err := document.DecodeAnnex(data)
	if err != nil {
		s.fail(c, decodeError(data, err))
		return
	}
	if ps := a.Validate(); len(ps) > 0 {
		s.fail(c, ps)
		return
	}
	if format == "xlsx" {
		var buf bytes.Buffer
		if err := s.work(c.Request.Context(), "xlsx", func() error { return xlsx.Write(&buf, a) }); err != nil {
			s.fail(c, err)
			return
		}
		s.metrics.documents.WithLabelValues("xlsx").Inc()
		c.Header("Content-Disposition", disposition.Header("attachment", a.Title, ".xlsx"))
		c.Data(200, xlsxType, buf.Bytes())
		return
	}
	var out *render.Output
	err = s.work(c.Request.Context(), "pdf", func() (err error) {
		out, err = st.fonts.renderer.RenderAnnex(a, label, s.renderOptions(false))
		return err
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.metrics.documents.WithLabelValues("pdf").Inc()
	s.metrics.pages.Add(float64(out.Pages))
	c.Header("Content-Disposition", disposition.Header("attachment", a.Title, ".pdf"))
	c.Header("X-Page-Count", strconv.Itoa(out.Pages))
	c.Data(200, "application/pdf", out.PDF)
}
