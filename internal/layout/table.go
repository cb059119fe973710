package layout

import (
	"fmt"
	"math"

	"gongwen/internal/document"
)

// Tables are set in 4号: 仿宋 for cells, 黑体 for the header, one grid line for
// each line of text, ruled all round.
const (
	tableSize  = SizeSi
	tablePad   = 1.5  // mm inside a cell, left and right
	tableFrame = 0.5  // the outer rules
	tableInner = 0.25 // the rules between cells
)

// tableCell is a cell set as lines.
type tableCell struct {
	lines []placed
}

// tableRow is one row of a table: its cells and how many grid lines it takes.
type tableRow struct {
	cells  []tableCell
	height int
	kind   string
}

// table sets st at the flow's current line: a title and unit line when given,
// the header (repeated at the top of every page the table runs onto), the
// rows, the totals row and the notes.
func (b *builder) table(st document.StatTable, path string, showTitle bool) error {
	f := b.flow
	cols := st.Columns
	if len(cols) == 0 {
		return nil
	}
	if showTitle && st.Title != "" {
		p, err := b.set(HeiTi, SizeSan, path+".title").single(st.Title, 0)
		if err != nil {
			return err
		}
		f.place([]row{{kind: "tabletitle", p: p.shift(BoxLeft + (BoxWidth-(p.x1-p.x0))/2 - p.x0), size: SizeSan, keepNext: true}})
	}
	if st.Unit != "" {
		p, err := b.set(FangSong, tableSize, path+".unit").single("单位："+st.Unit, 0)
		if err != nil {
			return err
		}
		f.place([]row{{kind: "tableunit", p: p.shift(BoxRight - p.x1), size: tableSize, keepNext: true}})
	}
	widths, err := b.columnWidths(st, path)
	if err != nil {
		return err
	}
	header, err := b.tableRow(cols, widths, nil, path+".columns", true)
	if err != nil {
		return err
	}
	rows := make([]tableRow, 0, len(st.Rows)+1)
	for i, r := range st.Rows {
		tr, err := b.tableRow(cols, widths, r, fmt.Sprintf("%s.rows[%d]", path, i), false)
		if err != nil {
			return err
		}
		rows = append(rows, tr)
	}
	if st.HasTotals() {
		tr, err := b.tableRow(cols, widths, st.Totals(), path+".rows", false)
		if err != nil {
			return err
		}
		tr.kind = "tabletotal"
		rows = append(rows, tr)
	}
	// The header and the first row stay together; the header repeats on each page.
	start := -1
	if f.line+header.height+min(1, len(rows))*firstHeight(rows) > GridLines {
		f.newPage()
	}
	b.putRow(header, widths, &start)
	for _, r := range rows {
		if f.line+r.height > GridLines {
			b.closeTable(widths, start)
			f.newPage()
			start = -1
			b.putRow(header, widths, &start)
		}
		b.putRow(r, widths, &start)
	}
	b.closeTable(widths, start)
	if st.Notes != "" {
		lines, err := b.running(FangSong, tableSize, path+".notes").para(st.Notes, BoxLeft, BoxWidth, BoxLeft, BoxWidth)
		if err != nil {
			return err
		}
		f.place(rowsOf("tablenote", lines, tableSize, Black))
	}
	return nil
}

func firstHeight(rows []tableRow) int {
	if len(rows) == 0 {
		return 0
	}
	return rows[0].height
}

// columnWidths gives each column its natural width (its widest cell), numbers
// whole; if the table is narrower than the 版心 the rest is shared out, if
// wider the text columns wrap.
func (b *builder) columnWidths(st document.StatTable, path string) ([]float64, error) {
	cols := st.Columns
	nat := make([]float64, len(cols))
	floor := make([]float64, len(cols))
	s := b.set(FangSong, tableSize, path)
	hs := b.set(HeiTi, tableSize, path)
	em := PtToMM(tableSize)
	measureAll := func(c document.Column, i int) error {
		label, err := hs.measure(c.Label)
		if err != nil {
			return err
		}
		values := 0.0
		for _, r := range append(st.Rows, st.Totals()) {
			w, err := s.measure(document.FormatValue(c, r[c.Key]))
			if err != nil {
				return err
			}
			values = math.Max(values, w)
		}
		nat[i] = math.Max(label, values) + 2*tablePad
		// Labels wrap down to two characters a line; text too; numbers never.
		if c.Type == document.ColText || c.Type == "" {
			floor[i] = math.Min(nat[i], 2*em+2*tablePad)
		} else {
			floor[i] = math.Max(values, math.Min(label, 2*em)) + 2*tablePad
		}
		return nil
	}
	for i, c := range cols {
		if err := measureAll(c, i); err != nil {
			return nil, err
		}
	}
	total, minTotal := 0.0, 0.0
	for i := range nat {
		total += nat[i]
		minTotal += floor[i]
	}
	w := make([]float64, len(cols))
	switch {
	case total <= BoxWidth:
		for i := range w {
			w[i] = nat[i] + (BoxWidth-total)*nat[i]/total
		}
	case minTotal <= BoxWidth:
		// Numbers keep their width; text columns share what is left in proportion.
		// Every column gets its floor, and the room left is shared in proportion to
		// how much more each would like.
		spare, want := BoxWidth-minTotal, 0.0
		for i := range nat {
			want += nat[i] - floor[i]
		}
		for i := range w {
			w[i] = floor[i]
			if want > 0 {
				w[i] += spare * (nat[i] - floor[i]) / want
			}
		}
	default:
		return nil, fmt.Errorf("%s: 表格有%d列，即使折行也宽于版心（需%.0f毫米，版心156毫米）；请拆分表格或减少列数", path, len(cols), minTotal)
	}
	return w, nil
}

// tableRow sets one row: the header labels centred in 黑体, or the values of r
// (text left, numbers right).
func (b *builder) tableRow(cols []document.Column, widths []float64, r map[string]any, path string, header bool) (tableRow, error) {
	tr := tableRow{kind: "tablerow", height: 1}
	if header {
		tr.kind = "tableheader"
	}
	x := BoxLeft
	for i, c := range cols {
		text, role := c.Label, HeiTi
		if !header {
			text, role = document.FormatValue(c, r[c.Key]), FangSong
		}
		s := b.set(role, tableSize, fmt.Sprintf("%s.%s", path, c.Key))
		s.rag = true // a narrow cell justified would spread its characters apart
		inner := widths[i] - 2*tablePad
		lines, err := s.para(text, x+tablePad, inner, x+tablePad, inner)
		if err != nil {
			return tr, err
		}
		numeric := c.Type != document.ColText && c.Type != ""
		for j, l := range lines {
			lw := l.x1 - l.x0
			switch {
			case header:
				lines[j] = l.shift(x + (widths[i]-lw)/2 - l.x0)
			case numeric:
				lines[j] = l.shift(x + widths[i] - tablePad - l.x1)
			}
		}
		tr.cells = append(tr.cells, tableCell{lines: lines})
		tr.height = max(tr.height, len(lines))
		x += widths[i]
	}
	return tr, nil
}

// putRow draws a row on the flow's page at its current line, with the rule
// above it and the rules between its cells.
func (b *builder) putRow(r tableRow, widths []float64, start *int) {
	f := b.flow
	top := lineTop(f.line)
	if *start < 0 {
		*start = f.line
	}
	thick := tableInner
	if f.line == *start {
		thick = tableFrame
	}
	f.page.Rules = append(f.page.Rules, Rule{X: BoxLeft, Y: top, W: BoxWidth, Thickness: thick})
	for _, c := range r.cells {
		for j, l := range c.lines {
			ln := f.line + j
			// Centre a cell's lines in the row's height.
			off := (r.height - len(c.lines)) / 2
			f.emit(r.kind, ln+off, l, tableSize, baselineIn(lineTop(ln+off), tableSize), Black)
		}
	}
	f.line += r.height
}

// closeTable draws the table's bottom rule and its vertical rules from start
// to the current line.
func (b *builder) closeTable(widths []float64, start int) {
	f := b.flow
	if start < 0 {
		return
	}
	top, bottom := lineTop(start), lineTop(f.line)
	f.page.Rules = append(f.page.Rules, Rule{X: BoxLeft, Y: bottom, W: BoxWidth, Thickness: tableFrame})
	x := BoxLeft
	for i := 0; i <= len(widths); i++ {
		t := tableInner
		if i == 0 || i == len(widths) {
			t = tableFrame
		}
		f.page.Rules = append(f.page.Rules, Rule{X: x, Y: top, H: bottom - top, Thickness: t})
		if i < len(widths) {
			x += widths[i]
		}
	}
}
