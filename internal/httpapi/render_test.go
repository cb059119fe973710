package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"gongwen/internal/disposition"
	"net/url"
	"strings"
	"sync"
	"testing"

	"gongwen/internal/compose"
	"gongwen/internal/document"
	"gongwen/internal/render"
	"gongwen/templates"
)

// renderLocally renders a document the way `gongwen render --fixed-date` does.
func renderLocally(t *testing.T, data []byte) *render.Output {
	t.Helper()
	set := needFontsOrSkip(t)
	lib, err := compose.Load(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc, err = lib.Apply(doc); err != nil {
		t.Fatal(err)
	}
	out, err := (&render.Renderer{Fonts: set}).Render(doc, render.Options{Date: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The seed reply renders over HTTP to the very bytes of an in-process render
// with the same date, and a kind + proposal document gets its template.
func TestRenderSameBytesAsCLI(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{FixedDate: fixedDate})
	for _, name := range []string{"fenban-1234.json", "fenban-1234.proposal.json"} {
		t.Run(name, func(t *testing.T) {
			data := readFile(t, name)
			want := renderLocally(t, data)
			r := ts.postJSON(t, "/v1/render", data)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if !bytes.Equal(r.body, want.PDF) {
				t.Fatalf("HTTP PDF (%d bytes) differs from the in-process render (%d bytes)", len(r.body), len(want.PDF))
			}
			if got := r.header.Get("X-Page-Count"); got != fmt.Sprint(want.Pages) {
				t.Errorf("X-Page-Count %s, want %d", got, want.Pages)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/pdf" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

// The annex's PDF pages over HTTP are the bytes of an in-process RenderAnnex.
func TestAnnexPDFSameBytesAsCLI(t *testing.T) {
	set := needFontsOrSkip(t)
	ts := boot(t, Config{FixedDate: fixedDate})
	data := readFile(t, "annex-ceramics.json")
	a, err := document.DecodeAnnex(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, label := range []string{"附件", "附件2", ""} {
		t.Run(label, func(t *testing.T) {
			want, err := (&render.Renderer{Fonts: set}).RenderAnnex(a, label, render.Options{Date: fixedDate})
			if err != nil {
				t.Fatal(err)
			}
			path := "/v1/annex?format=pdf&label=" + url.QueryEscape(label)
			if label == "附件" {
				path = "/v1/annex?format=pdf" // the default
			}
			r := ts.postJSON(t, path, data)
			if r.status != 200 {
				t.Fatalf("status %d: %.300s", r.status, r.body)
			}
			if !bytes.Equal(r.body, want.PDF) {
				t.Fatalf("HTTP PDF (%d bytes) differs from RenderAnnex (%d bytes)", len(r.body), len(want.PDF))
			}
			if r.header.Get("Content-Type") != "application/pdf" || r.header.Get("X-Page-Count") != fmt.Sprint(want.Pages) {
				t.Errorf("headers %v", r.header)
			}
		})
	}
}

func TestRenderDisposition(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{FixedDate: fixedDate})
	seed := readFile(t, "fenban-1234.json")
	const name = "%E6%A0%AA%E4%BA%BA%E7%A4%BE%E5%AD%97%E3%80%942022%E3%80%9527%E5%8F%B7.pdf" // 株人社字〔2022〕27号.pdf
	tests := []struct{ query, want string }{
		{"", `attachment; filename="document.pdf"; filename*=UTF-8''` + name},
		{"?inline=1", `inline; filename="document.pdf"; filename*=UTF-8''` + name},
		{"?inline=0", `attachment; filename="document.pdf"; filename*=UTF-8''` + name},
		{"?inline", `inline; filename="document.pdf"; filename*=UTF-8''` + name},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r := ts.postJSON(t, "/v1/render"+tt.query, seed)
			if got := r.header.Get("Content-Disposition"); got != tt.want {
				t.Errorf("Content-Disposition\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestDisposition(t *testing.T) {
	tests := []struct{ kind, name, ext, want string }{
		{"attachment", "株人社字〔2022〕27号", ".pdf",
			`attachment; filename="document.pdf"; filename*=UTF-8''%E6%A0%AA%E4%BA%BA%E7%A4%BE%E5%AD%97%E3%80%942022%E3%80%9527%E5%8F%B7.pdf`},
		{"inline", "report-2022", ".pdf", `inline; filename="report-2022.pdf"; filename*=UTF-8''report-2022.pdf`},
		{"attachment", `a/b\c:"d"`, ".xlsx", `attachment; filename="abcd.xlsx"; filename*=UTF-8''abcd.xlsx`},
		{"attachment", "two words; x=1", ".pdf", `attachment; filename="two words; x=1.pdf"; filename*=UTF-8''two%20words%3B%20x%3D1.pdf`},
		{"attachment", " ..\n", ".pdf", `attachment; filename="document.pdf"; filename*=UTF-8''document.pdf`},
		{"attachment", "100%", ".pdf", `attachment; filename="document.pdf"; filename*=UTF-8''100%25.pdf`},
	}
	for _, tt := range tests {
		if got := disposition.Header(tt.kind, tt.name, tt.ext); got != tt.want {
			t.Errorf("disposition(%q)\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	long := strings.Repeat("标", 300)
	if got := disposition.Header("attachment", long, ".pdf"); strings.Count(got, "%E6%A0%87") != disposition.MaxNameRunes {
		t.Errorf("a long name is not cut to %d characters", disposition.MaxNameRunes)
	}
}

func TestValidate(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	seed := readFile(t, "fenban-1234.json")
	noProposal := bytes.Replace(readFile(t, "fenban-1234.proposal.json"), []byte(`"proposal"`), []byte(`"proposalX"`), 1)
	tests := []struct {
		name  string
		body  []byte
		valid bool
		path  string // a path among the problems
	}{
		{"seed", seed, true, ""},
		{"template supplies title and addressees", readFile(t, "fenban-1234.proposal.json"), true, ""},
		{"unknown field", noProposal, false, "proposalX"},
		{"wrong type", []byte(`{"issuer": ["a"], "title": "t", "body": "正文"}`), false, "issuer"},
		{"missing title", []byte(`{"issuer": "株洲市人力资源和社会保障局", "body": "正文"}`), false, "title"},
		{"character beyond the BMP", bytes.Replace(seed, []byte("刘新华代表"), []byte("刘\U00020000华代表"), 1), false, "addressees"}, // found by the layout, not by Validate
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.postJSON(t, "/v1/validate", tt.body)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var v struct {
				Valid    *bool     `json:"valid"`
				Problems []Problem `json:"problems"`
			}
			if err := json.Unmarshal(r.body, &v); err != nil || v.Valid == nil || v.Problems == nil {
				t.Fatalf("answer %s (%v): want valid and problems, problems an array", r.body, err)
			}
			if *v.Valid != tt.valid || tt.valid != (len(v.Problems) == 0) {
				t.Fatalf("valid %v with %d problems, want %v: %s", *v.Valid, len(v.Problems), tt.valid, r.body)
			}
			found := tt.path == ""
			for _, p := range v.Problems {
				found = found || p.Path == tt.path
			}
			if !found {
				t.Errorf("no problem at %s: %s", tt.path, r.body)
			}
		})
	}
}

// Renders in parallel give the same bytes as one alone.
func TestConcurrentRenders(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{FixedDate: fixedDate, Concurrency: 2})
	seed := readFile(t, "fenban-1234.json")
	want := renderLocally(t, seed).PDF
	const clients, each = 8, 3
	var wg sync.WaitGroup
	errs := make(chan string, clients*each)
	for range clients {
		wg.Go(func() {
			for range each {
				r := ts.postJSON(t, "/v1/render", seed)
				switch {
				case r.status != 200:
					errs <- fmt.Sprintf("status %d: %.200s", r.status, r.body)
				case !bytes.Equal(r.body, want):
					errs <- "different bytes"
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// A request is counted after its answer is sent: wait until the last is.
	var m reply
	waitFor(t, "every render counted", func() bool {
		m = ts.do(t, "GET", "/metrics", "", nil)
		return strings.Contains(string(m.body), "gongwen_http_requests_in_flight 1\n")
	})
	for _, want := range []string{
		fmt.Sprintf(`gongwen_documents_rendered_total{output="pdf"} %d`, clients*each),
		fmt.Sprintf(`gongwen_http_requests_total{method="POST",route="/v1/render",status="200"} %d`, clients*each),
		fmt.Sprintf(`gongwen_http_request_duration_seconds_count{method="POST",route="/v1/render"} %d`, clients*each),
		fmt.Sprintf(`gongwen_pages_rendered_total %d`, clients*each*6),
		`gongwen_render_duration_seconds_count{output="pdf"}`,
		`gongwen_render_queue_length 0`,
		`gongwen_http_requests_in_flight 1`, // the scrape itself
		`gongwen_render_concurrency 2`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(string(m.body), want) {
			t.Errorf("metrics lack %s\n%s", want, grep(m.body, "gongwen_"))
		}
	}
}

func TestCatalogues(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	t.Run("templates", func(t *testing.T) {
		var cat templateCatalogue
		r := ts.do(t, "GET", "/v1/templates", "", nil)
		if err := json.Unmarshal(r.body, &cat); err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, k := range cat.Kinds {
			names[k.Name] = true
		}
		for _, k := range []string{"fenban", "zhuban", "xieban", "tian"} {
			if !names[k] {
				t.Errorf("kind %s missing: %s", k, r.body)
			}
		}
	})
	t.Run("fonts", func(t *testing.T) {
		var cat fontCatalogue
		r := ts.do(t, "GET", "/v1/fonts", "", nil)
		if err := json.Unmarshal(r.body, &cat); err != nil {
			t.Fatal(err)
		}
		if len(cat.Roles) != 5 {
			t.Fatalf("%d roles: %s", len(cat.Roles), r.body)
		}
		for _, role := range cat.Roles {
			if len(role.Faces) == 0 || !role.Faces[0].Primary || strings.Contains(role.Faces[0].File, "/") {
				t.Errorf("role %s faces %+v", role.Role, role.Faces)
			}
			if c := role.Coverage.GB2312; c.Total != 6763 || c.WithFallbacks < c.Primary {
				t.Errorf("role %s GB 2312 coverage %+v", role.Role, c)
			}
		}
	})
}
