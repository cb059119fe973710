package batch

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/compose"
	"gongwen/internal/document"
)

// column is one column a ledger may have. LEDGER.md describes each; a test
// keeps the two in step.
type column struct {
	header  string   // the name LEDGER.md and the example use
	aliases []string // other names offices use for it
	path    string   // the document field it fills; "" for a column only read by people
	set     func(l *ledgerRow, v string) string
}

// ledgerColumns in the order of the example ledger.
var ledgerColumns = []column{
	{header: "序号", path: ""},
	{header: "类型", aliases: []string{"建议类型", "提案类型", "建议提案类型"}, path: "proposal.type",
		set: func(l *ledgerRow, v string) string { l.proposal().Type = v; return "" }},
	{header: "会议", aliases: []string{"届次", "会议届次", "会次"}, path: "proposal.session",
		set: func(l *ledgerRow, v string) string { l.proposal().Session = v; return "" }},
	{header: "编号", aliases: []string{"建议编号", "提案编号", "建议号", "提案号"}, path: "proposal.number",
		set: func(l *ledgerRow, v string) string { l.proposal().Number = v; return "" }},
	{header: "标题", aliases: []string{"建议标题", "提案标题", "案由", "题目"}, path: "proposal.title",
		set: func(l *ledgerRow, v string) string { l.proposal().Title = v; return "" }},
	{header: "提出人", aliases: []string{"代表", "领衔代表", "委员", "领衔委员", "代表姓名", "委员姓名"}, path: "proposal.deputies",
		set: func(l *ledgerRow, v string) string { l.proposal().Deputies = splitNames(v); return "" }},
	{header: "答复类型", aliases: []string{"办理类型", "办理方式", "答复种类"}, path: "kind", set: setKind},
	{header: "主办单位", aliases: []string{"牵头单位"}, path: "proposal.leadUnit",
		set: func(l *ledgerRow, v string) string { l.proposal().LeadUnit = v; return "" }},
	{header: "答复类别", aliases: []string{"类别"}, path: "category",
		set: func(l *ledgerRow, v string) string { l.doc.Category = v; return "" }},
	{header: "办文单位", aliases: []string{"发文机关", "办文单位配置"}, path: "profile", set: setOffice},
	{header: "发文字号", aliases: []string{"文号"}, path: "docNumber",
		set: func(l *ledgerRow, v string) string { l.doc.DocNumber = v; return "" }},
	{header: "成文日期", aliases: []string{"答复日期", "日期"}, path: "signature.date", set: setDate},
	{header: "印发日期", aliases: []string{"印发时间"}, path: "printer.date", set: setPrinted},
	{header: "公开属性", aliases: []string{"公开方式"}, path: "disclosure",
		set: func(l *ledgerRow, v string) string { l.doc.Disclosure = v; return "" }},
	{header: "答复正文", aliases: []string{"正文", "答复内容"}, path: "body",
		set: func(l *ledgerRow, v string) string { l.doc.Body = document.ParseText(v); return "" }},
	{header: "附注", path: "note",
		set: func(l *ledgerRow, v string) string { l.doc.Note = v; return "" }},
}

// ledgerRow is the document a row is turning into.
type ledgerRow struct {
	doc      *document.Document
	lib      *compose.Library
	date1904 bool
}

func (l *ledgerRow) proposal() *document.Proposal {
	if l.doc.Proposal == nil {
		l.doc.Proposal = &document.Proposal{}
	}
	return l.doc.Proposal
}

// setKind takes the kind by its name (fenban) or label (分办意见, 分办).
func setKind(l *ledgerRow, v string) string {
	var valid []string
	for _, k := range l.lib.Kinds() {
		if v == k.Name || v == k.Label || v == strings.TrimSuffix(strings.TrimSuffix(k.Label, "意见"), "答复") {
			l.doc.Kind = k.Name
			return ""
		}
		valid = append(valid, fmt.Sprintf("%s（%s）", k.Label, k.Name))
	}
	return fmt.Sprintf("“%s”不是答复类型，可选：%s", v, strings.Join(valid, "、"))
}

// setOffice takes a profile by name (zhuzhou-hrss) or by its issuer's full name.
func setOffice(l *ledgerRow, v string) string {
	for _, p := range l.lib.Profiles() {
		if v == p.Name {
			l.doc.Profile = v
			return ""
		}
	}
	var byIssuer []string
	for _, p := range l.lib.Profiles() {
		if v == p.Issuer {
			byIssuer = append(byIssuer, p.Name)
		}
	}
	if len(byIssuer) == 1 {
		l.doc.Profile = byIssuer[0]
		return ""
	}
	l.doc.Profile = v // Apply says which profiles there are
	return ""
}

var dateForms = []string{"2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"}

// setDate takes a date cell (a serial number) or text in the forms people type.
func setDate(l *ledgerRow, v string) string {
	sig := l.doc.Signature
	if sig == nil {
		sig = &document.Signature{}
		l.doc.Signature = sig
	}
	// Cells are read raw, so a date cell is its serial number (days since 1900).
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		t, err := excelize.ExcelDateToTime(f, l.date1904)
		if err == nil && t.Year() >= 1949 && t.Year() <= 2200 {
			sig.Date = t.Format("2006-01-02")
			return ""
		}
	}
	s := strings.ReplaceAll(v, " ", "")
	if len(s) >= 10 && strings.Contains(s, "T") { // a typed date cell: 2022-07-05T00:00:00Z
		s = s[:strings.IndexByte(s, 'T')]
	}
	for _, form := range dateForms {
		if t, err := time.Parse(form, s); err == nil {
			sig.Date = t.Format("2006-01-02")
			return ""
		}
	}
	return fmt.Sprintf("“%s”不是日期；写作 2022-07-05 或 2022年7月5日，或把单元格设为日期格式", v)
}

// setPrinted takes the 印发日期 as setDate takes the 成文日期.
func setPrinted(l *ledgerRow, v string) string {
	sig := l.doc.Signature
	l.doc.Signature = nil
	msg := setDate(l, v)
	if l.doc.Signature != nil && msg == "" {
		l.doc.Printer = &document.Printer{Date: l.doc.Signature.Date}
	}
	l.doc.Signature = sig
	return msg
}

// splitNames splits 张某、李某 (or with ，,；; or spaces) into names.
func splitNames(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool {
		return strings.ContainsRune("、，,；;/", r) || unicode.IsSpace(r)
	})
}

// findColumn matches a header as typed: its name or an alias, ignoring spaces,
// a required-field star and a parenthesised hint — “成文日期（YYYY-MM-DD）*”.
// The JSON path (proposal.number) is accepted too.
func findColumn(header string) (*column, bool) {
	h := headerHint.ReplaceAllString(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '＊' {
			return -1
		}
		return r
	}, header), "")
	for i := range ledgerColumns {
		c := &ledgerColumns[i]
		if h == c.header || slices.Contains(c.aliases, h) || (c.path != "" && h == c.path) {
			return c, true
		}
	}
	return nil, false
}

var headerHint = regexp.MustCompile(`[（(][^）)]*[）)]$`)

// decodeLedger reads the first sheet (or the one named 台账) of an Excel
// workbook: a header row, then one proposal a row. Blank rows are skipped.
// A header it does not know is an error of the whole ledger, with the
// columns it does know: a typo in a header would otherwise drop a field from
// every document.
func decodeLedger(data []byte, lib *compose.Library, yield func(item)) error {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return inputProblem("", "无法作为 Excel 工作簿（.xlsx）读取："+err.Error())
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return inputProblem("", "工作簿中没有工作表")
	}
	sheet := sheets[0]
	if slices.Contains(sheets, "台账") {
		sheet = "台账"
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return inputProblem("", fmt.Sprintf("工作表“%s”无法读取：%v", sheet, err))
	}
	defer rows.Close()

	var cols []*column // by column index; nil for a blank header
	var headers []string
	var byPath map[string]string
	for r := 1; rows.Next(); r++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return inputProblem("", fmt.Sprintf("第%d行无法读取：%v", r, err))
		}
		if blank(cells) {
			continue
		}
		if cols == nil {
			if cols, headers, err = ledgerHeader(r, cells); err != nil {
				return err
			}
			byPath = map[string]string{}
			for i, c := range cols {
				if c != nil && c.path != "" {
					byPath[c.path] = headers[i]
				}
			}
			continue
		}
		yield(ledgerItem(r, cells, cols, headers, byPath, lib, date1904))
	}
	if err := rows.Error(); err != nil {
		return inputProblem("", fmt.Sprintf("工作表“%s”无法读取：%v", sheet, err))
	}
	if cols == nil {
		return inputProblem("", fmt.Sprintf("工作表“%s”是空的：第一行应为列名（见 LEDGER.md），其后每行一件建议或提案", sheet))
	}
	return nil
}

func ledgerHeader(r int, cells []string) ([]*column, []string, error) {
	cols := make([]*column, len(cells))
	headers := make([]string, len(cells))
	seen := map[string]string{}
	var ps document.Problems
	for i, h := range cells {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, r)
		c, ok := findColumn(h)
		if !ok {
			ps = append(ps, document.Problem{Path: ref, Message: fmt.Sprintf("列名“%s”无法识别，可用的列：%s", h, knownHeaders())})
			continue
		}
		if prev, dup := seen[c.header]; dup {
			ps = append(ps, document.Problem{Path: ref, Message: fmt.Sprintf("列“%s”与“%s”重复（都是%s）", h, prev, c.header)})
			continue
		}
		seen[c.header] = h
		cols[i], headers[i] = c, h
	}
	if len(ps) > 0 {
		return nil, nil, ps
	}
	return cols, headers, nil
}

func knownHeaders() string {
	var hs []string
	for _, c := range ledgerColumns {
		hs = append(hs, c.header)
	}
	return strings.Join(hs, "、")
}

func ledgerItem(r int, cells []string, cols []*column, headers []string, byPath map[string]string,
	lib *compose.Library, date1904 bool) item {
	where := fmt.Sprintf("第%d行", r)
	it := item{row: r, where: where, doc: &document.Document{}, columns: byPath}
	for i, v := range cells {
		if i >= len(cols) {
			break
		}
		c := cols[i]
		if c == nil || c.set == nil {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		l := &ledgerRow{doc: it.doc, lib: lib, date1904: date1904}
		if msg := c.set(l, v); msg != "" {
			it.errs = append(it.errs, ItemError{Row: r, Where: where, Field: headers[i], Message: msg})
		}
	}
	if len(it.errs) > 0 {
		it.doc = nil
	}
	return it
}

// columnOf names the ledger column a document path came from: the one whose
// field is the longest prefix of path (proposal.deputies[0] → 提出人). A path
// no column fills (a field the template or office profile supplies) stays a path.
func columnOf(byPath map[string]string, path string) string {
	best := ""
	for p := range byPath {
		if (path == p || strings.HasPrefix(path, p+".") || strings.HasPrefix(path, p+"[")) && len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return path
	}
	return byPath[best]
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
