package web

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gongwen/internal/httpapi"
)

// chromium is Debian's package (make browser-deps installs it).
const chromium = "/usr/bin/chromium"

var screenshots = flag.Bool("screenshots", false, "save screenshots of the pages to docs/web-*.png")

// requireBrowser: with GONGWEN_BROWSER_TESTS=1 (CI) a missing browser or
// missing fonts fail the tests instead of skipping them.
func requireBrowser() bool { return os.Getenv("GONGWEN_BROWSER_TESTS") == "1" }

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if requireBrowser() {
		t.Fatalf(format+" (GONGWEN_BROWSER_TESTS=1 makes this a failure)", args...)
	}
	t.Skipf(format+"; set GONGWEN_BROWSER_TESTS=1 to make this a failure", args...)
}

var fixedDate = time.Date(2022, 7, 5, 0, 0, 0, 0, time.UTC)

// bootService starts the real service on 127.0.0.1:0, with a data directory
// for batches and a fixed PDF date, and waits for its fonts.
func bootService(t *testing.T) *httpapi.Main {
	t.Helper()
	cfg := httpapi.Config{
		Addr:      "127.0.0.1:0",
		FontDir:   "../../fonts",
		DataDir:   t.TempDir(),
		FixedDate: fixedDate,
		Logger:    slog.New(slog.DiscardHandler),
	}
	if os.Getenv("GONGWEN_TEST_LOGS") != "" {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	m := httpapi.NewMain(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := m.Run(ctx); err != nil {
		t.Fatalf("service: %v", err)
	}
	t.Cleanup(func() { _ = m.Close() })
	select {
	case <-m.FontsLoaded():
	case <-time.After(60 * time.Second):
		t.Fatal("fonts did not load within 60s")
	}
	resp, err := http.Get("http://" + m.Addr() + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		if os.Getenv("GONGWEN_REQUIRE_FONTS") != "" {
			t.Fatalf("service not ready: %s", body)
		}
		skipOrFail(t, "service not ready (fonts not fetched? run make fonts): %s", body)
	}
	return m
}

// serveSite is the page as the service will serve it once Handler is wired
// in: the page at / and /assets/, everything else from the real service,
// passed through a reverse proxy (which flushes event streams as they come).
func serveSite(t *testing.T, api string) string {
	t.Helper()
	target, err := url.Parse(api)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/", Handler())
	mux.Handle("/assets/", Handler())
	proxy := httputil.NewSingleHostReverseProxy(target)
	// The page cancels a check when the person types on: not an error.
	proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) { w.WriteHeader(http.StatusBadGateway) }
	for _, p := range []string{"/v1/", "/readyz", "/healthz"} {
		mux.Handle(p, proxy)
	}
	srv := httptest.NewServer(mux) // 127.0.0.1:0
	t.Cleanup(srv.Close)
	return srv.URL
}

// newBrowser starts headless Chromium on a new empty profile, with nothing
// that reaches out to the network by itself.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		skipOrFail(t, "%s not found: install Debian's chromium (make browser-deps)", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1400, 1000), recordViolations); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return bctx
}

// recordViolations keeps, in the tab's sessionStorage (which outlives a
// navigation), every load the Content-Security-Policy refused: the page must
// work under its own policy, pdf.js included.
var recordViolations = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `document.addEventListener('securitypolicyviolation', e => sessionStorage.setItem('csp',
			(sessionStorage.getItem('csp') || '') + e.violatedDirective + ' ' + e.blockedURI + '\n'))`})
	return err
})

// violations are the refusals recordViolations saw.
func violations(t *testing.T, ctx context.Context) string {
	t.Helper()
	return value(t, ctx, "CSP violations", 5*time.Second, chromedp.Evaluate[string](`sessionStorage.getItem('csp') || ''`))
}

// step runs actions with their own time limit, so a page that never gets
// there fails with what it was waiting for rather than at the test's end.
func step(t *testing.T, ctx context.Context, what string, timeout time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, pageState(ctx))
	}
}

// value runs one action that returns a value, within timeout.
func value[T any](t *testing.T, ctx context.Context, what string, timeout time.Duration, a chromedp.Action[T]) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(sctx, a)
	if err != nil {
		t.Fatalf("%s: %v\n%s", what, err, pageState(ctx))
	}
	return v
}

// pageState is what the page says, for a failure message.
func pageState(ctx context.Context) string {
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	s, _ := chromedp.Run(sctx, chromedp.Evaluate[string](`[document.querySelector('#status')?.textContent,
		...[...document.querySelectorAll('.problems li')].map(e => e.dataset.path + ': ' + e.textContent),
		document.querySelector('#batch-status')?.textContent].join('\n')`))
	return "page says:\n" + s
}

// screenshot saves the viewport to docs/web-name.png when -screenshots is given.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	png := value(t, ctx, "screenshot", 20*time.Second, chromedp.CaptureScreenshot())
	path := filepath.Join("..", "..", "docs", "web-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// seedText is the seed reply's body as a person pastes it from a word
// processor: headings with their ordinals, paragraphs indented with
// full-width spaces, one a line.
func seedText(t *testing.T) (string, map[string]any) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/fenban-1234.proposal.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	n := 0
	for _, blk := range doc["body"].([]any) {
		blk := blk.(map[string]any)
		if blk["heading"] != nil {
			n++
			fmt.Fprintf(&b, "%s、%s\r\n", string([]rune("一二三四五六七八九")[n-1]), blk["text"])
		} else {
			fmt.Fprintf(&b, "\u3000\u3000%s\r\n\r\n", blk["text"])
		}
	}
	return b.String(), doc
}
