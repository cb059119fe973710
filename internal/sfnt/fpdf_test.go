package sfnt

import (
	"bytes"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestFPDF embeds subsets with fpdf v0.12.0, the consumer this package exists
// for: the subset must load without fpdf printing a complaint, measure the
// same as the original font, produce a small PDF, and (when poppler's
// pdftotext is installed) extract back to the text written.
func TestFPDF(t *testing.T) {
	t.Run("synthetic", func(t *testing.T) {
		f, err := Parse(buildSynth(defaultSynth))
		if err != nil {
			t.Fatal(err)
		}
		checkFPDF(t, f, "AB 中一丁 Á")
	})
	forEachRealFont(t, func(t *testing.T, f *Font, _ []byte) {
		checkFPDF(t, f, sampleText)
	})
}

func checkFPDF(t *testing.T, f *Font, text string) {
	sub, err := f.Subset([]rune(text))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var pdf *fpdf.Fpdf
	const size = 16.0
	// fpdf reports font problems with fmt.Printf and carries on, so its
	// stdout is the only place a rejected table would show.
	printed := captureStdout(t, func() {
		pdf = fpdf.New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("gw", "", sub)
		pdf.AddPage()
		pdf.SetFont("gw", "", size)
		pdf.Text(20, 30, text)
		pdf.SetXY(20, 40)
		pdf.Cell(170, 10, text)
		if err := pdf.Output(&buf); err != nil {
			t.Errorf("Output: %v", err)
		}
	})
	// fpdf's Err() is a bool; Error() carries the error.
	if pdf.Err() {
		t.Fatalf("fpdf: %v", pdf.Error())
	}
	if printed != "" {
		t.Errorf("fpdf printed %q", printed)
	}
	// fpdf's widths come from our hmtx; they must match the original font.
	want := 0.0
	for _, r := range text {
		want += float64(f.Advance(r))
	}
	want = want / float64(f.UnitsPerEm()) * size / 72 * 25.4
	if got := pdf.GetStringWidth(text); math.Abs(got-want) > 0.05 {
		t.Errorf("GetStringWidth = %.2f mm, want %.2f", got, want)
	}
	if buf.Len() > 100<<10 {
		t.Errorf("PDF is %d bytes, want well under 200 KB", buf.Len())
	}
	t.Logf("subset %d bytes, PDF %d bytes", len(sub), buf.Len())

	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed (poppler-utils); text extraction not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), text); n != 2 {
		t.Errorf("pdftotext found the text %d times, want 2 (Text and Cell); got:\n%s", n, out)
	}
}

// captureStdout runs fn with os.Stdout redirected and returns what it wrote.
func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() {
		os.Stdout = saved
	}()
	fn()
	os.Stdout = saved
	w.Close()
	return <-done
}
