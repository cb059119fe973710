package fontfetch

import (
	"strings"
	"testing"
)

func TestLoadManifestRepo(t *testing.T) {
	m, err := LoadManifest("../../fonts/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Roles {
		cs := m.Candidates(r)
		if len(cs) == 0 {
			t.Fatalf("role %s has no candidates", r)
		}
		if cs[0].Source != nil {
			t.Errorf("role %s: first candidate %s should be a user-dropped licensed font", r, cs[0].File)
		}
	}
	want := map[string]string{
		RoleFangsong:     "NotoSerifSC_300Light.ttf",
		RoleXiaobiaosong: "NotoSerifSC_700Bold.ttf",
		RoleHeiti:        "NotoSansSC_500Medium.ttf",
		RoleKaiti:        "LXGWWenKai-Regular.ttf",
		RoleSongti:       "NotoSerifSC_300Light.ttf", // shares the 仿宋 file: page numbers add no font
	}
	for role, file := range want {
		for _, c := range m.Candidates(role) {
			if c.Source != nil {
				if c.File != file {
					t.Errorf("role %s: open default is %s, want %s", role, c.File, file)
				}
				break
			}
		}
	}
	if got := m.Candidates(RoleFangsong)[0].File; got != "仿宋_GB2312.ttf" {
		t.Errorf("fangsong starts with %s", got)
	}
	if len(m.SourceList()) != 5 {
		t.Errorf("%d sources, want 5", len(m.SourceList()))
	}
	if s := m.Sources["LXGWWenKai-Regular.ttf"]; s.Package() != "deb fonts-lxgw-wenkai=1.250+repack-1" || s.File != "LXGWWenKai-Regular.ttf" {
		t.Errorf("LXGW source: %+v", s)
	}
}

const goodSource = `"sources": {"a.ttf": {"npm": "@x/y", "version": "1.0.0", "path": "package/a.ttf",
  "sha256": "` + "0000000000000000000000000000000000000000000000000000000000000000" + `", "license": "OFL-1.1"}}`

func rolesJSON(extra string, files string) string {
	var b strings.Builder
	for i, r := range Roles {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + r + `": {"name": "n", "candidates": [` + files + `]}`)
	}
	if extra != "" {
		b.WriteString("," + extra)
	}
	return `"roles": {` + b.String() + `}`
}

func TestParseManifestGood(t *testing.T) {
	m, err := ParseManifest([]byte(`{"schema": 1, ` + rolesJSON("", `"仿宋_GB2312.ttf", "a.ttf"`) + `, ` + goodSource + `}`))
	if err != nil {
		t.Fatal(err)
	}
	cs := m.Candidates(RoleKaiti)
	if len(cs) != 2 || cs[0].Source != nil || cs[1].Source == nil || cs[1].Source.File != "a.ttf" {
		t.Errorf("candidates: %+v", cs)
	}
}

func TestParseManifestErrors(t *testing.T) {
	roles := rolesJSON("", `"a.ttf"`)
	tests := []struct {
		name string
		json string
		want []string
	}{
		{"bad JSON", "{\"schema\": 1,\n \"roles\": {,}}", []string{"line 2, column", "invalid character"}},
		{"wrong type", `{"schema": "one"}`, []string{"line 1", "schema"}},
		{"unknown field", `{"schema": 1, "fonts": {}}`, []string{`unknown field "fonts"`}},
		{"unknown role", `{"schema": 1, ` + rolesJSON(`"mingti": {"name": "明体", "candidates": ["a.ttf"]}`, `"a.ttf"`) + `, ` + goodSource + `}`,
			[]string{`unknown role "mingti"`, "fangsong, xiaobiaosong"}},
		{"missing role", `{"schema": 1, "roles": {"fangsong": {"name": "仿宋", "candidates": ["a.ttf"]}}, ` + goodSource + `}`,
			[]string{`role "heiti" is missing`}},
		{"missing sha256", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"npm": "@x/y", "version": "1", "path": "package/a.ttf", "license": "OFL-1.1"}}}`,
			[]string{"sources.a.ttf: sha256 is missing"}},
		{"short sha256", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"npm": "@x/y", "version": "1", "path": "package/a.ttf", "sha256": "abc", "license": "OFL-1.1"}}}`,
			[]string{"not 64 lower-case hex"}},
		{"no package", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"version": "1", "path": "package/a.ttf", "sha256": "` + strings.Repeat("a", 64) + `", "license": "x"}}}`,
			[]string{`give "npm" or "deb"`}},
		{"both packages", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"npm": "x", "deb": "y", "version": "1", "path": "package/a.ttf", "sha256": "` + strings.Repeat("a", 64) + `", "license": "x"}}}`,
			[]string{"not both"}},
		{"path escapes", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"npm": "x", "version": "1", "path": "../a.ttf", "sha256": "` + strings.Repeat("a", 64) + `", "license": "x"}}}`,
			[]string{"relative and clean"}},
		{"path not the file", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"npm": "x", "version": "1", "path": "package/b.ttf", "sha256": "` + strings.Repeat("a", 64) + `", "license": "x"}}}`,
			[]string{`does not end in the file name "a.ttf"`}},
		{"option as package", `{"schema": 1, ` + roles + `, "sources": {"a.ttf": {"npm": "--global", "version": "1", "path": "package/a.ttf", "sha256": "` + strings.Repeat("a", 64) + `", "license": "x"}}}`,
			[]string{"npm package name"}},
		{"ttc refused", `{"schema": 1, ` + rolesJSON("", `"simsun.ttc", "a.ttf"`) + `, ` + goodSource + `}`,
			[]string{`"simsun.ttc" is a TrueType collection`, "glyf"}},
		{"otf refused", `{"schema": 1, ` + rolesJSON("", `"SourceHanSerif.otf", "a.ttf"`) + `, ` + goodSource + `}`,
			[]string{"CFF outlines"}},
		{"path in name", `{"schema": 1, ` + rolesJSON("", `"../x.ttf", "a.ttf"`) + `, ` + goodSource + `}`,
			[]string{"not a plain file name"}},
		{"duplicate by case", `{"schema": 1, ` + rolesJSON("", `"simhei.ttf", "SIMHEI.TTF", "a.ttf"`) + `, ` + goodSource + `}`,
			[]string{"listed twice"}},
		{"no open candidate", `{"schema": 1, ` + rolesJSON("", `"simhei.ttf"`) + `, "sources": {}}`,
			[]string{"no candidate has a source"}},
		{"unused source", `{"schema": 1, ` + rolesJSON("", `"a.ttf"`) + `, "sources": {"a.ttf": {"npm": "x", "version": "1", "path": "p/a.ttf", "sha256": "` + strings.Repeat("a", 64) + `", "license": "x"}, "b.ttf": {"npm": "x", "version": "1", "path": "p/b.ttf", "sha256": "` + strings.Repeat("b", 64) + `", "license": "x"}}}`,
			[]string{"sources.b.ttf: no role lists this file"}},
		{"wrong schema", `{"schema": 2, ` + roles + `, ` + goodSource + `}`, []string{"schema is 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest([]byte(tt.json))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\n lacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadManifestNamesFile(t *testing.T) {
	_, err := LoadManifest("testdata-does-not-exist.json")
	if err == nil || !strings.Contains(err.Error(), "testdata-does-not-exist.json") {
		t.Errorf("err = %v", err)
	}
}
