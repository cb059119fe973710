package layout

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gongwen/internal/document"
)

// Options change how a document is laid out.
type Options struct {
	// Simplex leaves the 版记 on the last page as it falls, instead of on an even
	// page (the back of a sheet) as GB/T 9704 §7.5 asks for duplex printing.
	Simplex bool
}

// builder carries the state of one layout.
type builder struct {
	doc   *document.Document
	faces Faces
	opt   Options
	res   *Result
	flow  *flow
}

// Layout sets doc on GB/T 9704 pages. It fails, naming the field, the
// character and its code point, when no font of a role has a character.
func Layout(doc *document.Document, faces Faces, opt Options) (*Result, error) {
	b := &builder{doc: doc, faces: faces, opt: opt, res: &Result{Used: map[int]map[rune]bool{}}}
	b.flow = newFlow(b.res, faces)
	b.flow.newPage()
	first, err := b.header()
	if err != nil {
		return nil, err
	}
	b.flow.line = first
	parts, err := b.mainParts()
	if err != nil {
		return nil, err
	}
	if err := b.placeParts(parts); err != nil {
		return nil, err
	}
	if err := b.attachments(); err != nil {
		return nil, err
	}
	if err := b.record(); err != nil {
		return nil, err
	}
	for i := range b.res.Pages {
		b.res.Pages[i].tighten()
	}
	if err := b.pageNumbers(); err != nil {
		return nil, err
	}
	return b.res, nil
}

// set returns a setter for a role and size; body text keeps the grid's cell.
func (b *builder) set(role Role, size float64, path string) *setter {
	cell := PtToMM(size)
	if size == SizeSan {
		cell = Cell
	}
	return &setter{faces: b.faces, role: role, size: size, cell: cell, path: path}
}

// running returns a setter for running text (paragraphs, headings, 主送): Latin
// runs keep the grid by taking whole cells.
func (b *builder) running(role Role, size float64, path string) *setter {
	s := b.set(role, size, path)
	s.grid = true
	return s
}

// part is a run of grid rows, or a table that places itself.
type part struct {
	rows  []row
	table *document.StatTable
	path  string
}

// placeParts puts parts on the pages in order.
func (b *builder) placeParts(parts []part) error {
	for _, p := range parts {
		if p.table != nil {
			if err := b.table(*p.table, p.path, true); err != nil {
				return err
			}
			continue
		}
		b.flow.place(p.rows)
	}
	return nil
}

// appendRows adds rows to the last run of rows in parts.
func appendRows(parts []part, rows ...row) []part {
	if len(parts) == 0 || parts[len(parts)-1].table != nil {
		parts = append(parts, part{})
	}
	last := &parts[len(parts)-1]
	last.rows = append(last.rows, rows...)
	return parts
}

// lastRow is the last row of parts, or nil after a table.
func lastRow(parts []part) *row {
	if len(parts) == 0 {
		return nil
	}
	p := &parts[len(parts)-1]
	if p.table != nil || len(p.rows) == 0 {
		return nil
	}
	return &p.rows[len(p.rows)-1]
}

// mainParts is everything from the title to the 附注.
func (b *builder) mainParts() ([]part, error) {
	d := b.doc
	var rows []row
	if d.Title != "" {
		lines, err := b.set(XiaoBiaoSong, SizeEr, "title").titleLines(d.Title)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rowsOf("title", lines, SizeEr, Black)...)
		rows[len(rows)-1].keepNext = true
		rows = append(rows, row{blank: true, keepNext: true})
	}
	if len(d.Addressees) > 0 {
		text := strings.Join(d.Addressees, "、")
		text = strings.TrimRight(text, "：:") + "："
		lines, err := b.running(FangSong, SizeSan, "addressees").para(text, BoxLeft, BoxWidth, BoxLeft, BoxWidth)
		if err != nil {
			return nil, err
		}
		rows = append(rows, keepLast(rowsOf("addressee", lines, SizeSan, Black))...)
	}
	parts := []part{{rows: rows}}
	body, err := b.bodyParts(d.Body, "body")
	if err != nil {
		return nil, err
	}
	for _, p := range body {
		if p.table != nil {
			parts = append(parts, p)
		} else {
			parts = appendRows(parts, p.rows...)
		}
	}
	if len(d.Attachments) > 0 {
		note, err := b.attachmentNote()
		if err != nil {
			return nil, err
		}
		parts = appendRows(parts, row{blank: true})
		parts = appendRows(parts, note...)
	}
	sig, err := b.signature()
	if err != nil {
		return nil, err
	}
	if last := lastRow(parts); len(sig) > 0 && last != nil {
		// The signature never stands alone on a page: the last line of text goes with it.
		last.keepNext = true
	}
	parts = appendRows(parts, sig...)
	if d.Note != "" {
		text := "（" + strings.TrimSuffix(strings.TrimPrefix(d.Note, "（"), "）") + "）"
		lines, err := b.running(FangSong, SizeSan, "note").para(text, BoxLeft+2*Cell, BoxWidth-2*Cell, BoxLeft, BoxWidth)
		if err != nil {
			return nil, err
		}
		notes := rowsOf("note", lines, SizeSan, Black)
		if sig == nil {
			parts = appendRows(parts, row{blank: true})
		} else {
			// The 附注 stays on the page of the date it follows.
			lastRow(parts).keepNext = true
			for i := range notes {
				notes[i].tight = true
			}
		}
		parts = appendRows(parts, keepLast(notes)...)
	}
	return parts, nil
}

// keepLast marks every row but the last as kept with the next: a short block that
// should not be split across pages.
func keepLast(rows []row) []row {
	for i := 0; i+1 < len(rows); i++ {
		rows[i].keepNext = true
	}
	return rows
}

// headingRole is the face of each level of 层次序数 (§7.3.3).
var headingRole = [5]Role{FangSong, HeiTi, KaiTi, FangSong, FangSong}

// bodyParts sets paragraphs and headings: every paragraph indented two cells,
// continuation lines flush left, every full line justified on the grid; and
// tables between them.
func (b *builder) bodyParts(body document.Body, path string) ([]part, error) {
	numbered := body.Numbered()
	var parts []part
	for i, blk := range numbered {
		bp := fmt.Sprintf("%s[%d]", path, i)
		if blk.Table != nil {
			st, err := statTable(*blk.Table, bp+".table")
			if err != nil {
				return nil, err
			}
			parts = append(parts, part{table: &st, path: bp + ".table"})
			continue
		}
		role, kind := FangSong, "body"
		if blk.Heading >= 1 && blk.Heading <= 4 {
			role, kind = headingRole[blk.Heading], fmt.Sprintf("heading%d", blk.Heading)
		}
		s := b.running(role, SizeSan, bp+".text")
		lines, err := s.para(blk.Text, BoxLeft+2*Cell, BoxWidth-2*Cell, BoxLeft, BoxWidth)
		if err != nil {
			return nil, shiftMissing(err, utf8.RuneCountInString(blk.Text)-utf8.RuneCountInString(body[i].Text))
		}
		rs := rowsOf(kind, lines, SizeSan, Black)
		switch {
		case blk.Heading == 1 || blk.Heading == 2:
			// A heading never ends a page: it goes with the first line of its text.
			for j := range rs {
				rs[j].keepNext = true
			}
		case len(rs) >= 2:
			// A paragraph's last line never stands alone at the top of a page.
			rs[len(rs)-2].keepNext = true
		}
		parts = appendRows(parts, rs...)
	}
	return parts, nil
}

// statTable readies a document's table: typed values and its totals row.
func statTable(t document.Table, path string) (document.StatTable, error) {
	st, ps := document.AnnexTable{Table: t}.Stat(path)
	if len(ps) > 0 {
		return st, ps
	}
	return st, nil
}

// shiftMissing corrects the offset of a missing glyph for an ordinal the
// renderer added in front of the text.
func shiftMissing(err error, added int) error {
	if m, ok := err.(*MissingGlyphError); ok && added > 0 {
		if m.Offset < added {
			return err
		}
		c := *m
		c.Offset -= added
		return &c
	}
	return err
}

// attachmentNote is the 附件说明 (§7.3.4): "附件：" and the name, or numbered
// names aligned under the first, wrapped names aligned under their first character.
func (b *builder) attachmentNote() ([]row, error) {
	atts := b.doc.Attachments
	s := b.set(FangSong, SizeSan, "")
	lead := BoxLeft + 2*Cell
	label, err := s.measure("附件：")
	if err != nil {
		return nil, err
	}
	var rows []row
	for i, a := range atts {
		s.path = fmt.Sprintf("attachments[%d].title", i)
		prefix := ""
		if len(atts) > 1 {
			prefix = fmt.Sprintf("%d.", i+1)
		}
		num, err := s.measure(prefix)
		if err != nil {
			return nil, err
		}
		x0 := lead + label
		text := prefix + a.Title
		if i == 0 {
			x0, text = lead, "附件："+text
		}
		hang := lead + label + num
		lines, err := s.para(text, x0, BoxRight-x0, hang, BoxRight-hang)
		if err != nil {
			if i == 0 {
				err = shiftMissing(err, 3+utf8.RuneCountInString(prefix))
			} else {
				err = shiftMissing(err, utf8.RuneCountInString(prefix))
			}
			return nil, err
		}
		rows = append(rows, rowsOf("attachments", lines, SizeSan, Black)...)
	}
	return keepLast(rows), nil
}
