package document

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on one document. They are generous for any real 公文 and exist so that
// a runaway input is refused with a message naming the limit, instead of
// tying up the renderer.
const (
	MaxBodyChars   = 200_000 // characters in one body (all its blocks)
	MaxBlocks      = 2_000   // blocks in one body
	MaxTitleChars  = 200     // a title
	MaxLineChars   = 500     // a name, a mark, a table cell
	MaxNoteChars   = 2_000   // the 附注, a table's notes
	MaxNames       = 200     // entries of addressees, cc, signers, deputies …
	MaxAttachments = 50
	MaxColumns     = 50
	MaxRows        = 10_000    // rows of a table in a document (a PDF)
	MaxSheetRows   = 1_048_000 // rows of an annex table: what one Excel sheet holds, less its head
	MaxTables      = 50        // tables of an annex
)

// Values of Document.Kind: the kinds of reply (see the templates).
const (
	KindFenban = "fenban" // 分办意见
	KindZhuban = "zhuban" // 主办答复
	KindXieban = "xieban" // 协办意见
	KindTian   = "tian"   // 提案答复
)

// Validate checks the semantic rules of the input contract and GB/T 9704 that
// the JSON shape cannot express, and returns every problem found. It accepts a
// document as given (a template may still supply title, addressees and the
// opening; a profile the issuer) and as composed; run it again after
// compose.Apply, which leaves a missing 成文日期 for it to report.
func (d *Document) Validate() Problems {
	var ps Problems
	ps.oneOf("format", d.Format, "文件格式", formats)
	ps.oneOf("kind", d.Kind, "答复种类", kinds)
	ps.text("profile", d.Profile, MaxLineChars)
	if d.Profile == "" { // an office profile supplies the issuer
		ps.required("issuer", d.Issuer, `发文机关全称，如 "株洲市人力资源和社会保障局"`)
	}
	ps.text("issuer", d.Issuer, MaxLineChars)
	ps.text("issuerMark", d.IssuerMark, MaxLineChars)
	ps.names("jointIssuers", d.JointIssuers)
	ps.docNumber("docNumber", d.DocNumber)
	ps.copyNumber("copyNumber", d.CopyNumber)
	ps.secrecy("secrecy", d.Secrecy)
	ps.urgency("urgency", d.Urgency)
	ps.names("signers", d.Signers)
	ps.formatRules(d)
	ps.text("disclosure", d.Disclosure, MaxLineChars)
	ps.category("category", d.Category)

	// With kind and proposal a template supplies the title, the addressees and
	// the opening and closing paragraphs.
	templated := d.Kind != "" && d.Proposal != nil
	if !templated {
		ps.required("title", d.Title, `标题，或给出 kind 和 proposal 由模板生成标题`)
	}
	ps.text("title", d.Title, MaxTitleChars)
	ps.names("addressees", d.Addressees)
	if d.Proposal != nil {
		ps.proposal("proposal", d.Proposal)
	}
	if len(d.Body) == 0 && !templated {
		ps.add("body", `缺少正文；写作块数组 [{"text": "…"}] 或一段纯文本`)
	}
	ps.body("body", d.Body)
	if len(d.Attachments) > MaxAttachments {
		ps.add("attachments", "附件有 %d 个，超过上限 %d 个", len(d.Attachments), MaxAttachments)
	}
	for i, a := range d.Attachments {
		ps.attachment(at("attachments", i), a)
	}
	if s := d.Signature; s != nil {
		ps.text("signature.name", s.Name, MaxLineChars)
		ps.date("signature.date", s.Date)
		ps.seal("signature.seal", s.Seal)
	}
	ps.text("note", d.Note, MaxNoteChars)
	ps.names("cc", d.CC)
	if p := d.Printer; p != nil {
		ps.required("printer.name", p.Name, "印发机关名称，如 \"株洲市人力资源和社会保障局办公室\"")
		ps.text("printer.name", p.Name, MaxLineChars)
		ps.date("printer.date", p.Date)
	}
	return ps
}

// proposal checks the text of the proposal being answered. What a template
// needs from it depends on the kind and is checked by the template (compose).
func (ps *Problems) proposal(path string, p *Proposal) {
	ps.oneOf(join(path, "type"), p.Type, "类型", proposalTypes)
	ps.text(join(path, "session"), p.Session, MaxTitleChars)
	ps.text(join(path, "number"), p.Number, MaxLineChars)
	ps.text(join(path, "title"), p.Title, MaxTitleChars)
	if len(p.Deputies) > MaxNames {
		ps.add(join(path, "deputies"), "共 %d 项，超过上限 %d 项", len(p.Deputies), MaxNames)
	}
	for i, name := range p.Deputies {
		ps.text(at(join(path, "deputies"), i), name, MaxLineChars)
	}
	ps.text(join(path, "leadUnit"), p.LeadUnit, MaxLineChars)
}

func (ps *Problems) attachment(path string, a Attachment) {
	ps.required(join(path, "title"), a.Title, "附件名称（用于附件说明）")
	ps.text(join(path, "title"), a.Title, MaxTitleChars)
	if len(a.Body) > 0 && a.Table != nil {
		ps.add(path, "附件只能有 body 或 table 之一；表格可作为 body 中的一个块 {\"table\": …}，或拆成两个附件")
	}
	ps.body(join(path, "body"), a.Body)
	if a.Table != nil {
		ps.table(join(path, "table"), a.Table)
	}
}

func (ps *Problems) seal(path string, s Seal) {
	switch s.Mode {
	case "", SealNone, SealStamp:
	case SealImage:
		// Decode has already decoded the whole PNG; a cheap look at the header
		// catches a seal set from Go code with the wrong bytes.
		switch {
		case len(s.Image) == 0:
			ps.add(join(path, "image"), "印章图像为空；请给出 base64 编码的 PNG 文件")
		case !strings.HasPrefix(string(s.Image), string(pngMagic)):
			ps.add(join(path, "image"), "不是 PNG 图像；印章须为 PNG 图像（宜为透明背景的红色印章）")
		}
	default:
		ps.add(path, `不支持的印章方式 %q；可用值："none"（不加盖印章）、"stamp"（加盖印章，留出盖章位置）或 {"image": "<base64 编码的 PNG>"}`, s.Mode)
	}
}

// choice is an allowed value and what it means, for messages.
type choice struct{ value, desc string }

var (
	formats       = []choice{{FormatFile, "文件格式，默认"}, {FormatLetter, "信函格式"}}
	kinds         = []choice{{KindFenban, "分办意见"}, {KindZhuban, "主办答复"}, {KindXieban, "协办意见"}, {KindTian, "提案答复"}}
	proposalTypes = []choice{{"建议", "人大代表建议"}, {"提案", "政协委员提案"}}
)

// oneOf checks an optional value against the allowed choices.
func (ps *Problems) oneOf(path, s, what string, allowed []choice) {
	if s == "" {
		return
	}
	var values, descs []string
	for _, c := range allowed {
		if s == c.value {
			return
		}
		values = append(values, c.value)
		descs = append(descs, c.value+"（"+c.desc+"）")
	}
	hint := ""
	if c := closest(s, values); c != "" {
		hint = fmt.Sprintf("是否应为 %s？", c)
	}
	ps.add(path, "不支持的%s %q；%s可用值：%s", what, s, hint, strings.Join(descs, "、"))
}

func (ps *Problems) required(path, s, what string) {
	if strings.TrimSpace(s) == "" {
		ps.add(path, "缺少%s", what)
	}
}

// names checks a list of names: each one non-empty free text.
func (ps *Problems) names(path string, list []string) {
	if len(list) > MaxNames {
		ps.add(path, "共 %d 项，超过上限 %d 项", len(list), MaxNames)
	}
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			ps.add(at(path, i), "名称为空；请删去这一项或填写名称")
		}
		ps.text(at(path, i), s, MaxLineChars)
	}
}

// text checks free text: its length (limit 0: checked elsewhere), and characters that would print as a box
// or nothing — control characters (a newline included: a paragraph is one
// block), invisible format characters and U+FFFD left by a bad encoding.
func (ps *Problems) text(path, s string, limit int) {
	if n := utf8.RuneCountInString(s); limit > 0 && n > limit {
		ps.add(path, "长度为 %d 字，超过上限 %d 字", n, limit)
	}
	for i, r := range s {
		var what string
		switch {
		case r == '\n' || r == '\r':
			what = "换行符；一段文字不能换行，每段写成一个块"
		case r == '\t':
			what = "制表符；请删去或改为文字"
		case r == utf8.RuneError:
			what = "替换字符 U+FFFD，通常是编码转换出错；请从原文重新复制"
		case unicode.IsControl(r):
			what = fmt.Sprintf("控制字符 U+%04X；请删去", r)
		case unicode.Is(unicode.Cf, r):
			what = fmt.Sprintf("不可见的格式字符 U+%04X；请删去", r)
		default:
			continue
		}
		ps.add(path, "第 %d 个字符（%s之后）是%s", utf8.RuneCountInString(s[:i])+1, quoteBefore(s[:i]), what)
		return
	}
}

// quoteBefore quotes the few characters before a position so the user can find it.
func quoteBefore(before string) string {
	r := []rune(before)
	if len(r) == 0 {
		return "开头"
	}
	return "“" + string(r[max(0, len(r)-8):]) + "”"
}

// formatRules checks what the chosen format cannot show, so nothing given is
// silently left off the page.
func (ps *Problems) formatRules(d *Document) {
	if d.Format == FormatLetter && d.Printer != nil {
		ps.add("printer", "信函格式的版记不印印发机关和印发日期（GB/T 9704 §10.1）；请删除 printer，或改用 \"format\": \"file\"")
	}
	if d.Format == FormatLetter && len(d.Signers) > 0 {
		ps.add("signers", "信函格式没有签发人位置；上行文请用 \"format\": \"file\"，或删除 signers")
	}
	if len(d.JointIssuers) > 0 && d.Signature != nil && d.Signature.Seal.Mode == SealImage {
		ps.add("signature.seal", "联合行文每个机关各用一枚印章，一个图片印章不能代表多个机关；请用 \"stamp\"（为每个机关留出盖章位置）或 \"none\"")
	}
}
