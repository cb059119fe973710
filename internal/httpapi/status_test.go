package httpapi

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// TestStatuses sends one request of each kind to one server and checks the
// status, and for errors the code and field of the JSON error.
func TestStatuses(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{FixedDate: fixedDate})
	seed := readFile(t, "fenban-1234.json")
	annex := readFile(t, "annex-ceramics.json")
	gbk := []byte("{\"issuer\": \"\xd6\xea\xd6\xde\"}") // 株洲 in GBK: not UTF-8
	const js = "application/json"
	tests := []struct {
		name         string
		method, path string
		ctype        string
		body         []byte
		status       int
		code, field  string
	}{
		{"liveness", "GET", "/healthz", "", nil, 200, "", ""},
		{"readiness", "GET", "/readyz", "", nil, 200, "", ""},
		{"openapi", "GET", "/openapi.json", "", nil, 200, "", ""},
		{"metrics", "GET", "/metrics", "", nil, 200, "", ""},
		{"templates", "GET", "/v1/templates", "", nil, 200, "", ""},
		{"fonts", "GET", "/v1/fonts", "", nil, 200, "", ""},
		{"validate seed", "POST", "/v1/validate", js, seed, 200, "", ""},
		{"render seed", "POST", "/v1/render", js, seed, 200, "", ""},
		{"annex xlsx", "POST", "/v1/annex", js, annex, 200, "", ""},
		{"annex default format", "POST", "/v1/annex", "application/json; charset=UTF-8", annex, 200, "", ""},

		{"malformed JSON", "POST", "/v1/render", js, []byte(`{"issuer": "株洲市人力资源和社会保障局",}`), 400, EInvalidJSON, ""},
		{"Chinese punctuation", "POST", "/v1/render", js, []byte(`{“issuer”: "x"}`), 400, EInvalidJSON, ""},
		{"empty body", "POST", "/v1/render", js, []byte{}, 400, EInvalidJSON, ""},
		{"not UTF-8", "POST", "/v1/validate", js, gbk, 400, EInvalidJSON, ""},
		{"malformed annex", "POST", "/v1/annex", js, []byte(`[`), 400, EInvalidJSON, ""},
		{"misspelt parameter", "POST", "/v1/render?inlne=1", js, seed, 400, EInvalidRequest, "inlne"},
		{"bad flag value", "POST", "/v1/render?inline=maybe", js, seed, 400, EInvalidRequest, "inline"},
		{"bad annex format", "POST", "/v1/annex?format=docx", js, annex, 400, EInvalidRequest, "format"},

		{"no such path", "GET", "/v2/render", "", nil, 404, ENotFound, "/v2/render"},
		{"trailing slash", "POST", "/v1/render/", js, seed, 404, ENotFound, "/v1/render/"},
		{"wrong method", "PUT", "/v1/render", js, seed, 405, EMethodNotAllowed, "/v1/render"},
		{"GET a POST route", "GET", "/v1/validate", "", nil, 405, EMethodNotAllowed, "/v1/validate"},

		{"form post", "POST", "/v1/render", "application/x-www-form-urlencoded", seed, 415, EUnsupportedMediaType, "Content-Type"},
		{"no content type", "POST", "/v1/validate", "", seed, 415, EUnsupportedMediaType, "Content-Type"},
		{"charset gbk", "POST", "/v1/annex", "application/json; charset=gbk", annex, 415, EUnsupportedMediaType, "Content-Type"},

		{"invalid document", "POST", "/v1/render", js, []byte(`{"issuer": 1, "titel": "x"}`), 422, EInvalidDocument, "issuer"},
		{"invalid date", "POST", "/v1/render", js, bytes.Replace(seed, []byte(`"date": "2022-07-05",
    "seal"`), []byte(`"date": "2022-7-5",
    "seal"`), 1), 422, EInvalidDocument, "signature.date"},
		{"invalid annex", "POST", "/v1/annex", js, []byte(`{"title": "统计", "tables": []}`), 422, EInvalidDocument, "issuer"},

		{"panic in a handler", "GET", "/test/panic", "", nil, 500, EInternal, ""},
		{"panic in a render slot", "GET", "/test/panic-work", "", nil, 500, EInternal, ""},
		{"annex as PDF", "POST", "/v1/annex?format=pdf&label=附件2", js, annex, 200, "", ""},
		{"annex label too long", "POST", "/v1/annex?format=pdf&label=" + strings.Repeat("附", 21), js, annex, 400, EInvalidRequest, "label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, tt.method, tt.path, tt.ctype, tt.body)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d; body %.400s", r.status, tt.status, r.body)
			}
			if r.header.Get("X-Request-ID") == "" {
				t.Error("no X-Request-ID")
			}
			if tt.code == "" {
				return
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("error Content-Type %q", ct)
			}
			e := r.apiError(t)
			if e.Code != tt.code || e.Field != tt.field {
				t.Errorf("code %q field %q, want %q %q: %s", e.Code, e.Field, tt.code, tt.field, e.Message)
			}
			if e.Message == "" {
				t.Error("empty message")
			}
			if !strings.Contains(string(r.body), `"field":`) {
				t.Errorf("field missing from %s", r.body)
			}
		})
	}
}

// A 405 names the methods the path takes, in the message and in Allow.
func TestMethodNotAllowedSaysAllow(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	r := ts.do(t, "DELETE", "/v1/annex", "", nil)
	if r.status != 405 || r.header.Get("Allow") != "POST" {
		t.Fatalf("status %d Allow %q", r.status, r.header.Get("Allow"))
	}
	if e := r.apiError(t); !strings.Contains(e.Message, "POST") {
		t.Errorf("message does not say POST: %s", e.Message)
	}
}

// An invalid document lists every problem with its path, not only the first.
func TestInvalidDocumentListsEveryProblem(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	r := ts.postJSON(t, "/v1/render", []byte(`{"issuer": 1, "titel": "x", "body": [{"text": "正文"}]}`))
	e := r.apiError(t)
	paths := map[string]bool{}
	for _, p := range e.Problems {
		paths[p.Path] = true
	}
	for _, want := range []string{"issuer", "titel"} {
		if !paths[want] {
			t.Errorf("no problem at %s in %+v", want, e.Problems)
		}
	}
}

// A panic is answered with the request id and nothing of the panic; the log
// has the value, the stack and the same request id.
func TestPanicIsLoggedNotShown(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	r := ts.do(t, "GET", "/test/panic", "", nil, "X-Request-ID", "trace-42")
	if r.status != http.StatusInternalServerError {
		t.Fatalf("status %d", r.status)
	}
	body := string(r.body)
	for _, leak := range []string{"secret detail", "goroutine", ".go:"} {
		if strings.Contains(body, leak) {
			t.Errorf("answer leaks %q: %s", leak, body)
		}
	}
	if !strings.Contains(body, "trace-42") {
		t.Errorf("answer does not name the request id: %s", body)
	}
	waitFor(t, "the panic in the log", func() bool {
		logs := ts.logs.String()
		return strings.Contains(logs, `"msg":"panic"`) && strings.Contains(logs, "secret detail") &&
			strings.Contains(logs, `"request_id":"trace-42"`) && strings.Contains(logs, "goroutine")
	})
	// The server is still up.
	if r := ts.do(t, "GET", "/healthz", "", nil); r.status != 200 {
		t.Errorf("healthz after a panic: %d", r.status)
	}
}
