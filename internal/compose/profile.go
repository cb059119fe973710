package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"gongwen/internal/document"
)

// Profile is an issuing office: what every reply it sends has in common.
// The JSON names are those of templates/profiles/*.json.
type Profile struct {
	Name       string              `json:"name"` // the file name without .json; selected by the document's profile
	Issuer     string              `json:"issuer"`
	IssuerMark string              `json:"issuerMark,omitempty"`
	Format     string              `json:"format,omitempty"` // file or letter
	DocNumber  DocNumberScheme     `json:"docNumber"`
	Field      string              `json:"field,omitempty"`      // 领域 of the closing: 感谢您对{field}工作的关心和支持！
	CC         map[string][]string `json:"cc,omitempty"`         // default 抄送 by proposal type (建议, 提案)
	Printer    PrinterDefaults     `json:"printer"`              // 印发机关
	Note       string              `json:"note,omitempty"`       // the 附注 contact line, without parentheses
	Categories []string            `json:"categories,omitempty"` // the 答复类别 scheme: A B C, A–D, 甲 乙 丙
	Signature  SignatureDefaults   `json:"signature"`
	// InvitesFeedback adds 对以上答复有不满意的地方，请及时与我单位联系。 to the
	// closings that use it (zhuban, tian): offices differ on this.
	InvitesFeedback bool `json:"invitesFeedback,omitempty"`
}

// DocNumberScheme is the 发文字号 prefix and the next free number of a year.
// Apply does not number documents: one number handed to every document rendered
// on its own would repeat a 发文字号; the caller that keeps the register
// (a batch) counts from Next with Format.
type DocNumberScheme struct {
	Prefix string `json:"prefix,omitempty"` // 株人社字
	Year   int    `json:"year,omitempty"`
	Next   int    `json:"next,omitempty"`
}

// Format writes a 发文字号 in the form GB/T 9704 requires: 株人社字〔2022〕28号.
func (s DocNumberScheme) Format(year, n int) string {
	return s.Prefix + "〔" + strconv.Itoa(year) + "〕" + strconv.Itoa(n) + "号"
}

// PrinterDefaults is the 印发机关. The 印发日期 is never made up: it is the
// input's, or the 成文日期 when DateFromSignature says so.
type PrinterDefaults struct {
	Name              string `json:"name,omitempty"`
	DateFromSignature bool   `json:"dateFromSignature,omitempty"`
}

// SignatureDefaults is the 署名 and the seal layout (none or stamp); the
// 成文日期 always comes from the document.
type SignatureDefaults struct {
	Name string `json:"name,omitempty"`
	Seal string `json:"seal,omitempty"`
}

func parseProfile(name string, f file) (*Profile, error) {
	var p Profile
	dec := json.NewDecoder(bytes.NewReader(f.data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s：办文单位配置无法解析：%w", f.display, err)
	}
	if err := p.check(name); err != nil {
		return nil, fmt.Errorf("%s：%w", f.display, err)
	}
	p.Name = name
	return &p, nil
}

func (p *Profile) check(name string) error {
	var errs []error
	if p.Name != "" && p.Name != name {
		errs = append(errs, fmt.Errorf("name “%s”与文件名不一致；配置以文件名 %s 命名，可删去 name", p.Name, name))
	}
	if p.Issuer == "" {
		errs = append(errs, errors.New("issuer: 需要发文机关全称"))
	}
	switch p.Format {
	case "", document.FormatFile, document.FormatLetter:
	default:
		errs = append(errs, fmt.Errorf("format: “%s”无效，可选：file（文件格式）、letter（信函格式）", p.Format))
	}
	switch p.Signature.Seal {
	case "", document.SealNone, document.SealStamp:
	default:
		errs = append(errs, fmt.Errorf("signature.seal: “%s”无效，可选：none、stamp（印章图片只能在文档中给出）", p.Signature.Seal))
	}
	for _, t := range slices.Sorted(maps.Keys(p.CC)) {
		if _, ok := honorifics[t]; !ok {
			errs = append(errs, fmt.Errorf("cc: 键“%s”无效，应为 建议 或 提案", t))
		}
	}
	return errors.Join(errs...)
}

func (p *Profile) clone() Profile {
	out := *p
	out.CC = maps.Clone(p.CC)
	for t, list := range out.CC {
		out.CC[t] = slices.Clone(list)
	}
	out.Categories = slices.Clone(p.Categories)
	return out
}
