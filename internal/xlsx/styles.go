package xlsx

import (
	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// Fonts every Chinese Windows and WPS installation has; LibreOffice maps them
// to the CJK fonts it finds.
const (
	fontBody  = "宋体"
	fontTitle = "黑体"
)

// Number formats of the column types: thousands separators for counts, one
// decimal for a percentage. document.FormatValue shows the same text, which
// the tests check cell by cell.
var numFmts = map[string]string{
	document.ColInt:     "#,##0",
	document.ColNumber:  "#,##0.00",
	document.ColPercent: "0.0%",
}

// styles are the cell styles of one workbook, made once and shared by its sheets.
type styles struct {
	title, info, header, notes int
	cell                       map[string]int // data cells by column type
	total                      map[string]int // totals-row cells by column type
	totalLabel                 int
}

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	add := func(s excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(&s)
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(family string, size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: family, Size: size, Bold: bold}
	}
	align := func(h, v string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: v, WrapText: wrap}
	}
	st := &styles{
		title: add(excelize.Style{Font: font(fontTitle, 16, false), Alignment: align("center", "center", true)}),
		info:  add(excelize.Style{Font: font(fontBody, 10, false), Alignment: align("left", "center", true)}),
		header: add(excelize.Style{Font: font(fontBody, 11, true), Border: border, Alignment: align("center", "center", true),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}}),
		notes:      add(excelize.Style{Font: font(fontBody, 10, false), Alignment: align("left", "top", true)}),
		totalLabel: add(excelize.Style{Font: font(fontBody, 11, true), Border: border, Alignment: align("center", "center", false)}),
		cell:       map[string]int{},
		total:      map[string]int{},
	}
	for _, typ := range []string{document.ColText, document.ColInt, document.ColNumber, document.ColPercent} {
		s := excelize.Style{Border: border, Alignment: align("right", "center", false)}
		if typ == document.ColText {
			s.Alignment = align("left", "center", true)
		} else {
			code := numFmts[typ]
			s.CustomNumFmt = &code
		}
		s.Font = font(fontBody, 11, false)
		st.cell[typ] = add(s)
		s.Font = font(fontBody, 11, true)
		st.total[typ] = add(s)
	}
	return st, err
}

// cellStyle is the style of a data cell, or of a totals cell when total.
func (st *styles) cellStyle(typ string, total bool) int {
	if typ == "" {
		typ = document.ColText
	}
	if total {
		return st.total[typ]
	}
	return st.cell[typ]
}
