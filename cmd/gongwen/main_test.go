package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/fontset"
)

// needFonts skips a test that renders when the fonts are not fetched, unless
// GONGWEN_REQUIRE_FONTS is set (make test sets it).
func needFonts(t *testing.T) {
	t.Helper()
	if _, err := fontset.Load(fontset.Options{}); err != nil {
		if os.Getenv("GONGWEN_REQUIRE_FONTS") != "" {
			t.Fatal(err)
		}
		t.Skipf("fonts not fetched: %v", err)
	}
}

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestCLI(t *testing.T) {
	needFonts(t)
	dir := t.TempDir()
	seed := filepath.Join("..", "..", "testdata", "fenban-1234.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"issuer":"株洲市人力资源和社会保障局","title":"关于𠮷的答复","body":"正文。","docNumber":"株人社字[2022]027号","signatur":{}}`), 0o644)
	body := filepath.Join(dir, "body.txt")
	os.WriteFile(body, []byte("现将有关情况报告如下。\n一、基本情况\n近两年培训学员3539人次。\n"), 0o644)
	tests := []struct {
		name       string
		stdin      string
		args       []string
		code       int
		out, err   string // substrings expected in stdout and stderr
		wantFile   string // a file the command must have written
		filePrefix string
	}{
		{name: "no arguments", args: nil, code: exitUsage, out: "Commands:"},
		{name: "unknown command", args: []string{"frobnicate"}, code: exitUsage, err: "unknown command"},
		{name: "render the seed", args: []string{"render", seed, "-o", filepath.Join(dir, "seed.pdf")}, code: exitOK, err: "pages", wantFile: "seed.pdf", filePrefix: "%PDF-"},
		{name: "render to stdout", args: []string{"render", "-o", "-", seed}, code: exitOK, out: "%PDF-"},
		{name: "render from stdin", stdin: `{"issuer":"株洲市人力资源和社会保障局","title":"关于某事的通知","body":"正文。"}`, args: []string{"render", "-", "-o", "-"}, code: exitOK, out: "%PDF-"},
		{name: "every problem of a bad document", args: []string{"render", bad, "-o", filepath.Join(dir, "bad.pdf")}, code: exitInvalid, err: "signatur: "},
		{name: "the docNumber fix is shown", args: []string{"render", bad, "-o", filepath.Join(dir, "bad.pdf")}, code: exitInvalid, err: "株人社字〔2022〕27号"},
		{name: "plain text with flags", args: []string{"render", "--text", body, "--issuer", "株洲市人力资源和社会保障局", "--title", "关于陶瓷产业人才培养情况的报告", "--date", "2022-07-05", "-o", filepath.Join(dir, "text.pdf")}, code: exitOK, wantFile: "text.pdf", filePrefix: "%PDF-"},
		{name: "missing file", args: []string{"render", filepath.Join(dir, "nope.json"), "-o", "-"}, code: exitFailure, err: "no such file"},
		{name: "bad fixed date", args: []string{"render", seed, "--fixed-date", "2022/07/05", "-o", "-"}, code: exitUsage, err: "YYYY-MM-DD"},
		{name: "annex workbook", args: []string{"annex", filepath.Join("..", "..", "testdata", "annex-ceramics.json"), "-o", filepath.Join(dir, "a.xlsx")}, code: exitOK, wantFile: "a.xlsx", filePrefix: "PK"},
		{name: "annex pdf", args: []string{"annex", filepath.Join("..", "..", "testdata", "annex-ceramics.json"), "-o", filepath.Join(dir, "a.pdf")}, code: exitOK, wantFile: "a.pdf", filePrefix: "%PDF-"},
		{name: "annex unknown format", args: []string{"annex", filepath.Join("..", "..", "testdata", "annex-ceramics.json"), "-o", filepath.Join(dir, "a.doc")}, code: exitUsage, err: ".xlsx or .pdf"},
		{name: "templates", args: []string{"templates"}, code: exitOK, out: "fenban"},
		{name: "fonts", args: []string{"fonts", "--fonts", dir}, code: exitOK, out: "GB 2312"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %.300s\nstderr: %.600s", code, tt.code, out, errs)
			}
			if !strings.Contains(out, tt.out) {
				t.Errorf("stdout lacks %q: %.300s", tt.out, out)
			}
			if !strings.Contains(errs, tt.err) {
				t.Errorf("stderr lacks %q: %.600s", tt.err, errs)
			}
			if tt.wantFile != "" {
				data, err := os.ReadFile(filepath.Join(dir, tt.wantFile))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(data, []byte(tt.filePrefix)) {
					t.Errorf("%s does not start with %q", tt.wantFile, tt.filePrefix)
				}
			}
		})
	}
}

// A failed render leaves no output file behind, not even a partial one.
func TestNoPartialOutput(t *testing.T) {
	needFonts(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"issuer":"株洲市人力资源和社会保障局","title":"关于𠮷的答复","body":"正文。"}`), 0o644)
	code, _, errs := runCLI(t, "", "render", bad, "-o", filepath.Join(dir, "out.pdf"))
	if code != exitInvalid || !strings.Contains(errs, "U+20BB7") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}
