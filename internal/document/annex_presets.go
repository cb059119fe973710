package document

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Expand turns t into a generic Table: a preset becomes real columns with the
// derived columns declared and filled in; a generic table comes back with typed
// values. path is t's JSON path (tables[1]); problems name row and field under
// it, e.g. tables[1].rows[0].passed: 通过人数(40)大于申报人数(36).
func (t AnnexTable) Expand(path string) (Table, Problems) {
	s, ps := t.Stat(path)
	return s.Table, ps
}

// Stat is Expand keeping what a writer needs besides the Table: the formulas of
// the derived columns. The sheet name is checked by Annex.StatTables, which
// sees all names.
func (t AnnexTable) Stat(path string) (StatTable, Problems) {
	var ps Problems
	s := StatTable{Name: t.Name, Kind: t.Kind}
	s.Title, s.Unit, s.Notes = t.Title, t.Unit, t.Notes
	if t.Kind == "" {
		s.Columns, s.Rows = checkGeneric(&ps, path, t.Table)
		return s, ps
	}
	p, ok := presets[t.Kind]
	if !ok {
		ps.add(join(path, "kind"), "未知的预设“%s”，可用：%s；通用表格不写 kind，改为给出 columns", t.Kind, presetNames())
		return s, ps
	}
	if s.Notes == "" {
		s.Notes = p.notes
	}
	if len(t.Columns) > 0 {
		ps.add(join(path, "columns"), "预设表格（kind: %s）的列由预设生成，请删除 columns，只给出 rows", t.Kind)
	}
	if len(t.Rows) == 0 {
		ps.add(join(path, "rows"), "表格没有数据行；%s 的每一行应有字段：%s", t.Kind, fieldList(p.fields))
		return s, ps
	}
	rows := make([]map[string]any, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = checkRow(&ps, at(join(path, "rows"), i), r, p.fields, true)
	}
	if p.check != nil {
		for i, r := range rows {
			p.check(&ps, at(join(path, "rows"), i), r)
		}
	}
	if len(ps) > 0 {
		return s, ps
	}
	p.expand(&s, rows, &ps, join(path, "rows"))
	fillDerived(&s)
	return s, ps
}

func fillDerived(s *StatTable) {
	for _, d := range s.Derived {
		c := s.column(d.Key)
		for _, r := range s.Rows {
			if v, ok := d.Eval(r); ok {
				r[d.Key] = typed(c, v)
			}
		}
	}
}

// StatTables expands every table of the annex and settles its sheet name: the
// name given, which must be one Excel accepts and unique, or a default (the
// preset's name, 表N for a generic table).
func (a *Annex) StatTables() ([]StatTable, Problems) {
	var ps Problems
	if len(a.Tables) == 0 {
		ps.add("tables", "附件至少应有一张表")
		return nil, ps
	}
	out := make([]StatTable, len(a.Tables))
	taken := map[string]string{} // folded name -> path of the table that has it
	for i, t := range a.Tables {
		path := at("tables", i)
		s, tps := t.Stat(path)
		ps = append(ps, tps...)
		if t.Name != "" {
			if msg := sheetNameProblem(t.Name); msg != "" {
				ps.add(join(path, "name"), "%s", msg)
			} else if other, dup := taken[strings.ToLower(t.Name)]; dup {
				ps.add(join(path, "name"), "工作表名称“%s”与 %s 重复（不区分大小写）；每张表的 name 须不同", t.Name, other)
			} else {
				taken[strings.ToLower(t.Name)] = path
			}
		}
		out[i] = s
	}
	for i, t := range a.Tables {
		if t.Name == "" {
			out[i].Name = defaultSheetName(t, i, taken)
			taken[strings.ToLower(out[i].Name)] = at("tables", i)
		}
	}
	return out, ps
}

// maxSheetName is Excel's limit, counted in UTF-16 units.
const maxSheetName = 31

// sheetNameProblem says why Excel would refuse name, or "" when it accepts it.
func sheetNameProblem(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "工作表名称不能只有空格"
	case len(utf16.Encode([]rune(name))) > maxSheetName:
		return fmt.Sprintf("工作表名称“%s”超过 Excel 的 %d 个字符上限，请缩短", name, maxSheetName)
	case strings.ContainsAny(name, `:\/?*[]`):
		return fmt.Sprintf("工作表名称“%s”含有 Excel 不允许的字符（: \\ / ? * [ ] 之一），可改用中文全角符号", name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Sprintf("工作表名称“%s”不能以单引号开头或结尾", name)
	case strings.EqualFold(name, "History"):
		return "工作表名称不能是 History（Excel 保留的名称）"
	}
	return ""
}

func defaultSheetName(t AnnexTable, i int, taken map[string]string) string {
	base := "表" + strconv.Itoa(i+1)
	if p, ok := presets[t.Kind]; ok {
		base = p.sheet
	}
	name := base
	for n := 2; taken[strings.ToLower(name)] != ""; n++ {
		name = base + strconv.Itoa(n)
	}
	return name
}

// field is one row field of a preset.
type field struct {
	key, label, typ string
	required        bool
}

type preset struct {
	sheet  string // default sheet name
	notes  string // how the derived figures are made, printed under the table
	fields []field
	check  func(ps *Problems, path string, row map[string]any) // cross-field rules
	expand func(s *StatTable, rows []map[string]any, ps *Problems, rowsPath string)
}

var presets = map[string]preset{
	KindTraining: {
		sheet: "技能培训",
		fields: []field{
			{"course", "培训项目", ColText, true},
			{"year", "年度", ColInt, true},
			{"trainees", "培训人次", ColInt, true},
			{"center", "培训中心", ColText, false},
		},
		check:  checkYear,
		expand: expandTraining,
	},
	KindEvaluation: {
		sheet: "职称评审",
		notes: "通过率＝通过人数÷申报人数。",
		fields: []field{
			{"year", "年度", ColInt, true},
			{"series", "职称系列", ColText, true},
			{"level", "级别", ColText, true},
			{"method", "评价方式", ColText, true},
			{"applicants", "申报人数", ColInt, true},
			{"passed", "通过人数", ColInt, true},
		},
		check:  checkEvaluation,
		expand: expandEvaluation,
	},
	KindJobfair: {
		sheet:  "招聘服务",
		notes:  "意向达成率＝达成意向人数÷求职人数；空白为未统计，合计只加已统计的数。",
		fields: jobfairFields,
		expand: expandJobfair,
	},
}

var jobfairFields = []field{
	{"region", "地区", ColText, true},
	{"fairs", "招聘会（场）", ColInt, false},
	{"employers", "参会单位（家次）", ColInt, false},
	{"positions", "提供岗位（个）", ColInt, false},
	{"seekers", "求职人数（人次）", ColInt, false},
	{"agreements", "达成意向（人）", ColInt, false},
}

// IsPreset reports whether kind names a preset table.
func IsPreset(kind string) bool {
	_, ok := presets[kind]
	return ok
}

func presetNames() string {
	return KindTraining + "、" + KindEvaluation + "、" + KindJobfair
}

func fieldKeys(fs []field) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

func fieldList(fs []field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.key + "（" + f.label + "）"
	}
	return strings.Join(parts, "、")
}

// checkRow checks one input row against fields and returns it typed: int64 for
// int, float64 for number and percent, trimmed string for text; blanks left
// out. Preset fields are counts, so noNegative rejects values below zero.
func checkRow(ps *Problems, path string, row map[string]any, fields []field, noNegative bool) map[string]any {
	out := make(map[string]any, len(fields)+1)
	var unknown []string
	for k := range row {
		if !slices.ContainsFunc(fields, func(f field) bool { return f.key == k }) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		hint := ""
		if c := closest(k, fieldKeys(fields)); c != "" {
			hint = "是否应为 " + c + "？"
		}
		ps.add(join(path, k), "未知字段“%s”；%s可用字段：%s", k, hint, fieldList(fields))
	}
	for _, f := range fields {
		v, err := typedCell(f.typ, row[f.key])
		switch {
		case err != "":
			ps.add(join(path, f.key), "%s应为%s，实际为%s", f.label, err, describeValue(row[f.key]))
		case v == nil:
			if f.required {
				ps.add(join(path, f.key), "缺少%s（%s）", f.label, f.key)
			}
		default:
			if x, isNum := CellNumber(v); isNum && x < 0 && noNegative {
				ps.add(join(path, f.key), "%s不能为负数(%s)", f.label, FormatValue(Column{Type: f.typ}, v))
				continue
			}
			out[f.key] = v
		}
	}
	return out
}

// typedCell converts v for a column of type typ; nil means blank, a non-empty
// want names the expected type when v has the wrong one.
func typedCell(typ string, v any) (typedV any, want string) {
	if v == nil {
		return nil, ""
	}
	if typ == ColText || typ == "" {
		s, ok := v.(string)
		switch t := strings.TrimSpace(s); {
		case !ok:
			return nil, "文字（加英文双引号）"
		case t == "":
			return nil, ""
		case t != s:
			return t, ""
		}
		return v, "" // already a string: no second copy of a big table's text
	}
	f, ok := CellNumber(v)
	if !ok && typ == ColInt {
		return nil, "整数（不加引号）"
	}
	if !ok {
		return nil, "数字（不加引号）"
	}
	if typ == ColInt {
		if f != math.Trunc(f) {
			return nil, "整数"
		}
		return int64(f), ""
	}
	return f, ""
}

func describeValue(v any) string {
	switch x := v.(type) {
	case string:
		return "文字“" + x + "”"
	case bool:
		return "布尔值 " + strconv.FormatBool(x)
	case map[string]any:
		return "对象"
	case []any:
		return "数组"
	}
	if f, ok := CellNumber(v); ok {
		return "数字 " + strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func checkYear(ps *Problems, path string, row map[string]any) {
	if y, ok := row["year"].(int64); ok && (y < 1949 || y > 2200) {
		ps.add(join(path, "year"), "年度应为四位数的年份，如 2021，实际为 %d", y)
	}
}

// Methods of a title evaluation.
var evaluationMethods = []string{"评审", "认定"}

func checkEvaluation(ps *Problems, path string, row map[string]any) {
	checkYear(ps, path, row)
	if m, ok := row["method"].(string); ok && !slices.Contains(evaluationMethods, m) {
		ps.add(join(path, "method"), "评价方式应为“评审”或“认定”，实际为“%s”", m)
	}
	a, ok1 := row["applicants"].(int64)
	p, ok2 := row["passed"].(int64)
	if ok1 && ok2 && p > a {
		ps.add(join(path, "passed"), "通过人数(%d)大于申报人数(%d)", p, a)
	}
}

// expandTraining crosses course (and centre, when any row names one) with
// year: one row per course, one column per year, a row total when there is
// more than one year, and the totals row summing every year.
func expandTraining(s *StatTable, rows []map[string]any, ps *Problems, rowsPath string) {
	type cell struct{ center, course string }
	type cellYear struct {
		cell
		year int64
	}
	var order []cell
	var years []int64
	byCell := map[cell]map[string]any{}
	seen := map[cellYear]int{} // -> input row
	hasCenter := false
	for i, r := range rows {
		c := cell{course: r["course"].(string)}
		if center, ok := r["center"].(string); ok {
			c.center, hasCenter = center, true
		}
		y := r["year"].(int64)
		if j, dup := seen[cellYear{c, y}]; dup {
			ps.add(join(at(rowsPath, i), "year"), "与 rows[%d] 重复（培训项目“%s”，%d年）；同一项目同一年度只写一行", j, c.course, y)
			continue
		}
		seen[cellYear{c, y}] = i
		out, ok := byCell[c]
		if !ok {
			out = map[string]any{"course": c.course}
			if c.center != "" {
				out["center"] = c.center
			}
			byCell[c] = out
			order = append(order, c)
		}
		out[yearKey(y)] = r["trainees"]
		if !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	if hasCenter {
		s.Columns = append(s.Columns, Column{Key: "center", Label: "培训中心", Type: ColText})
	}
	s.Columns = append(s.Columns, Column{Key: "course", Label: "培训项目", Type: ColText})
	var yearKeys []string
	for _, y := range years {
		yearKeys = append(yearKeys, yearKey(y))
		s.Columns = append(s.Columns, Column{Key: yearKey(y), Label: strconv.FormatInt(y, 10) + "年", Type: ColInt, Sum: true})
	}
	if len(years) > 1 {
		s.Columns = append(s.Columns, Column{Key: "total", Label: "合计", Type: ColInt, Sum: true})
		s.Derived = []Derived{{Key: "total", Op: OpSum, Of: yearKeys}}
	}
	for _, c := range order {
		s.Rows = append(s.Rows, byCell[c])
	}
}

func yearKey(y int64) string { return "y" + strconv.FormatInt(y, 10) }

func expandEvaluation(s *StatTable, rows []map[string]any, _ *Problems, _ string) {
	s.Columns = []Column{
		{Key: "year", Label: "年度", Type: ColText}, // a year, not a quantity: no 2,021
		{Key: "series", Label: "职称系列", Type: ColText},
		{Key: "level", Label: "级别", Type: ColText},
		{Key: "method", Label: "评价方式", Type: ColText},
		{Key: "applicants", Label: "申报人数", Type: ColInt, Sum: true},
		{Key: "passed", Label: "通过人数", Type: ColInt, Sum: true},
		{Key: "rate", Label: "通过率", Type: ColPercent},
	}
	s.Derived = []Derived{{Key: "rate", Op: OpRatio, Of: []string{"passed", "applicants"}}}
	for _, r := range rows {
		r["year"] = strconv.FormatInt(r["year"].(int64), 10)
	}
	s.Rows = rows
}

func expandJobfair(s *StatTable, rows []map[string]any, _ *Problems, _ string) {
	for _, f := range jobfairFields {
		c := Column{Key: f.key, Label: f.label, Type: f.typ, Sum: f.typ == ColInt}
		s.Columns = append(s.Columns, c)
	}
	s.Columns = append(s.Columns, Column{Key: "rate", Label: "意向达成率", Type: ColPercent})
	s.Derived = []Derived{{Key: "rate", Op: OpRatio, Of: []string{"agreements", "seekers"}}}
	s.Rows = rows
}

var columnTypes = []string{ColText, ColInt, ColNumber, ColPercent}

// checkGeneric checks a table given with its own columns. Its first column
// labels the row (and holds 合计 in the totals row), so it is required; other
// cells may be blank. Values may be negative: a generic column may hold a change
// from last year.
func checkGeneric(ps *Problems, path string, t Table) ([]Column, []map[string]any) {
	colsPath := join(path, "columns")
	if len(t.Columns) == 0 {
		ps.add(colsPath, "通用表格须给出 columns（每列 key、label、type），或用 kind 选择预设：%s", presetNames())
		return nil, nil
	}
	before := len(*ps)
	cols := slices.Clone(t.Columns)
	fields := make([]field, len(cols))
	seen := map[string]int{}
	for i, c := range cols {
		cp := at(colsPath, i)
		if c.Type == "" {
			cols[i].Type = ColText
		}
		switch {
		case c.Key == "":
			ps.add(join(cp, "key"), "缺少列的 key")
		case seen[c.Key] > 0:
			ps.add(join(cp, "key"), "key“%s”与 columns[%d] 重复", c.Key, seen[c.Key]-1)
		default:
			seen[c.Key] = i + 1
		}
		if strings.TrimSpace(c.Label) == "" {
			ps.add(join(cp, "label"), "缺少列标题 label（表头显示的中文名称）")
		}
		if !slices.Contains(columnTypes, cols[i].Type) {
			ps.add(join(cp, "type"), "未知的列类型“%s”，可用：%s", c.Type, strings.Join(columnTypes, "、"))
		} else if c.Sum && cols[i].Type != ColInt && cols[i].Type != ColNumber {
			ps.add(join(cp, "sum"), "只有 int 或 number 类型的列可以合计（此列为 %s）", cols[i].Type)
		}
		fields[i] = field{key: c.Key, label: c.Label, typ: cols[i].Type, required: i == 0}
	}
	if len(*ps) > before {
		return nil, nil // rows cannot be read against broken columns
	}
	if len(t.Rows) == 0 {
		ps.add(join(path, "rows"), "表格没有数据行")
		return nil, nil
	}
	rows := make([]map[string]any, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = checkRow(ps, at(join(path, "rows"), i), r, fields, false)
	}
	return cols, rows
}
