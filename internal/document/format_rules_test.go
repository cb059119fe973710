package document

import (
	"strings"
	"testing"
)

func TestFormatRules(t *testing.T) {
	base := func() *Document {
		return &Document{Issuer: "株洲市人力资源和社会保障局", Title: "关于某事的函", Body: Body{{Text: "正文。"}}}
	}
	tests := []struct {
		name string
		edit func(d *Document)
		path string
		msg  string
	}{
		{"letter with printer", func(d *Document) {
			d.Format = FormatLetter
			d.Printer = &Printer{Name: "办公室", Date: "2022-07-05"}
		}, "printer", "信函格式"},
		{"letter with signers", func(d *Document) { d.Format = FormatLetter; d.Signers = []string{"王某"} }, "signers", "信函格式"},
		{"joint issue with one image seal", func(d *Document) {
			d.JointIssuers = []string{"株洲市财政局"}
			d.Signature = &Signature{Date: "2022-07-05", Seal: Seal{Mode: SealImage, Image: []byte("\\x89PNG")}}
		}, "signature.seal", "联合行文"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			tt.edit(d)
			found := false
			for _, p := range d.Validate() {
				if p.Path == tt.path && strings.Contains(p.Message, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem at %s with %q in %v", tt.path, tt.msg, d.Validate())
			}
		})
	}
}
