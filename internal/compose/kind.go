package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template"

	"gongwen/internal/document"
)

// Kind describes a reply kind to the people choosing one.
type Kind struct {
	Name          string   `json:"name"`          // the document's kind, e.g. fenban
	Label         string   `json:"label"`         // 分办意见
	ProposalTypes []string `json:"proposalTypes"` // 建议 / 提案; the first is assumed when proposal.type is empty
	Marks         []string `json:"marks"`         // marks the kind carries, e.g. category (答复类别)
	Required      []string `json:"required"`      // JSON paths the document must give; profile.x: the office profile must define x
	Source        string   `json:"source"`        // the file it was read from, to show which kinds a user directory overrides
}

// kind is a parsed template file.
type kind struct {
	Kind
	tmpl *template.Template
}

// frontMatter is the JSON between the two "---" lines at the top of a .tmpl.
type frontMatter struct {
	Name          string   `json:"name"`
	ProposalTypes []string `json:"proposalTypes"`
	Marks         []string `json:"marks"`
	Required      []string `json:"required"`
}

// parts are the named templates a kind defines; Apply executes each.
var parts = []string{"title", "addressee", "opening", "closing"}

// marks a kind may carry; each is required on a document of that kind.
var knownMarks = map[string]bool{"category": true}

func parseKind(name string, f file) (*kind, error) {
	meta, text, err := splitFrontMatter(f)
	if err != nil {
		return nil, err
	}
	// The template is named after its file so text/template's own errors read
	// "template: templates/fenban.tmpl:12: …", the file and line to fix.
	// missingkey=error: {{.Office.CC.提案}} on a profile without that key
	// fails instead of printing "<no value>" into an official document.
	t, err := template.New(f.display).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, fmt.Errorf("模板解析失败：%w", err)
	}
	k := &kind{Kind: Kind{
		Name: name, Label: meta.Name, ProposalTypes: meta.ProposalTypes,
		// A mark the kind carries must be given, so it is listed as required too.
		Marks: meta.Marks, Required: slices.Concat(meta.Required, meta.Marks), Source: f.display,
	}, tmpl: t}
	if err := k.check(); err != nil {
		return nil, fmt.Errorf("%s：%w", f.display, err)
	}
	return k, nil
}

// splitFrontMatter separates the JSON front matter from the template text and
// blanks it to as many newlines, so template line numbers stay those of the file.
func splitFrontMatter(f file) (frontMatter, string, error) {
	var meta frontMatter
	src := string(f.data)
	if !strings.HasPrefix(src, "---\n") {
		return meta, "", fmt.Errorf("%s:1: 文件应以 --- 开头的 JSON 说明块（name、proposalTypes、marks、required）开始", f.display)
	}
	end := strings.Index(src[4:], "\n---\n")
	if end < 0 {
		return meta, "", fmt.Errorf("%s:1: JSON 说明块缺少结束的 --- 行", f.display)
	}
	head := src[4 : 4+end]
	rest := src[4+end+5:]
	dec := json.NewDecoder(strings.NewReader(head))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&meta); err != nil {
		line := 2 // the line after the opening ---
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line += strings.Count(head[:min(int(se.Offset), len(head))], "\n")
		}
		return meta, "", fmt.Errorf("%s:%d: JSON 说明块有误：%w", f.display, line, err)
	}
	blank := strings.Repeat("\n", strings.Count(src[:len(src)-len(rest)], "\n"))
	return meta, blank + rest, nil
}

// check rejects at load what would otherwise fail on a request: a missing part,
// an unknown mark or required path, and a template that cannot execute (a
// misspelt field such as .Proposal.Nmber is found only by running it).
func (k *kind) check() error {
	if k.Label == "" {
		return errors.New("JSON 说明块缺少 name（答复类型的中文名称，如 分办意见）")
	}
	if len(k.ProposalTypes) == 0 {
		return errors.New("JSON 说明块缺少 proposalTypes（可答复的类型：建议、提案）")
	}
	for _, t := range k.ProposalTypes {
		if _, ok := honorifics[t]; !ok {
			return fmt.Errorf("proposalTypes 中的“%s”无效，可选：建议、提案", t)
		}
	}
	for _, m := range k.Marks {
		if !knownMarks[m] {
			return fmt.Errorf("marks 中的“%s”无效，可选：category（答复类别）", m)
		}
	}
	for _, r := range k.Required {
		if _, ok := labels[r]; !ok {
			return fmt.Errorf("required 中的“%s”无效，可选：%s", r, strings.Join(slices.Sorted(maps.Keys(labels)), "、"))
		}
	}
	for _, p := range parts {
		if k.tmpl.Lookup(p) == nil {
			return fmt.Errorf(`缺少 {{define "%s"}}…{{end}}（每种答复须定义 %s）`, p, strings.Join(parts, "、"))
		}
	}
	sample := view{
		Proposal: document.Proposal{
			Type: k.ProposalTypes[0], Session: "示例会议", Number: "1", Title: "示例标题",
			Deputies: []string{"甲", "乙", "丙"}, LeadUnit: "示例单位",
		},
		Honorific: honorifics[k.ProposalTypes[0]],
		Office: Profile{Issuer: "示例单位", Field: "示例", Categories: []string{"A"},
			CC: map[string][]string{"建议": {"示例"}, "提案": {"示例"}}},
	}
	for _, p := range parts {
		if _, err := k.lines(p, sample); err != nil {
			return fmt.Errorf("试运行失败：%w", err)
		}
	}
	return nil
}

func (k *kind) info() Kind {
	out := k.Kind
	out.ProposalTypes = slices.Clone(k.ProposalTypes)
	out.Marks = slices.Clone(k.Marks)
	out.Required = slices.Clone(k.Required)
	return out
}

// view is what a template sees: {{.Proposal.Title}}, {{.Honorific}} (代表 or
// 委员), {{.Office.Field}} and the rest of the office profile.
type view struct {
	Proposal  document.Proposal
	Honorific string
	Office    Profile
}

// lines executes one part and returns its non-blank lines, trimmed: each is a
// paragraph (opening, closing) or an addressee, so template authors may lay the
// text out freely.
func (k *kind) lines(part string, v view) ([]string, error) {
	var buf bytes.Buffer
	if err := k.tmpl.ExecuteTemplate(&buf, part, v); err != nil {
		return nil, err
	}
	var out []string
	for l := range strings.Lines(buf.String()) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}
