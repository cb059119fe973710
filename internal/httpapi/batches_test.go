package httpapi

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestBatchesAndPage boots the service with a data directory (so batches run on
// the embedded NATS server) and a page: a batch of two documents goes through
// every batch route, and the OpenAPI document describes the extra routes.
func TestBatchesAndPage(t *testing.T) {
	needFontsOrSkip(t)
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>起草</title>"))
	})
	ts := boot(t, Config{DataDir: t.TempDir(), Page: page})

	seed := readFile(t, "fenban-1234.json")
	body := append(append(append([]byte("["), seed...), ','), readFile(t, "fenban-1234.proposal.json")...)
	body = append(body, ']')
	r := ts.do(t, "POST", "/v1/batches?noNumbering=1", "application/json", body)
	if r.status != http.StatusAccepted {
		t.Fatalf("POST /v1/batches: %d %s", r.status, r.body)
	}
	var st struct {
		ID    string `json:"id"`
		State string `json:"state"`
		Done  int    `json:"done"`
		Total int    `json:"total"`
	}
	if err := json.Unmarshal(r.body, &st); err != nil || st.ID == "" || st.Total != 2 {
		t.Fatalf("created %s (%v)", r.body, err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for st.State != "done" {
		if time.Now().After(deadline) {
			t.Fatalf("batch not done in time: %+v", st)
		}
		time.Sleep(100 * time.Millisecond)
		r = ts.do(t, "GET", "/v1/batches/"+st.ID, "", nil)
		if err := json.Unmarshal(r.body, &st); err != nil {
			t.Fatal(err)
		}
	}
	r = ts.do(t, "GET", "/v1/batches/"+st.ID+"/events", "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), "event: progress") {
		t.Errorf("events: %d %.200s", r.status, r.body)
	}
	r = ts.do(t, "GET", "/v1/batches/"+st.ID+"/result", "", nil)
	zr, err := zip.NewReader(bytes.NewReader(r.body), int64(len(r.body)))
	if err != nil {
		t.Fatalf("result is not a ZIP: %v", err)
	}
	pdfs := 0
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".pdf") {
			pdfs++
		}
	}
	if pdfs != 2 {
		t.Errorf("ZIP holds %d PDFs, want 2", pdfs)
	}
	if r := ts.do(t, "GET", "/v1/batches/nope", "", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown batch: %d", r.status)
	}
	if r := ts.do(t, "GET", "/readyz", "", nil); !strings.Contains(string(r.body), `"batches"`) {
		t.Errorf("readyz lacks the batches check: %s", r.body)
	}
	if r := ts.do(t, "GET", "/", "", nil); r.status != 200 || !strings.Contains(string(r.body), "起草") {
		t.Errorf("page: %d %s", r.status, r.body)
	}
	var doc struct {
		Paths map[string]any `json:"paths"`
	}
	json.Unmarshal(ts.do(t, "GET", "/openapi.json", "", nil).body, &doc)
	for _, p := range []string{"/v1/batches", "/v1/batches/{id}", "/v1/batches/{id}/events", "/v1/batches/{id}/result", "/", "/assets/{file}"} {
		if doc.Paths[p] == nil {
			t.Errorf("OpenAPI lacks %s", p)
		}
	}
	routed := map[string]bool{}
	for _, rt := range ts.server.Handler().Routes() {
		if !strings.HasPrefix(rt.Path, "/test/") {
			routed[openapiPath(rt.Path)] = true
		}
	}
	for p := range doc.Paths {
		if !routed[p] {
			t.Errorf("OpenAPI describes %s, which is not routed", p)
		}
	}
}
