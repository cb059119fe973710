package pdf

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"gongwen/internal/layout"
)

// failingFonts cannot cut a subset: the PDF must not be written.
type failingFonts struct{}

func (failingFonts) Subset(int, []rune) ([]byte, error) { return nil, errors.New("no such face") }

func TestWriteErrors(t *testing.T) {
	date := time.Date(2022, 7, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		res  *layout.Result
		want string
	}{
		{"a face that cannot be subset", &layout.Result{
			Pages: []layout.Page{{Segments: []layout.Segment{{Face: 0, Size: 16, X: 28, Y: 50, Text: "株"}}}},
			Used:  map[int]map[rune]bool{0: {'株': true}},
		}, "font subset"},
		{"a character beyond the BMP", &layout.Result{
			Pages: []layout.Page{{}},
			Used:  map[int]map[rune]bool{0: {0x20BB7: true}},
		}, "U+20BB7"},
		{"a seal that is not a PNG", &layout.Result{
			Pages: []layout.Page{{Images: []layout.Image{{X: 100, Y: 200, W: 42, H: 42, PNG: []byte("GIF89a not a png")}}}},
			Used:  map[int]map[rune]bool{},
		}, "signature.seal.image"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.res, failingFonts{}, Meta{Title: "t", Date: date})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

// A page of rules only needs no font and gives a PDF.
func TestWriteRules(t *testing.T) {
	res := &layout.Result{Pages: []layout.Page{{Rules: []layout.Rule{
		{X: 28, Y: 120, W: 156, Thickness: 0.5, Color: layout.Red},
		{X: 28, Y: 130, H: 20, Thickness: 0.25},
	}}}, Used: map[int]map[rune]bool{}}
	var buf bytes.Buffer
	if err := Write(&buf, res, failingFonts{}, Meta{Date: time.Date(2022, 7, 5, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Error("not a PDF")
	}
}
