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
	widths, landscape, err := b.tableWidths(st, path)
	if err != nil {
		return err
	}
	if landscape && !f.page.Landscape {
		f.newLandscapePage()
	}
	fr := f.frame()
	if showTitle && st.Title != "" {
		p, err := b.set(HeiTi, SizeSan, path+".title").single(st.Title, 0)
		if err != nil {
			return err
		}
		f.place([]row{{kind: "tabletitle", p: p.shift(fr.left + (fr.width-(p.x1-p.x0))/2 - p.x0), size: SizeSan, keepNext: true}})
	}
	if st.Unit != "" {
		p, err := b.set(FangSong, tableSize, path+".unit").single("单位："+st.Unit, 0)
		if err != nil {
			return err
		}
		f.place([]row{{kind: "tableunit", p: p.shift(fr.right() - p.x1), size: tableSize, keepNext: true}})
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
	next := func() {
		if landscape {
			f.newLandscapePage()
		} else {
			f.newPage()
		}
	}
	if f.line+header.height+min(1, len(rows))*firstHeight(rows) > f.lines() {
		next()
	}
	b.putRow(header, widths, &start)
	for _, r := range rows {
		if f.line+r.height > f.lines() {
			b.closeTable(widths, start)
			next()
			start = -1
			b.putRow(header, widths, &start)
		}
		b.putRow(r, widths, &start)
	}
	b.closeTable(widths, start)
	if st.Notes != "" {
		lines, err := b.running(FangSong, tableSize, path+".notes").para(st.Notes, fr.left, fr.width, fr.left, fr.width)
		if err != nil {
			return err
		}
		f.place(rowsOf("tablenote", lines, tableSize, Black))
	}
	if landscape {
		f.line = f.lines() // what follows goes on an upright page again
	}
	return nil
}

// tableWidths gives the columns' widths in the upright 版心, or, for a table
// too wide for it even with its text wrapped, on landscape pages (§8).
// Labels are first given room for two lines, then squeezed down to two
// characters a line, before a table goes landscape.
func (b *builder) tableWidths(st document.StatTable, path string) ([]float64, bool, error) {
	var err error
	for _, try := range []struct {
		avail     float64
		lines     int
		landscape bool
	}{{BoxWidth, 2, false}, {BoxWidth, 99, false}, {landscapeFrame.width, 2, true}, {landscapeFrame.width, 99, true}} {
		var w []float64
		if w, err = b.columnWidths(st, path, try.avail, try.lines); err == nil {
			return w, try.landscape, nil
		}
	}
	return nil, false, err
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
func (b *builder) columnWidths(st document.StatTable, path string, avail float64, labelLines int) ([]float64, error) {
	cols := st.Columns
	nat := make([]float64, len(cols))
	floor := make([]float64, len(cols))
	data := make([]float64, len(cols)) // the widest value of a text column: wrapping it costs every row
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
		// Labels wrap into labelLines lines (never narrower than two characters);
		// text values too; numbers never.
		minLabel := math.Min(label, math.Max(2*em, math.Ceil(label/float64(labelLines)/em)*em))
		if c.Type == document.ColText || c.Type == "" {
			floor[i] = math.Min(nat[i], minLabel+2*tablePad)
			data[i] = values + 2*tablePad
		} else {
			floor[i] = math.Max(values, minLabel) + 2*tablePad
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
	case total <= avail:
		for i := range w {
			w[i] = nat[i] + (avail-total)*nat[i]/total
		}
	case minTotal <= avail:
		// Numbers keep their width; text columns share what is left in proportion.
		// Every column gets its floor; then text columns grow toward their widest
		// value (a wrapped value makes every row taller); what is left goes to
		// long labels, in proportion to how much more each would like.
		copy(w, floor)
		spare := avail - minTotal
		spare = share(w, spare, func(i int) float64 { return math.Max(0, data[i]-w[i]) })
		share(w, spare, func(i int) float64 { return nat[i] - w[i] })
	default:
		return nil, fmt.Errorf("%s: 表格有%d列，即使折行、横排也宽于版心（需%.0f毫米，横排版心%.0f毫米）；请拆分表格或减少列数", path, len(cols), minTotal, avail)
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
	x := BoxLeft // putRow moves the cells onto the page's own 版心
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
	fr := f.frame()
	top := fr.lineTop(f.line)
	if *start < 0 {
		*start = f.line
	}
	thick := tableInner
	if f.line == *start {
		thick = tableFrame
	}
	f.page.Rules = append(f.page.Rules, Rule{X: fr.left, Y: top, W: fr.width, Thickness: thick})
	// Cells were set at the left of the upright 版心; a landscape page moves them.
	dx := fr.left - BoxLeft
	for _, c := range r.cells {
		for j, l := range c.lines {
			ln := f.line + j
			// Centre a cell's lines in the row's height.
			off := (r.height - len(c.lines)) / 2
			f.emit(r.kind, ln+off, l.shift(dx), tableSize, baselineIn(fr.lineTop(ln+off), tableSize), Black)
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
	fr := f.frame()
	top, bottom := fr.lineTop(start), fr.lineTop(f.line)
	f.page.Rules = append(f.page.Rules, Rule{X: fr.left, Y: bottom, W: fr.width, Thickness: tableFrame})
	x := fr.left
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

// share widens w by up to spare, each column in proportion to want(i), never
// past what it wants, and returns what is left.
func share(w []float64, spare float64, want func(i int) float64) float64 {
	total := 0.0
	for i := range w {
		total += want(i)
	}
	if total <= 0 || spare <= 0 {
		return spare
	}
	k := math.Min(1, spare/total)
	for i := range w {
		w[i] += want(i) * k
	}
	return spare - total*k
}
