package sfnt

import (
	"bytes"
	"io"
	"os"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// Targets: Parse of a 15 MB CJK font <= 30 ms and allocation-light; Subset
// of ~700 CJK runes <= 1 ms.

func BenchmarkParse(b *testing.B) {
	for _, p := range []string{lxgwPath, notoSerifPath} {
		b.Run(baseName(p), func(b *testing.B) {
			_, data := loadFont(b, p)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGlyphIndex(b *testing.B) {
	f, _ := loadFont(b, notoSerifPath)
	runes := cjkRunes(f, 700)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range runes {
			f.GlyphIndex(r)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(runes)), "ns/rune")
}

func BenchmarkSubset700(b *testing.B) {
	for _, p := range []string{lxgwPath, notoSerifPath} {
		b.Run(baseName(p), func(b *testing.B) {
			f, _ := loadFont(b, p)
			runes := append(cjkRunes(f, 700), []rune(sampleText)...)
			b.ReportAllocs()
			var n int
			for b.Loop() {
				out, err := f.Subset(runes)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "font-bytes")
		})
	}
}

// BenchmarkDocument is the whole per-document cost the package is for:
// subset the document's runes, hand the subset to fpdf, write one page.
func BenchmarkDocument(b *testing.B) {
	f, _ := loadFont(b, notoSerifPath)
	text := sampleText
	b.ReportAllocs()
	for b.Loop() {
		sub, err := f.Subset([]rune(text))
		if err != nil {
			b.Fatal(err)
		}
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("gw", "", sub)
		pdf.AddPage()
		pdf.SetFont("gw", "", 16)
		pdf.Cell(170, 10, text)
		if err := pdf.Output(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFPDFFullFont is the baseline this package avoids: fpdf parsing
// the whole 15 MB font for every document.
func BenchmarkFPDFFullFont(b *testing.B) {
	_, data := loadFont(b, notoSerifPath)
	b.ReportAllocs()
	for b.Loop() {
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("gw", "", data)
		pdf.AddPage()
		pdf.SetFont("gw", "", 16)
		pdf.Cell(170, 10, sampleText)
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func baseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == os.PathSeparator {
			return p[i+1:]
		}
	}
	return p
}
