package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, method, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	Handler().ServeHTTP(w, req)
	return w.Result()
}

func TestHandler(t *testing.T) {
	tests := []struct {
		method, path string
		status       int
		ctype        string
		contains     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "公文起草"},
		{"HEAD", "/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/assets/app.css", 200, "text/css; charset=utf-8", ":root"},
		{"GET", "/assets/js/main.js", 200, "text/javascript; charset=utf-8", "import"},
		{"GET", "/assets/index.html", 200, "text/html; charset=utf-8", "<!doctype html>"},
		// Files that are not part of the page, and paths outside it.
		{"GET", "/assets/vendor/README.md", 404, "text/plain; charset=utf-8", "起草页面在 /"},
		{"GET", "/assets/vendor/.gitignore", 404, "text/plain; charset=utf-8", ""},
		{"GET", "/assets/", 404, "text/plain; charset=utf-8", ""},
		{"GET", "/assets/../web.go", 404, "text/plain; charset=utf-8", ""},
		{"GET", "/index.html", 404, "text/plain; charset=utf-8", ""},
		{"POST", "/", 405, "text/plain; charset=utf-8", "GET"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp := get(t, tt.method, tt.path)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if got := resp.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
			if got := resp.Header.Get("Content-Security-Policy"); got != ContentSecurityPolicy {
				t.Errorf("Content-Security-Policy %q", got)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
			if !strings.Contains(string(body), tt.contains) {
				t.Errorf("body does not contain %q", tt.contains)
			}
			if tt.method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD answered %d bytes of body", len(body))
			}
		})
	}
}

// TestRevalidation: no-cache with an ETag, so an unchanged file costs a 304
// and an upgraded one is fetched again.
func TestRevalidation(t *testing.T) {
	resp := get(t, "GET", "/assets/js/api.js")
	etag := resp.Header.Get("ETag")
	if resp.Header.Get("Cache-Control") != "no-cache" || !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) {
		t.Fatalf("Cache-Control %q, ETag %q", resp.Header.Get("Cache-Control"), etag)
	}
	if again := get(t, "GET", "/assets/js/api.js", "If-None-Match", etag); again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: status %d, want 304", again.StatusCode)
	}
}

// TestPolicyIsSelfOnly: the policy names no host, and every directive that
// loads something allows 'self' (and blob: where the page makes one) only.
func TestPolicyIsSelfOnly(t *testing.T) {
	for _, d := range strings.Split(ContentSecurityPolicy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		for _, src := range f[1:] {
			switch src {
			case "'self'", "'none'", "blob:":
			default:
				t.Errorf("%s allows %s", f[0], src)
			}
		}
	}
}

// TestPageLoadsNothingFromOutside: no URL with a scheme or a protocol-relative
// one in the page's own files, so the page works on an intranet with no internet.
func TestPageLoadsNothingFromOutside(t *testing.T) {
	outside := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|import\s*\(?\s*["'](https?:)?//`)
	for path, f := range load() {
		if strings.HasPrefix(path, "/assets/vendor/") {
			continue // pdf.js, checked by its digest in scripts/web-vendor.sh
		}
		if m := outside.Find(f.body); m != nil {
			t.Errorf("%s loads from outside: %s", path, m)
		}
	}
}

// TestModulesResolve: every module a page file imports is served, so a
// renamed file cannot break the page unnoticed without a browser.
func TestModulesResolve(t *testing.T) {
	imp := regexp.MustCompile(`(?m)^import\s[^'"]*['"](\./[^'"]+)['"]`)
	files := load()
	for path, f := range files {
		if !strings.HasPrefix(path, "/assets/js/") {
			continue
		}
		for _, m := range imp.FindAllSubmatch(f.body, -1) {
			target := "/assets/js/" + strings.TrimPrefix(string(m[1]), "./")
			if _, ok := files[target]; !ok {
				t.Errorf("%s imports %s, which is not served", path, m[1])
			}
		}
	}
}
