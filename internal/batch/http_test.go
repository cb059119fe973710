package batch

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHTTP drives a batch through the routes on a loopback server: create,
// status, events to the end, result, and the errors a client can make.
func TestHTTP(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	mux := http.NewServeMux()
	(&HTTP{Engine: e, KeepAlive: time.Second}).Routes(mux)
	srv := httptest.NewServer(mux) // 127.0.0.1
	t.Cleanup(srv.Close)
	do := func(method, path, ct string, body []byte) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	decode := func(res *http.Response, v any) {
		t.Helper()
		defer res.Body.Close()
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}

	ledger := writeLedger(t, ledgerHeaders, exampleRows())
	res := do("POST", "/v1/batches?name=台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ledger)
	if res.StatusCode != http.StatusAccepted {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("POST: %s %s", res.Status, b)
	}
	var st Status
	loc := res.Header.Get("Location")
	decode(res, &st)
	if loc != "/v1/batches/"+st.ID || st.Total != 4 {
		t.Fatalf("Location %q, status %+v", loc, st)
	}

	// The result before the batch is done is a conflict (unless it is quick).
	res = do("GET", loc+"/result", "", nil)
	res.Body.Close()
	if res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusOK {
		t.Errorf("early result: %s", res.Status)
	}

	res = do("GET", loc+"/events", "", nil)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: Content-Type %q", ct)
	}
	var last Progress
	events := 0
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			if err := json.Unmarshal([]byte(data), &last); err != nil {
				t.Fatal(err)
			}
			events++
		}
	}
	res.Body.Close()
	if last.State != Done || last.Done != 4 || events < 1 {
		t.Fatalf("events: %d, last %+v", events, last)
	}

	decode(do("GET", loc, "", nil), &st)
	if st.State != Done || st.Rendered != 4 || st.ResultBytes == 0 {
		t.Fatalf("status %+v", st)
	}

	res = do("GET", loc+"/result", "", nil)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" ||
		int64(len(body)) != st.ResultBytes || !strings.Contains(res.Header.Get("Content-Disposition"), "filename*=UTF-8''%E5%8F%B0%E8%B4%A6.zip") {
		t.Fatalf("result: %s %v, %d bytes", res.Status, res.Header, len(body))
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil || len(zr.File) != 5 {
		t.Fatalf("ZIP: %v, %d files", err, len(zr.File))
	}

	for _, tc := range []struct {
		name, method, path, ct string
		body                   string
		status                 int
		code                   string
	}{
		{"unknown batch", "GET", "/v1/batches/20220705-000000000000", "", "", 404, ENotFound},
		{"malformed id", "GET", "/v1/batches/xyz/events", "", "", 404, ENotFound},
		{"cancel a finished batch", "DELETE", loc, "", "", 409, EFinished},
		{"media type", "POST", "/v1/batches", "text/plain", "{}", 415, "unsupported_media_type"},
		{"bad flag", "POST", "/v1/batches?simplex=maybe", "application/json", "[]", 400, "invalid_request"},
		{"invalid input", "POST", "/v1/batches", "application/json", `[{"issuer": "x"}]`, 422, "invalid_document"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := do(tc.method, tc.path, tc.ct, []byte(tc.body))
			var eb errorBody
			decode(res, &eb)
			if res.StatusCode != tc.status || eb.Code != tc.code || eb.Message == "" {
				t.Errorf("%s %s: %d %+v, want %d %s", tc.method, tc.path, res.StatusCode, eb, tc.status, tc.code)
			}
		})
	}
}
