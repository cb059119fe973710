package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/compose"
	"gongwen/internal/fontset"
	"gongwen/internal/render"
	"gongwen/templates"
)

var (
	fontsOnce sync.Once
	fonts     *fontset.Set
	fontsErr  error
)

// renderer returns a renderer on the fetched open fonts only. Without fonts
// the test is skipped, unless GONGWEN_REQUIRE_FONTS is set (make test sets it).
func renderer(t testing.TB) *render.Renderer {
	t.Helper()
	fontsOnce.Do(func() { fonts, fontsErr = fontset.Load(fontset.Options{}) })
	if fontsErr != nil {
		if os.Getenv("GONGWEN_REQUIRE_FONTS") != "" {
			t.Fatalf("fonts: %v", fontsErr)
		}
		t.Skipf("fonts not fetched (run make fonts): %v", fontsErr)
	}
	return &render.Renderer{Fonts: fonts}
}

func library(t testing.TB) *compose.Library {
	t.Helper()
	lib, err := compose.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// fixedDate makes PDFs and ZIP entries the same on every run.
var fixedDate = time.Date(2022, 7, 5, 9, 0, 0, 0, time.UTC)

// testConfig is an embedded engine on dir with a short AckWait, so a task a
// dead worker held comes back within seconds.
func testConfig(t testing.TB, dir string) Config {
	return Config{DataDir: dir, Library: library(t), Renderer: renderer(t), AckWait: 3 * time.Second, FixedDate: fixedDate}
}

func openEngine(t testing.TB, cfg Config) *Engine {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// seed is the template-driven seed reply without its 发文字号, so that the
// batch numbers it.
func seed(t testing.TB) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "fenban-1234.proposal.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "docNumber")
	return doc
}

// seedLines is n seed-sized replies as JSON Lines, each to its own proposal.
func seedLines(t testing.TB, n int) []byte {
	t.Helper()
	doc := seed(t)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range n {
		doc["proposal"].(map[string]any)["number"] = fmt.Sprint(1000 + i)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// waitEnded follows a batch until it ends and returns its last progress.
func waitEnded(t testing.TB, e *Engine, id string, timeout time.Duration) Progress {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ch, err := e.Watch(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var last Progress
	for p := range ch {
		last = p
	}
	if !last.State.Ended() {
		t.Fatalf("batch %s did not end within %s: %+v", id, timeout, last)
	}
	return last
}

// archive is a batch's ZIP, read back.
type archive struct {
	names   []string          // in ZIP order
	files   map[string][]byte // by name
	summary [][]string        // the summary's rows, header first
}

func readResult(t testing.TB, e *Engine, id string) *archive {
	t.Helper()
	res, err := e.Result(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	data, err := io.ReadAll(res)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(data)) != res.Size {
		t.Fatalf("result: read %d bytes, size says %d", len(data), res.Size)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	a := &archive{files: map[string][]byte{}}
	for _, f := range zr.File {
		if _, dup := a.files[f.Name]; dup {
			t.Errorf("ZIP holds %s twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		a.names = append(a.names, f.Name)
		a.files[f.Name] = b
	}
	x, ok := a.files[SummaryName]
	if !ok {
		t.Fatalf("ZIP has no %s: %v", SummaryName, a.names)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if a.summary, err = wb.GetRows(wb.GetSheetList()[0]); err != nil {
		t.Fatal(err)
	}
	return a
}

// pdfs returns the names of the PDFs in the archive.
func (a *archive) pdfs() []string {
	var out []string
	for _, n := range a.names {
		if strings.HasSuffix(n, ".pdf") {
			out = append(out, n)
		}
	}
	return out
}
