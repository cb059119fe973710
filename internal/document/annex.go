package document

import (
	"maps"
	"slices"
)

// Validate checks an annex: its title and issuer, and every table — columns,
// rows, preset fields and sheet names through StatTables, the same code that
// expands the tables for the workbook and the PDF, so validation and output
// cannot disagree — plus the limits and characters of the text it carries.
func (a *Annex) Validate() Problems {
	var ps Problems
	ps.required("title", a.Title, `附件标题，如 "株洲市陶瓷产业人才培养和就业服务情况统计"`)
	ps.text("title", a.Title, MaxTitleChars)
	ps.required("issuer", a.Issuer, `发文机关全称，如 "株洲市人力资源和社会保障局"`)
	ps.text("issuer", a.Issuer, MaxLineChars)
	ps.text("period", a.Period, MaxLineChars)
	if len(a.Tables) > MaxTables {
		ps.add("tables", "共 %d 张表，超过上限 %d 张", len(a.Tables), MaxTables)
	}
	for i := range a.Tables {
		t := &a.Tables[i]
		ps.text(join(at("tables", i), "name"), t.Name, 0) // StatTables checks Excel's length limit
		ps.tableText(at("tables", i), &t.Table, MaxSheetRows)
	}
	_, more := a.StatTables()
	return append(ps, more...)
}

// tableText checks what a table's structure check does not: its size against
// the limits, and the length and characters of every text in it.
func (ps *Problems) tableText(path string, t *Table, maxRows int) {
	ps.text(join(path, "title"), t.Title, MaxTitleChars)
	ps.text(join(path, "unit"), t.Unit, MaxLineChars)
	ps.text(join(path, "notes"), t.Notes, MaxNoteChars)
	if len(t.Columns) > MaxColumns {
		ps.add(join(path, "columns"), "表格有 %d 列，超过上限 %d 列", len(t.Columns), MaxColumns)
	}
	for i, c := range t.Columns {
		ps.text(join(at(join(path, "columns"), i), "key"), c.Key, MaxLineChars)
		ps.text(join(at(join(path, "columns"), i), "label"), c.Label, MaxLineChars)
	}
	if len(t.Rows) > maxRows {
		ps.add(join(path, "rows"), "表格有 %d 行，超过上限 %d 行", len(t.Rows), maxRows)
	}
	for i, row := range t.Rows {
		for _, k := range slices.Sorted(maps.Keys(row)) { // sorted: the same order every run
			if s, ok := row[k].(string); ok {
				ps.text(join(at(join(path, "rows"), i), k), s, MaxLineChars)
			}
		}
	}
}
