package xlsx

import (
	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// chartSpec is the chart drawn under a preset table: clustered columns of
// some of its figures, one cluster per row.
type chartSpec struct {
	title  string
	series func(s *document.StatTable) []string // column keys
}

var charts = map[string]chartSpec{
	document.KindTraining: {"各培训项目分年度培训人次", func(s *document.StatTable) []string {
		var keys []string // the year columns: data, not the derived row total
		for _, c := range s.Columns {
			if c.Type == document.ColInt && s.DerivedFor(c.Key) == nil {
				keys = append(keys, c.Key)
			}
		}
		return keys
	}},
	document.KindEvaluation: {"职称评审申报与通过人数", fixed("applicants", "passed")},
	document.KindJobfair:    {"招聘服务岗位、求职与达成意向", fixed("positions", "seekers", "agreements")},
}

func fixed(keys ...string) func(*document.StatTable) []string {
	return func(*document.StatTable) []string { return keys }
}

// addChart draws the chart of s's preset at row anchor, under the table. Its
// categories are the leading text columns (several make a multi-level axis:
// year, series, level, method).
func addChart(f *excelize.File, s *document.StatTable, l layout, cs columns, widths []float64, anchor int) error {
	spec, ok := charts[s.Kind]
	if !ok {
		return nil
	}
	lastLabel := 0
	for lastLabel+1 < len(s.Columns) && s.Columns[lastLabel+1].Type == document.ColText {
		lastLabel++
	}
	first, last := s.Columns[0].Key, s.Columns[lastLabel].Key
	categories := sheetRef(s.Name, absCell(cs.letter[first], l.firstData), absCell(cs.letter[last], l.lastData))
	var series []excelize.ChartSeries
	for _, k := range spec.series(s) {
		col, ok := cs.letter[k]
		if !ok {
			continue
		}
		series = append(series, excelize.ChartSeries{
			Name:       sheetRef(s.Name, absCell(col, l.header), ""),
			Categories: categories,
			Values:     sheetRef(s.Name, absCell(col, l.firstData), absCell(col, l.lastData)),
		})
	}
	if len(series) == 0 {
		return nil
	}
	px := 0.0
	for _, w := range widths {
		px += w*7 + 5 // Excel's pixels of a column of width w
	}
	width := uint(min(max(px, 480), 960))
	font := excelize.Font{Family: fontBody, Size: 10, Color: "404040"}
	return f.AddChart(s.Name, "A"+itoa(anchor), &excelize.Chart{
		Type:      excelize.Col,
		Series:    series,
		Dimension: excelize.ChartDimension{Width: width, Height: 300},
		Format:    excelize.GraphicOptions{OffsetX: 5, OffsetY: 5, AltText: spec.title},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: spec.title, Font: &excelize.Font{Family: fontBody, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &font},
		XAxis:     excelize.ChartAxis{Font: font},
		YAxis:     excelize.ChartAxis{Font: font, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
	})
}
