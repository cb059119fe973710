package document

import "unicode/utf8"

var levelForms = [...]string{1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}

func (ps *Problems) body(path string, b Body) {
	if len(b) > MaxBlocks {
		ps.add(path, "正文有 %d 个块（段落、标题、表格），超过上限 %d 个；请拆分为附件或多份文档", len(b), MaxBlocks)
	}
	chars := 0
	for i, blk := range b {
		chars += utf8.RuneCountInString(blk.Text)
		ps.block(at(path, i), blk)
	}
	if chars > MaxBodyChars {
		ps.add(path, "正文共 %d 字，超过上限 %d 字；请拆分为附件或多份文档", chars, MaxBodyChars)
	}
}

func (ps *Problems) block(path string, b Block) {
	switch {
	case b.Text != "" && b.Table != nil:
		ps.add(path, `一个块只能有 text 或 table 之一；请拆成两个块 {"text": "…"} 和 {"table": {…}}`)
	case b.Text == "" && b.Table == nil:
		ps.add(path, `块为空；段落写作 {"text": "…"}，标题写作 {"heading": 1, "text": "…"}，表格写作 {"table": {…}}`)
	}
	switch {
	case b.Heading < 0 || b.Heading > 4:
		ps.add(join(path, "heading"), "标题层级 %d 不存在；应为 1–4：1 一、 2 （一） 3 1. 4 （1）", b.Heading)
	case b.Heading > 0 && b.Table != nil:
		ps.add(join(path, "heading"), "表格不能作标题；请删去 heading，标题另写一个块")
	case b.Heading > 0:
		// An ordinal of another level means the level or the ordinal is wrong;
		// numbering it would print both.
		if lv, _, size := matchOrdinal(b.Text); lv != 0 && lv != b.Heading {
			ps.add(join(path, "text"), "以%d级序号“%s”开头，但 heading 为 %d（%d级序号形如 %s）；请改 heading 为 %d，或去掉序号由程序编号",
				lv, b.Text[:size], b.Heading, b.Heading, levelForms[b.Heading], lv)
		}
	}
	ps.text(join(path, "text"), b.Text, 0) // the body's total is the limit
	if b.Table != nil {
		ps.table(join(path, "table"), b.Table)
	}
}

// table checks a table of a body or an attachment with the checks of a generic
// annex table (checkGeneric: unique keys, column types, row values of the
// column's type, unknown keys), so a table means the same wherever it appears.
func (ps *Problems) table(path string, t *Table) {
	ps.tableText(path, t, MaxRows)
	var structure Problems // checkGeneric stops early when its list already holds problems
	checkGeneric(&structure, path, *t)
	*ps = append(*ps, structure...)
}
