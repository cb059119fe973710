package httpapi

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestBearerTokens(t *testing.T) {
	needFontsOrSkip(t)
	const token = "0123456789abcdef-token"
	ts := boot(t, Config{Tokens: []string{"another-token-0123456789", token}})
	seed := readFile(t, "fenban-1234.json")
	tests := []struct {
		name, path, auth string
		status           int
	}{
		{"no token", "/v1/templates", "", 401},
		{"wrong scheme", "/v1/templates", "Basic " + token, 401},
		{"wrong token", "/v1/templates", "Bearer 0123456789abcdef-tokeN", 401},
		{"prefix of a token", "/v1/templates", "Bearer 0123456789abcdef", 401},
		{"right token", "/v1/templates", "Bearer " + token, 200},
		{"scheme in any case", "/v1/templates", "bearer " + token, 200},
		{"probes stay open", "/readyz", "", 200},
		{"metrics stay open", "/metrics", "", 200},
		{"description stays open", "/openapi.json", "", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h []string
			if tt.auth != "" {
				h = []string{"Authorization", tt.auth}
			}
			r := ts.do(t, "GET", tt.path, "", nil, h...)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status == 401 {
				if e := r.apiError(t); e.Code != EUnauthorized || e.Field != "Authorization" {
					t.Errorf("error %+v", e)
				}
				if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
				}
			}
		})
	}
	// Authentication comes before the body is looked at.
	if r := ts.do(t, "POST", "/v1/render", "text/plain", seed); r.status != 401 {
		t.Errorf("unauthenticated render with a wrong type: %d, want 401", r.status)
	}
	if r := ts.postJSON(t, "/v1/render", seed, "Authorization", "Bearer "+token); r.status != 200 {
		t.Errorf("authenticated render: %d %s", r.status, r.body)
	}
}

func TestBodyLimit(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{BodyLimit: 4 << 10})
	big := append([]byte(`{"issuer": "x", "title": "`), bytes.Repeat([]byte("字"), 4<<10)...)
	big = append(big, `"}`...)
	t.Run("declared length", func(t *testing.T) {
		r := ts.postJSON(t, "/v1/render", big)
		if r.status != 413 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		if e := r.apiError(t); e.Code != ETooLarge || !strings.Contains(e.Message, "4.0 KB") && !strings.Contains(e.Message, "MB") {
			t.Errorf("error %+v", e)
		}
	})
	t.Run("chunked", func(t *testing.T) {
		// An io.Reader of unknown length makes the client send the body chunked:
		// the limit then bites while reading.
		req, _ := http.NewRequest("POST", ts.url+"/v1/validate", io.MultiReader(bytes.NewReader(big)))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 413 {
			body, _ := io.ReadAll(resp.Body)
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
	})
	t.Run("under the limit", func(t *testing.T) {
		if r := ts.postJSON(t, "/v1/validate", []byte(`{"issuer": "x"}`)); r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
	})
}

// Without fonts the service lives (healthz) but is not ready: readyz and the
// routes that lay out text answer 503 saying why; the rest still work.
func TestNotReadyWithoutFonts(t *testing.T) {
	ts := boot(t, Config{FontDir: t.TempDir(), FontCacheDir: t.TempDir()})
	seed := readFile(t, "fenban-1234.json")
	tests := []struct {
		name, method, path string
		body               []byte
		status             int
	}{
		{"liveness", "GET", "/healthz", nil, 200},
		{"readiness", "GET", "/readyz", nil, 503},
		{"render", "POST", "/v1/render", seed, 503},
		{"validate", "POST", "/v1/validate", seed, 503},
		{"fonts", "GET", "/v1/fonts", nil, 503},
		{"templates", "GET", "/v1/templates", nil, 200},
		{"annex", "POST", "/v1/annex", readFile(t, "annex-ceramics.json"), 200},
		{"annex as PDF", "POST", "/v1/annex?format=pdf", readFile(t, "annex-ceramics.json"), 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := ""
			if tt.body != nil {
				ct = "application/json"
			}
			r := ts.do(t, tt.method, tt.path, ct, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, tt.status, r.body)
			}
			if r.status != 503 {
				return
			}
			if !strings.Contains(string(r.body), "fonts fetch") {
				t.Errorf("503 does not say how to fix it: %s", r.body)
			}
			if tt.path != "/readyz" {
				if e := r.apiError(t); e.Code != ENotReady {
					t.Errorf("code %q", e.Code)
				}
				if r.header.Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
			}
		})
	}
}

// With one slot and a queue of one, a third request is refused at once with
// 429 and a Retry-After, and is counted.
func TestQueueFull(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{Concurrency: 1, QueueLength: 1})
	done := make(chan reply, 2)
	for range 2 {
		go func() { done <- ts.do(t, "GET", "/test/hold", "", nil) }()
	}
	waitFor(t, "one request running and one queued", func() bool {
		return ts.server.limit.active() == 1 && ts.server.limit.queued() == 1
	})
	start := time.Now()
	r := ts.postJSON(t, "/v1/render", readFile(t, "fenban-1234.json"))
	if r.status != 429 {
		t.Fatalf("status %d, want 429: %s", r.status, r.body)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("429 took %s: it should not wait", d)
	}
	if e := r.apiError(t); e.Code != ETooManyRequests {
		t.Errorf("code %q", e.Code)
	}
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	ts.release()
	for range 2 {
		if r := <-done; r.status != 200 {
			t.Errorf("held request: %d %s", r.status, r.body)
		}
	}
	m := ts.do(t, "GET", "/metrics", "", nil)
	if !strings.Contains(string(m.body), `gongwen_rejections_total{reason="too_many_requests"} 1`) {
		t.Errorf("rejection not counted:\n%s", grep(m.body, "gongwen_rejections"))
	}
}

// A request that waits in the queue past its budget gets 503 timeout.
func TestRequestTimeout(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{Concurrency: 1, RequestTimeout: 300 * time.Millisecond})
	held := make(chan reply, 1)
	go func() { held <- ts.do(t, "GET", "/test/hold", "", nil) }()
	waitFor(t, "the slot taken", func() bool { return ts.server.limit.active() == 1 })
	r := ts.postJSON(t, "/v1/render", readFile(t, "fenban-1234.json"))
	if r.status != 503 {
		t.Fatalf("status %d, want 503: %s", r.status, r.body)
	}
	if e := r.apiError(t); e.Code != ETimeout {
		t.Errorf("code %q: %s", e.Code, e.Message)
	}
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// The held request timed out too; its work ends when released.
	if r := <-held; r.status != 503 {
		t.Errorf("held request: %d", r.status)
	}
	ts.release()
	waitFor(t, "the slot freed", func() bool { return ts.server.limit.active() == 0 })
}

// Close lets a request in flight finish, and turns readiness off meanwhile.
func TestGracefulShutdown(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	held := make(chan reply, 1)
	go func() { held <- ts.do(t, "GET", "/test/hold", "", nil) }()
	waitFor(t, "the request in flight", func() bool { return ts.server.limit.active() == 1 })
	closed := make(chan error, 1)
	go func() { closed <- ts.Close() }()
	waitFor(t, "draining", func() bool { return ts.server.state().draining })
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) with a request in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	ts.release()
	if r := <-held; r.status != 200 || string(r.body) != "released" {
		t.Errorf("request in flight: %d %s", r.status, r.body)
	}
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return after the request finished")
	}
	if _, err := client.Get(ts.url + "/healthz"); err == nil {
		t.Error("still accepting connections after Close")
	}
}

func grep(data []byte, prefix string) string {
	var out []string
	for line := range strings.SplitSeq(string(data), "\n") {
		if strings.HasPrefix(line, prefix) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
