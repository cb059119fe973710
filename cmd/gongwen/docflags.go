package main

import (
	"flag"
	"fmt"

	"gongwen/internal/document"
)

// docFlags describe a document on the command line, for a plain-text body.
type docFlags struct {
	issuer, title, docNumber, kind, date, seal, signer, note, format, printer string
	addressees, cc                                                            stringList
}

func (m *docFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.issuer, "issuer", "", "发文机关 (with --text)")
	fs.StringVar(&m.title, "title", "", "标题 (with --text)")
	fs.StringVar(&m.docNumber, "doc-number", "", "发文字号, e.g. 株人社字〔2022〕27号 (with --text)")
	fs.StringVar(&m.kind, "kind", "", "reply kind: fenban, zhuban, xieban, tian (with --text)")
	fs.StringVar(&m.format, "format", "", "file (文件格式, default) or letter (信函格式) (with --text)")
	fs.StringVar(&m.date, "date", "", "成文日期 YYYY-MM-DD (with --text)")
	fs.StringVar(&m.seal, "seal", "none", "seal layout: none or stamp (with --text)")
	fs.StringVar(&m.signer, "signature", "", "署名; default the issuer (with --text)")
	fs.StringVar(&m.note, "note", "", "附注 (with --text)")
	fs.StringVar(&m.printer, "printer", "", "印发机关; printed with the date (with --text)")
	fs.Var(&m.addressees, "to", "主送机关 (repeatable, with --text)")
	fs.Var(&m.cc, "cc", "抄送机关 (repeatable, with --text)")
}

// document builds a document around a plain-text body.
func (m *docFlags) document(body string) *document.Document {
	d := &document.Document{
		Format: m.format, Kind: m.kind, Issuer: m.issuer, Title: m.title, DocNumber: m.docNumber,
		Addressees: m.addressees, CC: m.cc, Note: m.note,
		Body: document.ParseText(body),
	}
	if m.date != "" {
		d.Signature = &document.Signature{Name: m.signer, Date: m.date, Seal: document.Seal{Mode: m.seal}}
		if m.printer != "" {
			d.Printer = &document.Printer{Name: m.printer, Date: m.date}
		}
	}
	return d
}

// readDocument reads the document named by args (JSON), or builds one from a
// plain-text body and flags. It returns the input's name for the default output.
func readDocument(e *env, args []string, textFile string, m *docFlags) (*document.Document, string, error) {
	if textFile != "" {
		if len(args) > 0 {
			return nil, "", fmt.Errorf("give either a JSON document or --text, not both")
		}
		body, err := readInput(e, textFile)
		if err != nil {
			return nil, "", err
		}
		return m.document(string(body)), textFile, nil
	}
	if len(args) != 1 {
		return nil, "", fmt.Errorf("render takes one document (a JSON file, or - for standard input); see gongwen render -h")
	}
	data, err := readInput(e, args[0])
	if err != nil {
		return nil, "", err
	}
	doc, err := document.Decode(data)
	if err != nil {
		return nil, "", err
	}
	return doc, args[0], nil
}
