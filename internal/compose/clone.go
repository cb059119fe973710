package compose

import (
	"maps"
	"slices"

	"gongwen/internal/document"
)

// cloneDocument copies d deeply enough that changing the copy (as Apply does,
// and as a caller may do afterwards) never reaches d: every slice, pointer and
// table row is new. Values inside table cells are JSON scalars and are shared.
func cloneDocument(d *document.Document) *document.Document {
	out := *d
	out.JointIssuers = slices.Clone(d.JointIssuers)
	out.Signers = slices.Clone(d.Signers)
	out.Addressees = slices.Clone(d.Addressees)
	out.CC = slices.Clone(d.CC)
	out.Body = cloneBody(d.Body)
	if d.Proposal != nil {
		p := *d.Proposal
		p.Deputies = slices.Clone(p.Deputies)
		out.Proposal = &p
	}
	if d.Attachments != nil {
		out.Attachments = make([]document.Attachment, len(d.Attachments))
		for i, a := range d.Attachments {
			a.Body = cloneBody(a.Body)
			a.Table = cloneTable(a.Table)
			out.Attachments[i] = a
		}
	}
	if d.Signature != nil {
		s := *d.Signature
		s.Seal.Image = slices.Clone(s.Seal.Image)
		out.Signature = &s
	}
	if d.Printer != nil {
		p := *d.Printer
		out.Printer = &p
	}
	return &out
}

func cloneBody(b document.Body) document.Body {
	if b == nil {
		return nil
	}
	out := make(document.Body, len(b))
	for i, blk := range b {
		blk.Table = cloneTable(blk.Table)
		out[i] = blk
	}
	return out
}

func cloneTable(t *document.Table) *document.Table {
	if t == nil {
		return nil
	}
	out := *t
	out.Columns = slices.Clone(t.Columns)
	if t.Rows != nil {
		out.Rows = make([]map[string]any, len(t.Rows))
		for i, r := range t.Rows {
			out.Rows[i] = maps.Clone(r)
		}
	}
	return &out
}
