package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"gongwen/internal/fontset"
)

// repoFonts is the repository's fonts directory, the one `gongwen render` run
// from the repository root uses, so both sides of a comparison see the same fonts.
const repoFonts = "../../fonts"

var fixedDate = time.Date(2022, 7, 5, 0, 0, 0, 0, time.UTC)

// testServer is a Main booted on a loopback port.
type testServer struct {
	*Main
	url     string
	logs    *syncBuffer
	hold    chan struct{} // closing it (release) lets /test/hold requests finish
	release func()
}

// syncBuffer collects the server's logs; handlers write from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// needFonts skips the test when the open fonts have not been fetched.
func needFontsOrSkip(t testing.TB) *fontset.Set {
	t.Helper()
	set, err := fontset.Load(fontset.Options{UserDir: repoFonts})
	if err != nil {
		t.Skipf("fonts not available (run `gongwen fonts fetch` to fetch them): %v", err)
	}
	return set
}

// boot starts a service with cfg on 127.0.0.1:0 and waits until its fonts
// have loaded (or failed to). It is closed when the test ends. Besides the
// real routes it has three test-only ones: /test/panic panics in the handler,
// /test/panic-work panics inside a render slot, /test/hold occupies a render
// slot until ts.hold is closed.
func boot(t testing.TB, cfg Config) *testServer {
	t.Helper()
	ts := &testServer{logs: &syncBuffer{}, hold: make(chan struct{})}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.FontDir == "" {
		cfg.FontDir = repoFonts
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(io.MultiWriter(ts.logs, testLogSink()), nil))
	ts.Main = NewMain(cfg)
	var once sync.Once
	ts.testRoutes = func(r gin.IRouter) {
		s := ts.server
		r.GET("/test/panic", func(c *gin.Context) { panic("test panic: secret detail") })
		r.GET("/test/panic-work", func(c *gin.Context) {
			err := s.work(c.Request.Context(), "test", func() error { panic("panic in a render slot") })
			s.fail(c, err)
		})
		r.GET("/test/hold", s.timeout, func(c *gin.Context) {
			err := s.work(c.Request.Context(), "test", func() error { <-ts.hold; return nil })
			if err != nil {
				s.fail(c, err)
				return
			}
			c.String(200, "released")
		})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.Run(ctx); err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() {
		once.Do(func() { close(ts.hold) })
		if err := ts.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	ts.release = func() { once.Do(func() { close(ts.hold) }) }
	ts.url = "http://" + ts.Addr()
	select {
	case <-ts.FontsLoaded():
	case <-time.After(30 * time.Second):
		t.Fatal("fonts did not load within 30s")
	}
	return ts
}

// testLogSink shows the server's logs with -v when GONGWEN_TEST_LOGS is set.
func testLogSink() io.Writer {
	if os.Getenv("GONGWEN_TEST_LOGS") != "" {
		return os.Stderr
	}
	return io.Discard
}

// client bounds every test request in time.
var client = &http.Client{Timeout: 60 * time.Second}

type reply struct {
	status int
	header http.Header
	body   []byte
}

// apiError decodes the body as the error JSON.
func (r reply) apiError(t *testing.T) Error {
	t.Helper()
	var e Error
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, r.body)
	}
	return e
}

// do sends a request; contentType "" sends none.
func (ts *testServer) do(t *testing.T, method, path, contentType string, body []byte, header ...string) reply {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the answer: %v", method, path, err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: data}
}

func (ts *testServer) postJSON(t *testing.T, path string, body []byte, header ...string) reply {
	t.Helper()
	return ts.do(t, "POST", path, "application/json", body, header...)
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
