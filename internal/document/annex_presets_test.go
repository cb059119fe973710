package document

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// decodeAnnexJSON decodes as DecodeAnnex does (numbers as json.Number) but
// without its checks, so that StatTables meets what only Go code can build
// (a preset with columns) and is tested on its own.
func decodeAnnexJSON(t *testing.T, data string) *Annex {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	var a Annex
	if err := dec.Decode(&a); err != nil {
		t.Fatal(err)
	}
	return &a
}

func ceramics(t *testing.T) *Annex {
	t.Helper()
	data, err := os.ReadFile("../../testdata/annex-ceramics.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := DecodeAnnex(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func keys(cols []Column) []string {
	var ks []string
	for _, c := range cols {
		ks = append(ks, c.Key)
	}
	return ks
}

// shown formats a row as the page and the workbook show it, column by column.
func shown(s StatTable, row map[string]any) []string {
	var out []string
	for _, c := range s.Columns {
		out = append(out, FormatValue(c, row[c.Key]))
	}
	return out
}

func TestStatTablesCeramics(t *testing.T) {
	tables, ps := ceramics(t).StatTables()
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	tests := []struct {
		name    string
		keys    []string
		first   []string // first data row as shown
		last    []string // last data row as shown
		totals  []string
		derived []string
	}{
		{
			name:    "技能培训",
			keys:    []string{"course", "y2021", "y2022", "total"},
			first:   []string{"陶瓷机械", "412", "455", "867"},
			last:    []string{"陶瓷销售", "170", "194", "364"},
			totals:  []string{"合计", "1,712", "1,827", "3,539"},
			derived: []string{"total"},
		},
		{
			name:    "职称评审",
			keys:    []string{"year", "series", "level", "method", "applicants", "passed", "rate"},
			first:   []string{"2021", "工艺美术", "中级", "评审", "36", "30", "83.3%"},
			last:    []string{"2021", "工艺美术", "初级", "认定", "46", "46", "100.0%"},
			totals:  []string{"合计", "", "", "", "82", "76", "92.7%"},
			derived: []string{"rate"},
		},
		{
			name:    "招聘服务",
			keys:    []string{"region", "fairs", "employers", "positions", "seekers", "agreements", "rate"},
			first:   []string{"全市", "219", "5,248", "191,700", "111,000", "32,000", "28.8%"},
			last:    []string{"醴陵市（陶瓷产业链）", "17", "", "5,000", "", "2,307", ""},
			totals:  []string{"合计", "236", "5,248", "196,700", "111,000", "34,307", "30.9%"},
			derived: []string{"rate"},
		},
	}
	if len(tables) != len(tests) {
		t.Fatalf("%d tables, want %d", len(tables), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tables[i]
			if s.Name != tt.name {
				t.Errorf("name %q, want %q", s.Name, tt.name)
			}
			if got := keys(s.Columns); !slices.Equal(got, tt.keys) {
				t.Errorf("columns %v, want %v", got, tt.keys)
			}
			if got := shown(s, s.Rows[0]); !slices.Equal(got, tt.first) {
				t.Errorf("first row %q, want %q", got, tt.first)
			}
			if got := shown(s, s.Rows[len(s.Rows)-1]); !slices.Equal(got, tt.last) {
				t.Errorf("last row %q, want %q", got, tt.last)
			}
			if !s.HasTotals() {
				t.Fatal("no totals row")
			}
			if got := shown(s, s.Totals()); !slices.Equal(got, tt.totals) {
				t.Errorf("totals %q, want %q", got, tt.totals)
			}
			for _, k := range tt.derived {
				if s.DerivedFor(k) == nil {
					t.Errorf("column %s not declared derived", k)
				}
			}
		})
	}
}

func TestExpandTrainingWithCentres(t *testing.T) {
	a := decodeAnnexJSON(t, `{"title":"t","issuer":"i","tables":[{"kind":"training","rows":[
		{"center":"醴陵中心","course":"彩绘","year":2022,"trainees":10},
		{"center":"醴陵中心","course":"彩绘","year":2021,"trainees":5},
		{"center":"市中心","course":"彩绘","year":2021,"trainees":7}]}]}`)
	tbl, ps := a.Tables[0].Expand("tables[0]")
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if got := keys(tbl.Columns); !slices.Equal(got, []string{"center", "course", "y2021", "y2022", "total"}) {
		t.Fatalf("columns %v", got)
	}
	if len(tbl.Rows) != 2 || tbl.Rows[1]["y2022"] != nil || tbl.Rows[1]["total"] != int64(7) {
		t.Errorf("rows %v", tbl.Rows)
	}
}

func TestStatTablesProblems(t *testing.T) {
	tests := []struct {
		name   string
		tables string // the tables array
		want   []string
	}{
		{"passed above applicants",
			`[{"kind":"training","rows":[{"course":"a","year":2021,"trainees":1}]},
			  {"kind":"evaluation","rows":[{"year":2021,"series":"工艺美术","level":"中级","method":"评审","applicants":36,"passed":40}]}]`,
			[]string{"tables[1].rows[0].passed: 通过人数(40)大于申报人数(36)"}},
		{"negative count",
			`[{"kind":"training","rows":[{"course":"a","year":2021,"trainees":-5}]}]`,
			[]string{"tables[0].rows[0].trainees: 培训人次不能为负数(-5)"}},
		{"missing required",
			`[{"kind":"training","rows":[{"year":2021,"trainees":5}]}]`,
			[]string{"tables[0].rows[0].course: 缺少培训项目（course）"}},
		{"wrong type",
			`[{"kind":"jobfair","rows":[{"region":"全市","fairs":"219"}]}]`,
			[]string{"tables[0].rows[0].fairs: 招聘会（场）应为整数（不加引号），实际为文字“219”"}},
		{"not an integer",
			`[{"kind":"jobfair","rows":[{"region":"全市","fairs":2.5}]}]`,
			[]string{"tables[0].rows[0].fairs: 招聘会（场）应为整数，实际为数字 2.5"}},
		{"unknown row key",
			`[{"kind":"training","rows":[{"course":"a","year":2021,"trainee":5}]}]`,
			[]string{
				"tables[0].rows[0].trainee: 未知字段“trainee”；是否应为 trainees？可用字段：course（培训项目）、year（年度）、trainees（培训人次）、center（培训中心）",
				"tables[0].rows[0].trainees: 缺少培训人次（trainees）",
			}},
		{"bad method and year",
			`[{"kind":"evaluation","rows":[{"year":21,"series":"s","level":"l","method":"考核","applicants":1,"passed":1}]}]`,
			[]string{
				"tables[0].rows[0].year: 年度应为四位数的年份，如 2021，实际为 21",
				"tables[0].rows[0].method: 评价方式应为“评审”或“认定”，实际为“考核”",
			}},
		{"duplicate training row",
			`[{"kind":"training","rows":[{"course":"a","year":2021,"trainees":1},{"course":"a","year":2021,"trainees":2}]}]`,
			[]string{"tables[0].rows[1].year: 与 rows[0] 重复（培训项目“a”，2021年）；同一项目同一年度只写一行"}},
		{"unknown kind",
			`[{"kind":"trainig","rows":[{"course":"a"}]}]`,
			[]string{"tables[0].kind: 未知的预设“trainig”，可用：training、evaluation、jobfair；通用表格不写 kind，改为给出 columns"}},
		{"no rows",
			`[{"kind":"jobfair","rows":[]}]`,
			[]string{"tables[0].rows: 表格没有数据行；jobfair 的每一行应有字段：region（地区）、fairs（招聘会（场））、employers（参会单位（家次））、positions（提供岗位（个））、seekers（求职人数（人次））、agreements（达成意向（人））"}},
		{"generic checks",
			`[{"columns":[{"key":"item","label":"项目"},{"key":"n","label":"人数","type":"int","sum":true},{"key":"d","label":"增减","type":"number"}],
			   "rows":[{"n":3},{"item":"b","n":"x","d":-1.5},{"item":"c","note":1}]}]`,
			[]string{
				"tables[0].rows[0].item: 缺少项目（item）",
				"tables[0].rows[1].n: 人数应为整数（不加引号），实际为文字“x”",
				"tables[0].rows[2].note: 未知字段“note”；可用字段：item（项目）、n（人数）、d（增减）",
			}},
		{"generic columns",
			`[{"columns":[{"key":"a","label":"甲","type":"money"},{"key":"a","label":"","type":"text","sum":true}],"rows":[{"a":"x"}]}]`,
			[]string{
				"tables[0].columns[0].type: 未知的列类型“money”，可用：text、int、number、percent",
				"tables[0].columns[1].key: key“a”与 columns[0] 重复",
				"tables[0].columns[1].label: 缺少列标题 label（表头显示的中文名称）",
				"tables[0].columns[1].sum: 只有 int 或 number 类型的列可以合计（此列为 text）",
			}},
		{"preset with columns",
			`[{"kind":"jobfair","columns":[{"key":"x","label":"x"}],"rows":[{"region":"r"}]}]`,
			[]string{"tables[0].columns: 预设表格（kind: jobfair）的列由预设生成，请删除 columns，只给出 rows"}},
		{"sheet names Excel refuses",
			`[{"name":"招聘/服务","kind":"jobfair","rows":[{"region":"r"}]},
			  {"name":"History","kind":"jobfair","rows":[{"region":"r"}]},
			  {"name":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二","kind":"jobfair","rows":[{"region":"r"}]},
			  {"name":"甲","kind":"jobfair","rows":[{"region":"r"}]},
			  {"name":"甲","kind":"jobfair","rows":[{"region":"r"}]}]`,
			[]string{
				"tables[0].name: 工作表名称“招聘/服务”含有 Excel 不允许的字符（: \\ / ? * [ ] 之一），可改用中文全角符号",
				"tables[1].name: 工作表名称不能是 History（Excel 保留的名称）",
				"tables[2].name: 工作表名称“一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二”超过 Excel 的 31 个字符上限，请缩短",
				"tables[4].name: 工作表名称“甲”与 tables[3] 重复（不区分大小写）；每张表的 name 须不同",
			}},
		{"no tables", `[]`, []string{"tables: 附件至少应有一张表"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := decodeAnnexJSON(t, `{"title":"t","issuer":"i","tables":`+tt.tables+`}`)
			_, ps := a.StatTables()
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestDefaultSheetNames(t *testing.T) {
	a := decodeAnnexJSON(t, `{"title":"t","issuer":"i","tables":[
		{"kind":"jobfair","rows":[{"region":"r"}]},
		{"name":"招聘服务","kind":"jobfair","rows":[{"region":"r"}]},
		{"columns":[{"key":"a","label":"甲"}],"rows":[{"a":"x"}]}]}`)
	tables, ps := a.StatTables()
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	var names []string
	for _, s := range tables {
		names = append(names, s.Name)
	}
	if want := []string{"招聘服务2", "招聘服务", "表3"}; !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
}

func TestDerivedEval(t *testing.T) {
	ratio := Derived{Key: "r", Op: OpRatio, Of: []string{"a", "b"}}
	sum := Derived{Key: "s", Op: OpSum, Of: []string{"a", "b"}}
	tests := []struct {
		name string
		d    Derived
		row  map[string]any
		want float64
		ok   bool
	}{
		{"ratio", ratio, map[string]any{"a": int64(30), "b": int64(36)}, 30.0 / 36, true},
		{"ratio of json numbers", ratio, map[string]any{"a": json.Number("1"), "b": json.Number("4")}, 0.25, true},
		{"ratio by zero is blank", ratio, map[string]any{"a": int64(1), "b": int64(0)}, 0, false},
		{"ratio of a blank is blank", ratio, map[string]any{"b": int64(3)}, 0, false},
		{"sum counts blanks as 0", sum, map[string]any{"a": int64(2)}, 2, true},
		{"sum of floats", sum, map[string]any{"a": 1.5, "b": 2}, 3.5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.d.Eval(tt.row)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Eval = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCellNumber(t *testing.T) {
	type count int
	tests := []struct {
		v    any
		want float64
		ok   bool
	}{
		{json.Number("36"), 36, true},
		{json.Number("x"), 0, false},
		{int64(-2), -2, true},
		{count(7), 7, true},
		{uint8(3), 3, true},
		{float32(0.5), 0.5, true},
		{"36", 0, false},
		{true, 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		if got, ok := CellNumber(tt.v); got != tt.want || ok != tt.ok {
			t.Errorf("CellNumber(%#v) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		typ  string
		v    any
		want string
	}{
		{ColInt, int64(3539), "3,539"},
		{ColInt, int64(-1234567), "-1,234,567"},
		{ColInt, int64(999), "999"},
		{ColInt, nil, ""},
		{ColNumber, 19.17, "19.17"},
		{ColNumber, 1234.5, "1,234.50"},
		{ColPercent, 30.0 / 36, "83.3%"},
		{ColPercent, 0.0625, "6.3%"},
		{ColPercent, 1.0, "100.0%"},
		{ColText, "陶瓷", "陶瓷"},
	}
	for _, tt := range tests {
		if got := FormatValue(Column{Type: tt.typ}, tt.v); got != tt.want {
			t.Errorf("FormatValue(%s, %v) = %q, want %q", tt.typ, tt.v, got, tt.want)
		}
	}
}
