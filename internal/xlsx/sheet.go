package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// Row heights, in points.
const (
	titleHeight = 32 // one line of the 16 pt title
	lineHeight  = 15 // a line of 10–11 pt text
)

func itoa(i int) string { return strconv.Itoa(i) }

// sheetWriter streams the cells of one sheet.
type sheetWriter struct {
	sw      *excelize.StreamWriter
	st      *styles
	s       *document.StatTable
	l       layout
	cs      columns
	widths  []float64
	width   float64             // of the whole table
	derived []*document.Derived // by column; nil for a column of data
	lastCol string
}

// writeSheet fills the sheet of s, which Write made for this workbook alone:
// its rows are let go as they are written, so that a big table is not held
// twice. Everything that lives in the worksheet's own settings (widths, panes,
// filter, page set-up, print titles, chart) is set first; the stream writer
// then writes the cells and keeps those settings.
func writeSheet(f *excelize.File, st *styles, a *document.Annex, s *document.StatTable) error {
	w := &sheetWriter{st: st, s: s, l: layoutOf(s), cs: columnsOf(s), widths: columnWidths(s)}
	w.lastCol = w.cs.letter[s.Columns[len(s.Columns)-1].Key]
	for i, c := range s.Columns {
		w.width += w.widths[i]
		w.derived = append(w.derived, s.DerivedFor(c.Key))
	}
	if err := setUp(f, s, w.l, w.lastCol, w.widths); err != nil {
		return err
	}
	if err := addChart(f, s, w.l, w.cs, w.widths, w.l.last+2); err != nil {
		return err
	}
	var err error
	if w.sw, err = f.NewStreamWriter(s.Name); err != nil {
		return err
	}
	var totals map[string]any
	if w.l.totals > 0 {
		totals = s.Totals() // before the rows go
	}
	title := s.Title
	if title == "" {
		title = a.Title
	}
	for _, step := range []func() error{
		func() error {
			return w.spanRow(w.l.title, title, st.title, max(titleHeight, 22*w.lines(title, w.width/2)))
		},
		func() error {
			return w.spanRow(w.l.info, infoLine(a, s), st.info, 1.2*lineHeight*w.lines(infoLine(a, s), w.width))
		},
		w.header,
		w.data,
		func() error { return w.totals(totals) },
		w.notes,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return w.sw.Flush()
}

func (w *sheetWriter) lines(text string, width float64) float64 {
	return float64(wrappedLines(text, width))
}

// spanRow writes text in one cell merged across the table.
func (w *sheetWriter) spanRow(row int, text string, style int, height float64) error {
	cells := make([]any, w.l.cols)
	for i := range cells {
		cells[i] = excelize.Cell{StyleID: style}
	}
	cells[0] = excelize.Cell{StyleID: style, Value: text}
	if err := w.sw.SetRow("A"+itoa(row), cells, excelize.RowOpts{Height: height}); err != nil {
		return err
	}
	if w.l.cols == 1 {
		return nil
	}
	return w.sw.MergeCell("A"+itoa(row), w.lastCol+itoa(row))
}

func (w *sheetWriter) header() error {
	cells := make([]any, w.l.cols)
	lines := 1.0
	for i, c := range w.s.Columns {
		cells[i] = excelize.Cell{StyleID: w.st.header, Value: c.Label}
		lines = max(lines, w.lines(c.Label, w.widths[i]))
	}
	return w.sw.SetRow("A"+itoa(w.l.header), cells, excelize.RowOpts{Height: lines*lineHeight + 6})
}

// data writes the rows: values as numbers, a derived cell as its formula with
// the value document computed cached beside it.
func (w *sheetWriter) data() error {
	cells := make([]any, w.l.cols)
	for i, r := range w.s.Rows {
		w.s.Rows[i] = nil
		n := w.l.firstData + i
		for j, c := range w.s.Columns {
			cell := excelize.Cell{StyleID: w.st.cellStyle(c.Type, false), Value: r[c.Key]}
			if d := w.derived[j]; d != nil {
				cell.Formula = w.cs.rowFormula(d, n)
			}
			cells[j] = blankResult(cell)
		}
		if err := w.sw.SetRow("A"+itoa(n), cells); err != nil {
			return err
		}
	}
	return nil
}

// totals writes the 合计 row: SUM over each summed column, a derived column
// computed on the totals (the rate of the sums), the label under the first.
func (w *sheetWriter) totals(values map[string]any) error {
	if w.l.totals == 0 {
		return nil
	}
	cells := make([]any, w.l.cols)
	for j, c := range w.s.Columns {
		cell := excelize.Cell{StyleID: w.st.cellStyle(c.Type, true), Value: values[c.Key]}
		switch {
		case c.Sum:
			cell.Formula = w.cs.columnSum(c.Key, w.l.firstData, w.l.lastData)
		case w.derived[j] != nil:
			cell.Formula = w.cs.rowFormula(w.derived[j], w.l.totals)
		case j == 0:
			cell.StyleID = w.st.totalLabel
		}
		cells[j] = blankResult(cell)
	}
	return w.sw.SetRow("A"+itoa(w.l.totals), cells)
}

// blankResult caches an empty text for a formula whose result is blank (a
// rate without its figures), as Excel stores ="" — not a missing value.
func blankResult(c excelize.Cell) excelize.Cell {
	if c.Formula != "" && c.Value == nil {
		c.Value = ""
	}
	return c
}

func (w *sheetWriter) notes() error {
	if w.l.notes == 0 {
		return nil
	}
	text := "注：" + strings.TrimPrefix(strings.TrimPrefix(w.s.Notes, "注："), "注:")
	return w.spanRow(w.l.notes, text, w.st.notes, lineHeight*w.lines(text, w.width))
}

// infoLine is the line under the title: 填报单位, 统计时段 and 单位.
func infoLine(a *document.Annex, s *document.StatTable) string {
	var parts []string
	if a.Issuer != "" {
		parts = append(parts, "填报单位："+a.Issuer)
	}
	if a.Period != "" {
		parts = append(parts, "统计时段："+a.Period)
	}
	if s.Unit != "" {
		parts = append(parts, "单位："+s.Unit)
	}
	return strings.Join(parts, "　　")
}
