package xlsx

import (
	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// Page set-up values of excelize and the footer Chinese offices print.
const (
	paperA4    = 9
	pageFooter = "&C第&P页 共&N页"
)

// setUp sets the worksheet's own settings before the stream writer takes it.
// Order matters: excelize's AutoFilter replaces the sheet properties, so
// FitToPage is set after it.
func setUp(f *excelize.File, s *document.StatTable, l layout, lastCol string, widths []float64) error {
	name := s.Name
	total := 0.0
	// Last column first: excelize puts each new <col> before the earlier ones,
	// and the stream writer copies them as they are; Excel wants them ascending.
	for i := len(widths) - 1; i >= 0; i-- {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
		total += widths[i]
	}
	// The stream writer keeps the dimension it finds, which would say A1.
	if err := f.SetSheetDimension(name, "A1:"+lastCol+itoa(l.last)); err != nil {
		return err
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
