package render

import (
	"bytes"
	"errors"
	"time"

	"gongwen/internal/document"
	"gongwen/internal/fontset"
	"gongwen/internal/layout"
	"gongwen/internal/pdf"
)

// Options of one render.
type Options struct {
	// Date fixes the PDF's creation date so the same input gives the same bytes.
	Date time.Time
	// Simplex keeps the 版记 on the last page as it falls (one-sided printing).
	Simplex bool
}

// Output is a rendered document.
type Output struct {
	PDF   []byte
	Pages int
}

// Renderer renders documents with one font set. It is safe for concurrent use.
type Renderer struct {
	Fonts *fontset.Set
}

// Render validates doc and renders it. Problems with the document come back as
// document.Problems, naming the JSON path of each.
func (r *Renderer) Render(doc *document.Document, opt Options) (*Output, error) {
	if ps := doc.Validate(); len(ps) > 0 {
		return nil, ps
	}
	res, err := layout.Layout(doc, r.Fonts, layout.Options{Simplex: opt.Simplex})
	if err != nil {
		var miss *layout.MissingGlyphError
		if errors.As(err, &miss) {
			return nil, document.Problems{{Path: miss.Path, Message: missingMessage(miss)}}
		}
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	meta := pdf.Meta{Title: doc.Title, Author: doc.Issuer, Subject: doc.DocNumber, Date: opt.Date}
	if err := pdf.Write(&buf, res, r.Fonts, meta); err != nil {
		return nil, err
	}
	return &Output{PDF: buf.Bytes(), Pages: len(res.Pages)}, nil
}

// Layout lays doc out without drawing it: for tests, previews and golden files.
func (r *Renderer) Layout(doc *document.Document, opt Options) (*layout.Result, error) {
	return layout.Layout(doc, r.Fonts, layout.Options{Simplex: opt.Simplex})
}

func missingMessage(m *layout.MissingGlyphError) string {
	e := m.Error()
	if i := len(m.Path) + 2; len(e) > i {
		return e[i:]
	}
	return e
}

// RenderAnnex sets a statistical annex as PDF attachment pages; label is the
// "附件N" line over it ("" for none).
func (r *Renderer) RenderAnnex(a *document.Annex, label string, opt Options) (*Output, error) {
	res, err := layout.LayoutAnnex(a, r.Fonts, label)
	if err != nil {
		var miss *layout.MissingGlyphError
		if errors.As(err, &miss) {
			return nil, document.Problems{{Path: miss.Path, Message: missingMessage(miss)}}
		}
		return nil, err
	}
	var buf bytes.Buffer
	meta := pdf.Meta{Title: a.Title, Author: a.Issuer, Subject: a.Period, Date: opt.Date}
	if err := pdf.Write(&buf, res, r.Fonts, meta); err != nil {
		return nil, err
	}
	return &Output{PDF: buf.Bytes(), Pages: len(res.Pages)}, nil
}
