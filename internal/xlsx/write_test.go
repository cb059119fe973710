package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

const ceramicsPath = "../../testdata/annex-ceramics.json"

// decodeAnnex reads an annex as the CLI and the service do.
func decodeAnnex(t testing.TB, data []byte) *document.Annex {
	t.Helper()
	a, err := document.DecodeAnnex(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func ceramics(t testing.TB) *document.Annex {
	t.Helper()
	data, err := os.ReadFile(ceramicsPath)
	if err != nil {
		t.Fatal(err)
	}
	return decodeAnnex(t, data)
}

func writeBytes(t testing.TB, a *document.Annex) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

type cellWant struct {
	ref, shown, formula string
}

func TestWriteCeramics(t *testing.T) {
	data := writeBytes(t, ceramics(t))
	f := open(t, data)

	if got, want := f.GetSheetList(), []string{"技能培训", "职称评审", "招聘服务"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	tests := []struct {
		sheet     string
		dimension string
		merges    []string
		cells     []cellWant
	}{
		{"技能培训", "A1:D8", []string{"A1:D1", "A2:D2"}, []cellWant{
			{"A1", "陶瓷产业技能培训情况", ""},
			{"A2", "填报单位：株洲市人力资源和社会保障局　　统计时段：2021—2022年　　单位：人次", ""},
			{"A3", "培训项目", ""}, {"B3", "2021年", ""}, {"C3", "2022年", ""}, {"D3", "合计", ""},
			{"A4", "陶瓷机械", ""}, {"B4", "412", ""}, {"D4", "867", "SUM(B4:C4)"},
			{"A8", "合计", ""},
			{"B8", "1,712", "SUM(B4:B7)"},
			{"C8", "1,827", "SUM(C4:C7)"},
			{"D8", "3,539", "SUM(D4:D7)"},
		}},
		{"职称评审", "A1:G7", []string{"A1:G1", "A2:G2", "A7:G7"}, []cellWant{
			{"A4", "2021", ""}, {"D4", "评审", ""}, {"E4", "36", ""}, {"F4", "30", ""},
			{"G4", "83.3%", `IF(OR(F4="",N(E4)=0),"",F4/E4)`},
			{"A6", "合计", ""},
			{"E6", "82", "SUM(E4:E5)"}, {"F6", "76", "SUM(F4:F5)"},
			{"G6", "92.7%", `IF(OR(F6="",N(E6)=0),"",F6/E6)`},
			{"A7", "注：通过率＝通过人数÷申报人数。", ""},
		}},
		{"招聘服务", "A1:G7", []string{"A1:G1", "A2:G2", "A7:G7"}, []cellWant{
			{"A2", "填报单位：株洲市人力资源和社会保障局　　统计时段：2021—2022年", ""},
			{"C5", "", ""}, {"F5", "2,307", ""},
			{"G5", "", `IF(OR(F5="",N(E5)=0),"",F5/E5)`},
			{"A6", "合计", ""},
			{"B6", "236", "SUM(B4:B5)"},
			{"C6", "5,248", "SUM(C4:C5)"},
			{"D6", "196,700", "SUM(D4:D5)"},
			{"E6", "111,000", "SUM(E4:E5)"},
			{"F6", "34,307", "SUM(F4:F5)"},
			{"G6", "30.9%", `IF(OR(F6="",N(E6)=0),"",F6/E6)`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.sheet, func(t *testing.T) {
			for _, c := range tt.cells {
				if got, _ := f.GetCellValue(tt.sheet, c.ref); got != c.shown {
					t.Errorf("%s shows %q, want %q", c.ref, got, c.shown)
				}
				if got, _ := f.GetCellFormula(tt.sheet, c.ref); got != c.formula {
					t.Errorf("%s formula %q, want %q", c.ref, got, c.formula)
				}
			}
			merges, err := f.GetMergeCells(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			var refs []string
			for _, m := range merges {
				refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
			}
			if !slices.Equal(refs, tt.merges) {
				t.Errorf("merges %v, want %v", refs, tt.merges)
			}
			panes, err := f.GetPanes(tt.sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 3 || panes.TopLeftCell != "A4" {
				t.Errorf("panes %+v, %v; want the header frozen above A4", panes, err)
			}
			pl, err := f.GetPageLayout(tt.sheet)
			if err != nil || *pl.Size != paperA4 || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
				t.Errorf("page layout %+v, %v; want A4 fitted to one page wide", pl, err)
			}
			hf, err := f.GetHeaderFooter(tt.sheet)
			if err != nil || hf.OddFooter != "&C第&P页 共&N页" {
				t.Errorf("footer %+v, %v", hf, err)
			}
			if dim, err := f.GetSheetDimension(tt.sheet); err != nil || dim != tt.dimension {
				t.Errorf("dimension %q, %v; want %q", dim, err, tt.dimension)
			}
			props, err := f.GetSheetProps(tt.sheet)
			if err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("sheet props %+v, %v; want FitToPage", props, err)
			}
		})
	}

	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		names[d.Scope+" "+d.Name] = d.RefersTo
	}
	for _, want := range []struct{ key, ref string }{
		{"技能培训 _xlnm.Print_Titles", "'技能培训'!$3:$3"},
		{"技能培训 _xlnm._FilterDatabase", "'技能培训'!$A$3:$D$7"},
		{"招聘服务 _xlnm._FilterDatabase", "'招聘服务'!$A$3:$G$5"},
	} {
		if got := names[want.key]; got != want.ref {
			t.Errorf("defined name %s = %q, want %q (all: %v)", want.key, got, want.ref, names)
		}
	}

	data0, _ := readZipFile(data, "xl/worksheets/sheet1.xml")
	if cols := colMins.FindAllStringSubmatch(data0, -1); len(cols) != 4 || !slices.IsSortedFunc(cols, func(a, b []string) int { return strings.Compare(a[1], b[1]) }) {
		t.Errorf("<col> elements %v, want 4 in ascending order (Excel repairs the file otherwise)", cols)
	}

	props, err := f.GetDocProps()
	if err != nil || props.Title != "株洲市陶瓷产业人才培养和就业服务情况统计" || props.Creator != "株洲市人力资源和社会保障局" {
		t.Errorf("doc props %+v, %v", props, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 3 {
		t.Errorf("%d charts, want one per preset table (3)", charts)
	}
}

// TestFormulasMatchCachedValues recalculates every formula with excelize's
// engine and compares it with the value written beside it, which came from
// document.Derived.Eval and StatTable.Totals: the formula a spreadsheet
// recalculates and the figure a PDF prints must agree.
func TestFormulasMatchCachedValues(t *testing.T) {
	a := ceramics(t)
	f := open(t, writeBytes(t, a))
	tables, _ := a.StatTables()
	formulas := 0
	for _, s := range tables {
		rows, err := f.GetRows(s.Name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r := range rows {
			for c := range rows[r] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(s.Name, ref)
				if formula == "" {
					continue
				}
				formulas++
				cached := rows[r][c]
				calc, err := f.CalcCellValue(s.Name, ref, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Errorf("%s!%s %s: %v", s.Name, ref, formula, err)
					continue
				}
				if !sameNumber(calc, cached) {
					t.Errorf("%s!%s = %s recalculates to %q, cached %q", s.Name, ref, formula, calc, cached)
				}
			}
		}
	}
	// 技能培训 4 row totals + 3 column totals; 职称评审 2 rates + 3 totals; 招聘服务 2 rates + 6 totals.
	if formulas != 20 {
		t.Errorf("%d formulas, want 20", formulas)
	}
}

var colMins = regexp.MustCompile(`<col min="(\d+)"`)

func readZipFile(data []byte, name string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				return "", err
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			return string(b), err
		}
	}
	return "", os.ErrNotExist
}

func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-9*math.Max(1, math.Abs(y))
}

// TestCellsShowAsDocument checks that every cell shows, through the workbook's
// number format, the text document.FormatValue gives a PDF page.
func TestCellsShowAsDocument(t *testing.T) {
	a := ceramics(t)
	f := open(t, writeBytes(t, a))
	tables, _ := a.StatTables()
	for _, s := range tables {
		l := layoutOf(&s)
		rows := append(slices.Clone(s.Rows), s.Totals())
		for i, r := range rows {
			for j, c := range s.Columns {
				ref, _ := excelize.CoordinatesToCellName(j+1, l.firstData+i)
				got, _ := f.GetCellValue(s.Name, ref)
				if want := document.FormatValue(c, r[c.Key]); got != want {
					t.Errorf("%s!%s shows %q, the PDF would print %q", s.Name, ref, got, want)
				}
				typ, _ := f.GetCellType(s.Name, ref)
				if r[c.Key] != nil && c.Type != document.ColText && typ == excelize.CellTypeInlineString {
					t.Errorf("%s!%s holds a number as text", s.Name, ref)
				}
			}
		}
	}
}

func TestWriteBadInput(t *testing.T) {
	tests := []struct {
		name   string
		tables string
		want   string
	}{
		{"passed above applicants",
			`[{"kind":"training","rows":[{"course":"a","year":2021,"trainees":1}]},
			  {"kind":"evaluation","rows":[{"year":2021,"series":"工艺美术","level":"中级","method":"评审","applicants":36,"passed":40}]}]`,
			"tables[1].rows[0].passed: 通过人数(40)大于申报人数(36)"},
		{"negative number",
			`[{"kind":"jobfair","rows":[{"region":"全市","seekers":-3}]}]`,
			"tables[0].rows[0].seekers: 求职人数（人次）不能为负数(-3)"},
		{"missing required column",
			`[{"kind":"evaluation","rows":[{"year":2021,"series":"s","level":"l","method":"认定","passed":1}]}]`,
			"tables[0].rows[0].applicants: 缺少申报人数（applicants）"},
		{"value of the wrong type",
			`[{"kind":"training","rows":[{"course":"a","year":"2021年","trainees":1}]}]`,
			"tables[0].rows[0].year: 年度应为整数（不加引号），实际为文字“2021年”"},
		{"unknown row key",
			`[{"kind":"jobfair","rows":[{"region":"全市","fair":3}]}]`,
			"tables[0].rows[0].fair: 未知字段“fair”；是否应为 fairs？可用字段：region（地区）、fairs（招聘会（场））、employers（参会单位（家次））、positions（提供岗位（个））、seekers（求职人数（人次））、agreements（达成意向（人））"},
		{"sheet name Excel refuses",
			`[{"name":"2021[上]","kind":"jobfair","rows":[{"region":"全市"}]}]`,
			"tables[0].name: 工作表名称“2021[上]”含有 Excel 不允许的字符（: \\ / ? * [ ] 之一），可改用中文全角符号"},
		{"generic missing label",
			`[{"columns":[{"key":"k","label":"项目"},{"key":"n","label":"数","type":"int"}],"rows":[{"n":1}]}]`,
			"tables[0].rows[0].k: 缺少项目（k）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := decodeAnnex(t, []byte(`{"title":"t","issuer":"i","tables":`+tt.tables+`}`))
			var buf bytes.Buffer
			err := Write(&buf, a)
			var ps document.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err %v, want document.Problems", err)
			}
			if err.Error() != tt.want {
				t.Errorf("err:\n%s\nwant:\n%s", err, tt.want)
			}
			if buf.Len() > 0 {
				t.Errorf("wrote %d bytes despite the problems", buf.Len())
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "annex.xlsx")
	if err := WriteFile(path, ceramics(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue("技能培训", "D8"); got != "3,539" {
		t.Errorf("D8 = %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left %d files behind, want only annex.xlsx", len(entries))
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"3,539", 5},
		{"培训项目", 8},
		{"招聘会（场）", 12},
		{"2021—2022年", 12},
		{"醴陵市（陶瓷产业链）", 20},
	}
	for _, tt := range tests {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestColumnWidthsAndOrientation(t *testing.T) {
	a := ceramics(t)
	f := open(t, writeBytes(t, a))
	// 醴陵市（陶瓷产业链） is 20 columns wide: the region column must show it whole.
	if w, _ := f.GetColWidth("招聘服务", "A"); w < 20 {
		t.Errorf("region column width %v, narrower than its widest name", w)
	}
	for _, tc := range []struct{ sheet, want string }{{"技能培训", "portrait"}, {"招聘服务", "landscape"}} {
		pl, _ := f.GetPageLayout(tc.sheet)
		if *pl.Orientation != tc.want {
			t.Errorf("%s printed %s, want %s", tc.sheet, *pl.Orientation, tc.want)
		}
	}
}
