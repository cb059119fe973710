package httpapi

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes walks gin's routes and the OpenAPI document served
// at /openapi.json: every route is described, and every description is a route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	needFontsOrSkip(t)
	ts := boot(t, Config{})
	r := ts.do(t, "GET", "/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	described := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			described[strings.ToUpper(method)+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, rt := range ts.server.Handler().Routes() {
		if strings.HasPrefix(rt.Path, "/test/") {
			continue // test-only routes
		}
		routed[rt.Method+" "+openapiPath(rt.Path)] = true
	}
	for k := range routed {
		if !described[k] {
			t.Errorf("route %s is not in the OpenAPI document", k)
		}
	}
	for k := range described {
		if !routed[k] {
			t.Errorf("the OpenAPI document describes %s, which is not a route", k)
		}
	}
	if len(routed) < 9 {
		t.Errorf("only %d routes", len(routed))
	}
}

// openapiPath writes gin's /v1/batches/:id as OpenAPI's /v1/batches/{id}.
func openapiPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "*") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// Every error code the server can send is in the document's enum, and every
// code has a status.
func TestErrorCodesDocumented(t *testing.T) {
	codes := errorCodes()
	for code := range statusOf {
		if !slices.Contains(codes, code) {
			t.Errorf("code %s missing from the OpenAPI enum", code)
		}
	}
	for _, code := range codes {
		if _, ok := statusOf[code]; !ok {
			t.Errorf("code %s has no status", code)
		}
	}
}
