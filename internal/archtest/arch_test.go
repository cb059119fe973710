package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// deps returns every package pkg depends on, directly or not.
func deps(t *testing.T, pkg string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "gongwen/"+pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	m := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		m[l] = true
	}
	return m
}

func TestDependencyRules(t *testing.T) {
	rules := []struct {
		pkg    string
		forbid []string // import path prefixes the package must not reach
	}{
		{"internal/document", []string{"gongwen/", "codeberg.org/go-pdf", "github.com/"}},
		{"internal/layout", []string{"gongwen/internal/pdf", "gongwen/internal/fontset", "gongwen/internal/sfnt", "gongwen/internal/httpapi", "codeberg.org/go-pdf", "github.com/gin-gonic"}},
		{"internal/compose", []string{"gongwen/internal/layout", "gongwen/internal/pdf", "codeberg.org/go-pdf", "github.com/gin-gonic"}},
		{"internal/sfnt", []string{"gongwen/", "codeberg.org/go-pdf"}},
		{"internal/xlsx", []string{"gongwen/internal/pdf", "gongwen/internal/layout", "codeberg.org/go-pdf", "github.com/gin-gonic"}},
		{"internal/pdf", []string{"gongwen/internal/fontset", "gongwen/internal/httpapi", "gongwen/internal/compose", "github.com/gin-gonic"}},
	}
	for _, r := range rules {
		t.Run(r.pkg, func(t *testing.T) {
			self := "gongwen/" + r.pkg
			for d := range deps(t, r.pkg) {
				if d == self {
					continue
				}
				for _, f := range r.forbid {
					// The domain may use the standard library only; gongwen/ covers our own packages.
					if strings.HasPrefix(d, f) {
						t.Errorf("%s depends on %s", r.pkg, d)
					}
				}
			}
		})
	}
}
