package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// Page set-up values of excelize and the footer Chinese offices print.
const (
	paperA4     = 9
	pageFooter  = "&C第&P页 共&N页"
	titleHeight = 32 // points
	lineHeight  = 15 // points per wrapped line of 10–11 pt text
)

func itoa(i int) string { return strconv.Itoa(i) }

// writeSheet fills the sheet of s. Everything that lives in the worksheet's
// own settings (widths, panes, filter, page set-up, print titles, chart) is set
// first; the stream writer then writes the cells and keeps those settings.
func writeSheet(f *excelize.File, st *styles, a *document.Annex, s *document.StatTable) error {
	l := layoutOf(s)
	cs := columnsOf(s)
	widths := columnWidths(s)
	lastCol := cs.letter[s.Columns[l.cols-1].Key]
	name := s.Name

	if err := setUp(f, s, l, lastCol, widths); err != nil {
		return err
	}
	chartRow := l.last + 2
	if err := addChart(f, s, l, cs, widths, chartRow); err != nil {
		return err
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	span := func(row int) error { return sw.MergeCell("A"+itoa(row), lastCol+itoa(row)) }
	total := 0.0
	for _, w := range widths {
		total += w
	}

	// Title, then issuer, period and unit, each merged across the table.
	title := s.Title
	if title == "" {
		title = a.Title
	}
	if err := sw.SetRow("A"+itoa(l.title), spanned(title, st.title, l.cols),
		excelize.RowOpts{Height: max(titleHeight, float64(wrappedLines(title, total/2))*22)}); err != nil {
		return err
	}
	info := infoLine(a, s)
	if err := sw.SetRow("A"+itoa(l.info), spanned(info, st.info, l.cols),
		excelize.RowOpts{Height: float64(wrappedLines(info, total)) * lineHeight * 1.2}); err != nil {
		return err
	}
	if l.cols > 1 {
		if err := span(l.title); err != nil {
			return err
		}
		if err := span(l.info); err != nil {
			return err
		}
	}

	header := make([]any, l.cols)
	lines := 1
	for i, c := range s.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Label}
		lines = max(lines, wrappedLines(c.Label, widths[i]))
	}
	if err := sw.SetRow("A"+itoa(l.header), header, excelize.RowOpts{Height: float64(lines)*lineHeight + 6}); err != nil {
		return err
	}

	var totals map[string]any
	if l.totals > 0 {
		totals = s.Totals()
	}
	row := make([]any, l.cols)
	for i, r := range s.Rows {
		s.Rows[i] = nil // Write made s for this workbook: let a written row go, so a big table is not held twice
		n := l.firstData + i
		for j, c := range s.Columns {
			cell := excelize.Cell{StyleID: st.cellStyle(c.Type, false), Value: r[c.Key]}
			if d := s.DerivedFor(c.Key); d != nil {
				cell.Formula = cs.rowFormula(d, n)
				if cell.Value == nil {
					cell.Value = "" // the formula's cached result is blank text
				}
			}
			row[j] = cell
		}
		if err := sw.SetRow("A"+itoa(n), row); err != nil {
			return err
		}
	}

	if l.totals > 0 {
		for j, c := range s.Columns {
			cell := excelize.Cell{StyleID: st.cellStyle(c.Type, true), Value: totals[c.Key]}
			switch d := s.DerivedFor(c.Key); {
			case c.Sum:
				cell.Formula = cs.columnSum(c.Key, l.firstData, l.lastData)
			case d != nil:
				cell.Formula = cs.rowFormula(d, l.totals)
			case j == 0:
				cell.StyleID = st.totalLabel
			}
			if cell.Formula != "" && cell.Value == nil {
				cell.Value = ""
			}
			row[j] = cell
		}
		if err := sw.SetRow("A"+itoa(l.totals), row); err != nil {
			return err
		}
	}

	if l.notes > 0 {
		notes := "注：" + strings.TrimPrefix(strings.TrimPrefix(s.Notes, "注："), "注:")
		if err := sw.SetRow("A"+itoa(l.notes), spanned(notes, st.notes, l.cols),
			excelize.RowOpts{Height: float64(wrappedLines(notes, total)) * lineHeight}); err != nil {
			return err
		}
		if l.cols > 1 {
			if err := span(l.notes); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// spanned is a row of n cells, text in the first, all of one style, to be merged.
func spanned(text string, style, n int) []any {
	row := make([]any, n)
	row[0] = excelize.Cell{StyleID: style, Value: text}
	for i := 1; i < n; i++ {
		row[i] = excelize.Cell{StyleID: style}
	}
	return row
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

// setUp sets the worksheet's own settings before the stream writer takes it.
// Order matters: excelize's AutoFilter replaces the sheet properties, so
// FitToPage is set after it.
func setUp(f *excelize.File, s *document.StatTable, l layout, lastCol string, widths []float64) error {
	name := s.Name
	total := 0.0
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
		total += w
	}
	if err := f.SetPanes(name, &excelize.Panes{
		Freeze:      true,
		YSplit:      l.header,
		TopLeftCell: "A" + itoa(l.firstData),
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: "A" + itoa(l.firstData), ActiveCell: "A" + itoa(l.firstData), Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	if err := f.AutoFilter(name, "A"+itoa(l.header)+":"+lastCol+itoa(l.lastData), nil); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	orientation := "portrait"
	if total > landscapeWidth {
		orientation = "landscape"
	}
	size, wide, tall := paperA4, 1, 0 // fit to one page wide, as many tall as it takes
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Horizontally: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: pageFooter}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: sheetRef(name, "$"+itoa(l.header), "$"+itoa(l.header)),
		Scope:    name,
	})
}
