package batch

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/compose"
	"gongwen/internal/document"
)

// itemMeta is what the summary workbook says of an item, fixed when the batch
// is created; the item list of a batch is stored once, as JSON, beside its ZIP.
type itemMeta struct {
	Item     int         `json:"item"`
	Row      int         `json:"row"`
	Where    string      `json:"where"`
	Number   string      `json:"number,omitempty"`   // 发文字号
	Deputy   string      `json:"deputy,omitempty"`   // 提出人: the deputies or members, 、-separated
	Title    string      `json:"title,omitempty"`    // the document's title (the proposal's, if invalid)
	Kind     string      `json:"kind,omitempty"`     // the reply kind's label: 分办意见
	Category string      `json:"category,omitempty"` // 答复类别
	Date     string      `json:"date,omitempty"`     // 成文日期
	File     string      `json:"file,omitempty"`     // the PDF's name in the ZIP; "" for an invalid item
	Errors   []ItemError `json:"errors,omitempty"`   // why the item was not queued
}

// prepared is an item ready to queue — its composed document as the task will
// carry it, not as Go values, which would take several times the memory in a
// batch of ten thousand — or the problems that keep it from it.
type prepared struct {
	meta    itemMeta
	doc     []byte            // the composed document as JSON; nil when invalid
	columns map[string]string // document path → ledger column header; nil for JSON
	// register is the 发文字号 register the document takes its number from
	// ("n.<profile>.<year>"), or "" when it has one or its office has no scheme.
	register string
	scheme   compose.DocNumberScheme
	year     int
}

// preparer composes items on one template library and batch options.
type preparer struct {
	lib     *compose.Library
	opt     Options
	kinds   map[string]string             // kind → label
	byName  map[string]*compose.Profile   // profile name → profile
	byIssue map[string][]*compose.Profile // issuer → profiles
}

func newPreparer(lib *compose.Library, opt Options) *preparer {
	p := &preparer{lib: lib, opt: opt, kinds: map[string]string{},
		byName: map[string]*compose.Profile{}, byIssue: map[string][]*compose.Profile{}}
	for _, k := range lib.Kinds() {
		p.kinds[k.Name] = k.Label
	}
	for _, prof := range lib.Profiles() {
		prof := prof
		p.byName[prof.Name] = &prof
		p.byIssue[prof.Issuer] = append(p.byIssue[prof.Issuer], &prof)
	}
	return p
}

// prepare decodes and composes one item and checks it as the renderer will, so
// that problems in the input are found when the batch is created — while the
// user is still there — and an invalid item takes no 发文字号.
func (pp *preparer) prepare(n int, it item) *prepared {
	p := &prepared{meta: itemMeta{Item: n, Row: it.row, Where: it.where}, columns: it.columns}
	fail := func(err error) *prepared {
		var ps document.Problems
		if !errors.As(err, &ps) {
			ps = document.Problems{{Message: err.Error()}}
		}
		for _, pr := range ps {
			field := pr.Path
			if field != "" {
				field = columnOf(it.columns, field)
			}
			p.meta.Errors = append(p.meta.Errors, ItemError{Item: n, Row: it.row, Where: it.where, Field: field, Message: pr.Message})
		}
		return p
	}
	if len(it.errs) > 0 {
		for _, e := range it.errs {
			e.Item = n
			p.meta.Errors = append(p.meta.Errors, e)
		}
		if it.doc != nil {
			pp.describe(&p.meta, it.doc)
		}
		return p
	}
	doc := it.doc
	if doc == nil {
		var err error
		if doc, err = document.Decode(it.raw); err != nil {
			return fail(err)
		}
	}
	if pp.opt.Profile != "" && doc.Profile == "" && doc.Issuer == "" {
		doc.Profile = pp.opt.Profile
	}
	if pp.opt.Kind != "" && doc.Kind == "" && doc.Proposal != nil {
		doc.Kind = pp.opt.Kind
	}
	if pp.opt.Date != "" && (doc.Signature == nil || doc.Signature.Date == "") {
		if doc.Signature == nil {
			doc.Signature = &document.Signature{}
		}
		doc.Signature.Date = pp.opt.Date
	}
	pp.describe(&p.meta, doc)
	out, err := pp.lib.Apply(doc)
	if err != nil {
		return fail(err)
	}
	if ps := out.Validate(); len(ps) > 0 {
		return fail(ps)
	}
	pp.describe(&p.meta, out)
	if out.DocNumber == "" && !pp.opt.NoNumbering {
		pp.register(p, out)
	}
	if p.doc, err = json.Marshal(out); err != nil {
		return fail(err)
	}
	return p
}

// describe fills the summary's columns from doc (again after Apply, which
// supplies the title).
func (pp *preparer) describe(m *itemMeta, doc *document.Document) {
	m.Number, m.Category, m.Title = doc.DocNumber, doc.Category, doc.Title
	if doc.Proposal != nil {
		m.Deputy = strings.Join(doc.Proposal.Deputies, "、")
		if m.Title == "" {
			m.Title = doc.Proposal.Title
		}
	}
	if doc.Signature != nil {
		m.Date = doc.Signature.Date
	}
	m.Kind = doc.Kind
	if label, ok := pp.kinds[doc.Kind]; ok {
		m.Kind = label
	}
}

// register picks the register a composed document without a 发文字号 is
// numbered from: its office's scheme (found as compose finds it: the profile
// it names, else the only one with its issuer), in the year of its 成文日期.
func (pp *preparer) register(p *prepared, doc *document.Document) {
	prof := pp.byName[doc.Profile]
	if doc.Profile == "" && len(pp.byIssue[doc.Issuer]) == 1 {
		prof = pp.byIssue[doc.Issuer][0]
	}
	if prof == nil || prof.DocNumber.Prefix == "" {
		return
	}
	year := prof.DocNumber.Year
	if doc.Signature != nil && len(doc.Signature.Date) >= 4 {
		if y, err := strconv.Atoi(doc.Signature.Date[:4]); err == nil {
			year = y
		}
	}
	if year == 0 {
		year = time.Now().Year()
	}
	p.register = "n." + prof.Name + "." + strconv.Itoa(year)
	p.scheme, p.year = prof.DocNumber, year
}

// numbered is the task's document with its 发文字号 set. The composed JSON has
// no docNumber (it was empty, and omitted), so adding the member is enough.
func (p *prepared) numbered() []byte {
	if p.meta.Number == "" || p.register == "" || len(p.doc) < 2 || p.doc[0] != '{' {
		return p.doc
	}
	num, _ := json.Marshal(p.meta.Number)
	out := make([]byte, 0, len(p.doc)+len(num)+16)
	out = append(out, `{"docNumber":`...)
	out = append(out, num...)
	if p.doc[1] != '}' {
		out = append(out, ',')
	}
	return append(out, p.doc[1:]...)
}
