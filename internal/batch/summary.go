package batch

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// Statuses of an item in the summary workbook.
const (
	statusRendered = "已生成"
	statusFailed   = "生成失败"
	statusInvalid  = "输入有误"
)

// summaryRow is one line of the 办理情况汇总表.
type summaryRow struct {
	itemMeta
	Pages  int
	Status string
	Note   string // why an item was not rendered
}

// summaryColumns of the 办理情况汇总表, with their widths in characters.
var summaryColumns = []struct {
	header string
	width  float64
}{
	{"序号", 6}, {"发文字号", 22}, {"提出人", 14}, {"标题", 48}, {"答复类型", 10},
	{"答复类别", 8}, {"成文日期", 12}, {"页数", 6}, {"状态", 10}, {"说明", 40}, {"文件", 28},
}

// writeSummary writes the 办理情况汇总表: one row per item of the input, in
// input order, whatever became of it. It streams rows, so ten thousand
// items cost little memory.
func writeSummary(w io.Writer, rows []summaryRow) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "办理情况汇总表"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range summaryColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(summaryColumns))
	for i, c := range summaryColumns {
		header[i] = excelize.Cell{StyleID: bold, Value: c.header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, r := range rows {
		var pages any
		if r.Pages > 0 {
			pages = r.Pages
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{i + 1, r.Number, r.Deputy, r.Title, r.Kind,
			r.Category, r.Date, pages, r.Status, r.Note, r.File}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
