package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"gongwen/internal/compose"
	"gongwen/internal/document"
	"gongwen/internal/fontset"
	"gongwen/internal/layout"
	"gongwen/templates"
)

var update = flag.Bool("update", false, "rewrite the golden layout files in testdata/golden")

var (
	fontsOnce sync.Once
	fonts     *fontset.Set
	fontsErr  error
)

// renderer returns a renderer on the fetched open fonts only (never a user's
// fonts/ directory), so layouts are the same on every machine. Without fonts the
// test is skipped, unless GONGWEN_REQUIRE_FONTS is set (make test sets it).
func renderer(t testing.TB) *Renderer {
	t.Helper()
	fontsOnce.Do(func() { fonts, fontsErr = fontset.Load(fontset.Options{}) })
	if fontsErr != nil {
		if os.Getenv("GONGWEN_REQUIRE_FONTS") != "" {
			t.Fatalf("fonts: %v", fontsErr)
		}
		t.Skipf("fonts not fetched (run make fonts): %v", fontsErr)
	}
	return &Renderer{Fonts: fonts}
}

var fixed = Options{Date: time.Date(2022, 7, 5, 9, 0, 0, 0, time.UTC)}

func loadDoc(t testing.TB, name string) *document.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	lib, err := compose.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	doc, err = lib.Apply(doc)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// variants of the seed that exercise each signature layout and more of the page.
func variants(t testing.TB) map[string]*document.Document {
	seed := loadDoc(t, "fenban-1234.json")
	none := *seed
	none.Signature = &document.Signature{Name: seed.Signature.Name, Date: seed.Signature.Date, Seal: document.Seal{Mode: document.SealNone}}
	png, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seal-sample.png"))
	if err != nil {
		t.Fatal(err)
	}
	image := *seed
	image.Signature = &document.Signature{Name: seed.Signature.Name, Date: seed.Signature.Date, Seal: document.Seal{Mode: document.SealImage, Image: png}}
	full := *seed
	full.CopyNumber, full.Secrecy, full.Urgency, full.Category = "000123", "秘密★1年", "特急", "A"
	full.Body = append(document.Body{
		{Heading: 2, Text: "二级标题在楷体中"}, {Heading: 3, Text: "三级标题。"}, {Heading: 4, Text: "四级标题。"},
	}, seed.Body...)
	full.Attachments = []document.Attachment{
		{Title: "陶瓷产业技能培训情况统计表"},
		{Title: "2021年工美系列职称专场评审情况", Body: document.Body{{Text: "参评中级36名，通过30名，认定初级46名。"}}},
	}
	out := map[string]*document.Document{"seed": seed, "seal-none": &none, "seal-image": &image, "full": &full}
	// One file per GB/T 9704 variant: letter format, 上行文, joint issue, table attachment, a long reply.
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "variants", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = loadDoc(t, filepath.Join("variants", filepath.Base(f)))
	}
	return out
}

// TestGoldenLayout compares where every line stands with testdata/golden.
// Regenerate with: go test ./internal/render -run TestGoldenLayout -update
func TestGoldenLayout(t *testing.T) {
	r := renderer(t)
	for name, doc := range variants(t) {
		t.Run(name, func(t *testing.T) {
			res, err := r.Layout(doc, fixed)
			if err != nil {
				t.Fatal(err)
			}
			got := snapshot(res)
			path := filepath.Join("testdata", "golden", name+".layout.json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("layout of %s differs from %s; review the diff and regenerate with -update:\n%s", name, path, firstDiff(want, got))
			}
		})
	}
}

// snapshot is a readable record of a layout: per page, its number and lines.
func snapshot(res *layout.Result) []byte {
	type page struct {
		Number int               `json:"number"`
		Rules  int               `json:"rules"`
		Images int               `json:"images"`
		Lines  []layout.LineInfo `json:"lines"`
	}
	var pages []page
	for _, p := range res.Pages {
		pages = append(pages, page{Number: p.Number, Rules: len(p.Rules), Images: len(p.Images), Lines: p.Lines})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	_ = enc.Encode(pages)
	return buf.Bytes()
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + jsonInt(i)) }

func jsonInt(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestGrid checks the layout against the numbers of GB/T 9704 for every variant.
func TestGrid(t *testing.T) {
	r := renderer(t)
	for name, doc := range variants(t) {
		t.Run(name, func(t *testing.T) {
			res, err := r.Layout(doc, fixed)
			if err != nil {
				t.Fatal(err)
			}
			for pi, p := range res.Pages {
				body := 0
				left, right := layout.BoxLeft, layout.BoxRight
				if p.Landscape { // the upright 版心 seen on a page turned a quarter
					left = layout.PaperH - layout.BoxBottom
					right = left + layout.BoxHeight
				}
				for _, l := range p.Lines {
					if l.Kind == "pagenumber" {
						continue // upright on every page; checked by gwcheck and its own golden
					}
					// Nothing, not even the 标志, stands outside the 版心's width.
					if l.X0 < left-0.5 || l.X1 > right+layout.PtToMM(l.Size)/2+0.5 {
						t.Errorf("page %d: %s %q spans %.1f–%.1f mm, wider than the 版心", pi+1, l.Kind, l.Text, l.X0, l.X1)
					}
					if l.Size == layout.SizeSan && l.Grid >= 0 {
						body++
						if l.X0 < layout.BoxLeft-0.5 || l.X1 > layout.BoxRight+layout.Cell/2+0.5 {
							t.Errorf("page %d: line %q spans %.1f–%.1f mm, outside the 版心", pi+1, l.Text, l.X0, l.X1)
						}
					}
				}
				if body > layout.GridLines {
					t.Errorf("page %d has %d lines (22)", pi+1, body)
				}
			}
		})
	}
}

// TestReadBack renders each variant, extracts the PDF's text with poppler and
// finds every character of the input in it, in order.
func TestReadBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("GONGWEN_REQUIRE_FONTS") != "" {
			t.Fatal("pdftotext not found: run make deps (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext not found (apt-get install poppler-utils)")
	}
	r := renderer(t)
	for name, doc := range variants(t) {
		t.Run(name, func(t *testing.T) {
			out, err := r.Render(doc, fixed)
			if err != nil {
				t.Fatal(err)
			}
			text := extract(t, out.PDF)
			pos := 0
			for _, want := range expectedTexts(doc) {
				at, ok := findInOrder(text, squash(want), pos)
				if !ok {
					t.Fatalf("%q not found in order in the PDF text after position %d:\n%s", want, pos, excerpt(text, pos))
				}
				pos = at
			}
		})
	}
}

func extract(t *testing.T, pdf []byte) []rune {
	t.Helper()
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return []rune(squash(string(out)))
}

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// expectedTexts lists what the reader must find, in reading order.
func expectedTexts(d *document.Document) []string {
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	add(d.Disclosure)
	add(d.IssuerMark)
	add(d.DocNumber)
	add(d.Title)
	add(strings.Join(d.Addressees, "、"))
	for _, b := range d.Body.Numbered() {
		add(b.Text)
	}
	for _, a := range d.Attachments {
		add(a.Title)
	}
	if d.Signature != nil {
		add(d.Signature.Name)
		add(dateCN(d.Signature.Date))
	}
	add(d.Note)
	for _, a := range d.Attachments {
		if a.Body != nil {
			add(a.Title)
			for _, b := range a.Body {
				add(b.Text)
			}
		}
	}
	add(strings.Join(d.CC, "，"))
	if d.Printer != nil {
		add(d.Printer.Name)
	}
	return out
}

func dateCN(iso string) string {
	p := strings.Split(iso, "-")
	return p[0] + "年" + strings.TrimLeft(p[1], "0") + "月" + strings.TrimLeft(p[2], "0") + "日"
}

// findInOrder finds want's characters in text from pos on, in order, allowing
// only short interruptions (a page number, a line's wrap) between them.
func findInOrder(text []rune, want string, pos int) (int, bool) {
	const maxGap = 12 // "—3—" plus a header mark at a page break
	wr := []rune(want)
	for start := pos; start < len(text); start++ {
		if text[start] != wr[0] {
			continue
		}
		i, j, gap := start+1, 1, 0
		for j < len(wr) && i < len(text) && gap <= maxGap {
			if text[i] == wr[j] {
				j++
				gap = 0
			} else {
				gap++
			}
			i++
		}
		if j == len(wr) {
			return i, true
		}
	}
	return 0, false
}

func excerpt(text []rune, pos int) string {
	end := min(len(text), pos+120)
	return string(text[pos:end])
}

func TestSameBytesWithFixedDate(t *testing.T) {
	r := renderer(t)
	doc := loadDoc(t, "fenban-1234.json")
	a, err := r.Render(doc, fixed)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Render(doc, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Error("two renders with a fixed date differ")
	}
	if !bytes.HasPrefix(a.PDF, []byte("%PDF-")) {
		t.Error("output is not a PDF")
	}
	if len(a.PDF) > 200<<10 {
		t.Errorf("seed PDF is %d bytes, over the 200 KB budget", len(a.PDF))
	}
}

// TestTemplateSeedSameBytes: the template-driven seed renders to the very bytes
// of the explicit seed.
func TestTemplateSeedSameBytes(t *testing.T) {
	r := renderer(t)
	explicit, err := r.Render(loadDoc(t, "fenban-1234.json"), fixed)
	if err != nil {
		t.Fatal(err)
	}
	viaTemplate, err := r.Render(loadDoc(t, "fenban-1234.proposal.json"), fixed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(explicit.PDF, viaTemplate.PDF) {
		t.Errorf("template-driven seed (%d bytes) differs from the explicit seed (%d bytes)", len(viaTemplate.PDF), len(explicit.PDF))
	}
}

func TestBadDocuments(t *testing.T) {
	r := renderer(t)
	tests := []struct {
		name      string
		edit      func(d *document.Document)
		path, msg string
	}{
		{"character no font has", func(d *document.Document) { d.Body[3].Text = "张𠮷同志" }, "body[3].text", "U+20BB7"},
		{"in the title", func(d *document.Document) { d.Title = "关于𠮷的答复" }, "title", "U+20BB7"},
		{"in the signature", func(d *document.Document) { d.Signature.Name = "𠮷局" }, "signature.name", "U+20BB7"},
		{"missing issuer", func(d *document.Document) { d.Issuer = "" }, "issuer", ""},
		{"bad date", func(d *document.Document) { d.Signature.Date = "2022-02-30" }, "signature.date", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loadDoc(t, "fenban-1234.json")
			doc.Body = append(document.Body(nil), doc.Body...)
			sig := *doc.Signature
			doc.Signature = &sig
			tt.edit(doc)
			_, err := r.Render(doc, fixed)
			var ps document.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want document.Problems, got %v", err)
			}
			found := false
			for _, p := range ps {
				if p.Path == tt.path && strings.Contains(p.Message, tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem at %s containing %q in %v", tt.path, tt.msg, ps)
			}
		})
	}
}

func BenchmarkRenderSeed(b *testing.B) {
	r := renderer(b)
	doc := loadDoc(b, "fenban-1234.json")
	var size int
	b.ReportAllocs()
	for b.Loop() {
		out, err := r.Render(doc, fixed)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out.PDF)
	}
	b.ReportMetric(float64(size)/1024, "KB/pdf")
}

func BenchmarkLayoutSeed(b *testing.B) {
	r := renderer(b)
	doc := loadDoc(b, "fenban-1234.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Layout(doc, fixed); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSignatureKeptWithText: when the seal and date would otherwise go alone to
// a new page, the page drops a blank line and tightens its line spacing
// (§7.3.5.5), keeping at most 22 lines of text.
func TestSignatureKeptWithText(t *testing.T) {
	r := renderer(t)
	doc := loadDoc(t, "fenban-1234.json")
	doc.Body = append(document.Body(nil), doc.Body...)
	last := []rune(doc.Body[len(doc.Body)-1].Text)
	doc.Body[len(doc.Body)-1].Text = string(last[:len(last)-12]) // ends low on page 4
	res, err := r.Layout(doc, fixed)
	if err != nil {
		t.Fatal(err)
	}
	var sigPage *layout.Page
	for i := range res.Pages {
		for _, l := range res.Pages[i].Lines {
			if l.Kind == "date" {
				sigPage = &res.Pages[i]
			}
		}
	}
	if sigPage == nil {
		t.Fatal("no date set")
	}
	body, text := false, 0
	for _, l := range sigPage.Lines {
		if l.Kind == "body" {
			body = true
		}
		if l.Size == layout.SizeSan && l.Grid >= 0 {
			text++
		}
		if l.Kind != "pagenumber" && l.Y > layout.BoxBottom {
			t.Errorf("%s %q below the 版心 at %.1f mm", l.Kind, l.Text, l.Y)
		}
	}
	if !body {
		t.Error("the signature stands on a page without text")
	}
	if sigPage.Tightened() <= layout.GridLines {
		t.Errorf("page not tightened: %d rows", sigPage.Tightened())
	}
	if text > layout.GridLines {
		t.Errorf("%d lines of text on the tightened page (22)", text)
	}
}
