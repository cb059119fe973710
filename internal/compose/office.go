package compose

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gongwen/internal/document"
)

// profileFor finds the office profile of doc: the one it names, or else the one
// whose issuer is doc's issuer. A named profile whose issuer differs from doc's
// is an error: its 标志, 署名 and 印发机关 would belong to another office.
func (l *Library) profileFor(doc *document.Document, probs *document.Problems) *Profile {
	if doc.Profile != "" {
		p, ok := l.profiles[doc.Profile]
		if !ok {
			*probs = append(*probs, document.Problem{Path: "profile",
				Message: fmt.Sprintf("未知的办文单位配置“%s”，可选：%s", doc.Profile, strings.Join(slices.Sorted(maps.Keys(l.profiles)), "、"))})
			return nil
		}
		if doc.Issuer != "" && doc.Issuer != p.Issuer {
			*probs = append(*probs, document.Problem{Path: "issuer",
				Message: fmt.Sprintf("“%s”与办文单位配置 %s 的发文机关“%s”不一致；删去 issuer，或换用该机关的配置", doc.Issuer, p.Name, p.Issuer)})
		}
		return p
	}
	if doc.Issuer == "" {
		return nil
	}
	var found []string
	for _, name := range slices.Sorted(maps.Keys(l.profiles)) {
		if l.profiles[name].Issuer == doc.Issuer {
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		return nil
	case 1:
		return l.profiles[found[0]]
	}
	// Guessing between two profiles of one office would pick 抄送 and 印发 at random.
	*probs = append(*probs, document.Problem{Path: "profile",
		Message: fmt.Sprintf("有多个办文单位配置的发文机关是“%s”：%s，请用 profile 指明其一", doc.Issuer, strings.Join(found, "、"))})
	return nil
}

// fillOffice sets, where out leaves them empty, the fields an office gives
// every reply. typ is the proposal type choosing the 抄送 list; "" for none.
func fillOffice(out *document.Document, p *Profile, typ string) {
	if p == nil {
		return
	}
	setIfEmpty(&out.Issuer, p.Issuer)
	setIfEmpty(&out.IssuerMark, p.IssuerMark)
	setIfEmpty(&out.Format, p.Format)
	setIfEmpty(&out.Note, p.Note)
	if len(out.CC) == 0 && typ != "" {
		out.CC = slices.Clone(p.CC[typ])
	}
	if out.Signature == nil && (p.Signature.Name != "" || p.Signature.Seal != "") {
		out.Signature = &document.Signature{} // its date stays empty: validation asks for it
	}
	if s := out.Signature; s != nil {
		setIfEmpty(&s.Name, p.Signature.Name)
		if s.Seal.Mode == "" && s.Seal.Image == nil {
			s.Seal.Mode = p.Signature.Seal
		}
	}
	// The letter format prints no 印发机关 (GB/T 9704 §10.1): an office's
	// printer serves its file-format replies only.
	if out.Printer == nil && p.Printer.Name != "" && out.Format != document.FormatLetter {
		out.Printer = &document.Printer{}
	}
	if pr := out.Printer; pr != nil {
		setIfEmpty(&pr.Name, p.Printer.Name)
		if p.Printer.DateFromSignature && out.Signature != nil {
			setIfEmpty(&pr.Date, out.Signature.Date)
		}
	}
}

func setIfEmpty(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}
