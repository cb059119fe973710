package compose

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gongwen/internal/document"
)

// Apply returns a new document in which the kind's template and the office
// profile supply what doc leaves empty; doc itself is not changed.
//
// The template is used when doc has both a kind and a proposal; a document that
// names a profile but no template still gets the office's issuer, 署名, 印发机关
// and contact line. Anything doc states wins: a title, addressees, 抄送, a
// printer given in doc are kept as they are, and the opening (closing) is added
// only if the body does not already begin (end) with it, so Apply(Apply(d)) is
// Apply(d). Missing data comes back as document.Problems with JSON paths.
func (l *Library) Apply(doc *document.Document) (*document.Document, error) {
	templated := doc.Kind != "" && doc.Proposal != nil
	if !templated && doc.Profile == "" {
		return cloneDocument(doc), nil
	}
	var probs document.Problems
	prof := l.profileFor(doc, &probs)
	if !templated {
		if err := probs.Err(); err != nil {
			return nil, err
		}
		out := cloneDocument(doc)
		fillOffice(out, prof, "")
		return out, nil
	}
	k, ok := l.kinds[doc.Kind]
	if !ok {
		probs = append(probs, document.Problem{Path: "kind",
			Message: fmt.Sprintf("未知的答复类型“%s”，可选：%s", doc.Kind, strings.Join(slices.Sorted(maps.Keys(l.kinds)), "、"))})
		return nil, probs
	}
	v, more := k.view(doc, prof)
	probs = append(probs, more...)
	if err := probs.Err(); err != nil {
		return nil, err
	}

	out := cloneDocument(doc)
	text := map[string][]string{}
	for _, part := range parts {
		lines, err := k.lines(part, v)
		if err != nil {
			// check ran every part on sample data at load, so this is a
			// template that fails on this document's data only.
			return nil, fmt.Errorf("模板 %s 的 %s 执行失败：%w", k.Source, part, err)
		}
		text[part] = lines
	}
	if out.Title == "" {
		out.Title = strings.Join(text["title"], "")
	}
	if len(out.Addressees) == 0 {
		out.Addressees = text["addressee"]
	}
	if opening := paragraphs(text["opening"]); !hasParagraphs(out.Body, opening, 0) {
		out.Body = slices.Concat(opening, out.Body)
	}
	if closing := paragraphs(text["closing"]); !hasParagraphs(out.Body, closing, len(out.Body)-len(closing)) {
		out.Body = slices.Concat(out.Body, closing)
	}
	fillOffice(out, prof, v.Proposal.Type)
	return out, nil
}

// view checks that doc gives what kind k requires and gathers what its
// templates see. The proposal's own type is kept in the output; the default
// (the kind's first type) is only for the wording.
func (k *kind) view(doc *document.Document, prof *Profile) (view, document.Problems) {
	var probs document.Problems
	p := *doc.Proposal
	if p.Type == "" {
		p.Type = k.ProposalTypes[0]
	} else if !slices.Contains(k.ProposalTypes, p.Type) {
		probs = append(probs, document.Problem{Path: "proposal.type",
			Message: fmt.Sprintf("%s不能答复“%s”，可选：%s", k.Label, p.Type, strings.Join(k.ProposalTypes, "、"))})
		return view{}, probs
	}
	hon := honorifics[p.Type]
	p.Deputies = nil
	for i, name := range doc.Proposal.Deputies {
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			probs = append(probs, document.Problem{Path: fmt.Sprintf("proposal.deputies[%d]", i), Message: hon + "姓名为空"})
		case strings.HasSuffix(name, hon) && len(name) > len(hon):
			probs = append(probs, document.Problem{Path: fmt.Sprintf("proposal.deputies[%d]", i),
				Message: fmt.Sprintf("只写姓名“%s”，称谓“%s”由模板添加", strings.TrimSuffix(name, hon), hon)})
		default:
			p.Deputies = append(p.Deputies, name)
		}
	}
	for _, path := range k.Required {
		if !missing(path, doc, &p, prof) {
			continue
		}
		at, msg := path, k.Label+"需要"+labels[path](p.Type)
		switch {
		case path == "category" && prof != nil && len(prof.Categories) > 0:
			msg += "，可选：" + strings.Join(prof.Categories, "、")
		case strings.HasPrefix(path, "profile."):
			at, msg = "profile", msg+"：请用 profile 指明办文单位，或使 issuer 与某个办文单位配置一致"
		}
		probs = append(probs, document.Problem{Path: at, Message: msg})
	}
	if doc.Category != "" && prof != nil && len(prof.Categories) > 0 && !slices.Contains(prof.Categories, doc.Category) {
		probs = append(probs, document.Problem{Path: "category",
			Message: fmt.Sprintf("答复类别“%s”无效，%s 的方案为：%s", doc.Category, prof.Name, strings.Join(prof.Categories, "、"))})
	}
	v := view{Proposal: p, Honorific: hon}
	if prof != nil {
		v.Office = *prof
	}
	return v, probs
}

// missing reports whether a required path is empty; p is the proposal with
// blank deputies already dropped, so a list of blanks counts as missing.
func missing(path string, doc *document.Document, p *document.Proposal, prof *Profile) bool {
	switch path {
	case "proposal.session":
		return strings.TrimSpace(p.Session) == ""
	case "proposal.number":
		return strings.TrimSpace(p.Number) == ""
	case "proposal.title":
		return strings.TrimSpace(p.Title) == ""
	case "proposal.deputies":
		return len(p.Deputies) == 0 && len(doc.Proposal.Deputies) == 0
	case "proposal.leadUnit":
		return strings.TrimSpace(p.LeadUnit) == ""
	case "category":
		return doc.Category == ""
	case "profile.field":
		return prof == nil || prof.Field == ""
	}
	return false // labels, checked at load, lists every path
}

func paragraphs(lines []string) document.Body {
	body := make(document.Body, len(lines))
	for i, l := range lines {
		body[i] = document.Block{Text: l}
	}
	return body
}

// hasParagraphs reports whether body holds want as plain paragraphs from index
// at: the opening or closing is then already there (written by hand, or by an
// earlier Apply) and is not added twice.
func hasParagraphs(body, want document.Body, at int) bool {
	if len(want) == 0 {
		return true
	}
	if at < 0 || at+len(want) > len(body) {
		return false
	}
	for i, w := range want {
		b := body[at+i]
		if b.Heading != 0 || b.Table != nil || strings.TrimSpace(b.Text) != w.Text {
			return false
		}
	}
	return true
}
