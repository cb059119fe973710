package compose

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gongwen/templates"
)

func TestLoadBuiltIn(t *testing.T) {
	lib := builtIn(t)
	var names []string
	for _, k := range lib.Kinds() {
		names = append(names, k.Name)
	}
	if want := []string{"fenban", "tian", "xieban", "zhuban"}; !slices.Equal(names, want) {
		t.Errorf("kinds = %q, want %q", names, want)
	}
	tests := []struct {
		kind, label string
		required    []string
	}{
		{"fenban", "分办意见", []string{"proposal.session", "proposal.number", "proposal.title", "proposal.deputies"}},
		{"zhuban", "主办答复", []string{"proposal.session", "proposal.number", "proposal.title", "proposal.deputies", "profile.field", "category"}},
		{"xieban", "协办意见", []string{"proposal.session", "proposal.number", "proposal.title", "proposal.leadUnit"}},
		{"tian", "提案答复", []string{"proposal.session", "proposal.number", "proposal.title", "proposal.deputies", "profile.field"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			i := slices.IndexFunc(lib.Kinds(), func(k Kind) bool { return k.Name == tt.kind })
			k := lib.Kinds()[i]
			if k.Label != tt.label || !slices.Equal(k.Required, tt.required) {
				t.Errorf("%s: label %q required %q, want %q %q", tt.kind, k.Label, k.Required, tt.label, tt.required)
			}
			if want := "templates/" + tt.kind + ".tmpl"; k.Source != want {
				t.Errorf("source = %q, want %q", k.Source, want)
			}
		})
	}
	profiles := lib.Profiles()
	if len(profiles) != 2 || profiles[1].Name != "zhuzhou-hrss" || profiles[1].DocNumber.Prefix != "株人社字" {
		t.Fatalf("profiles = %+v, want liling-hrss and zhuzhou-hrss", profiles)
	}
	if got := profiles[1].DocNumber.Format(2022, 27); got != "株人社字〔2022〕27号" {
		t.Errorf("DocNumber.Format = %q", got)
	}
	// Profiles hands out copies: a caller cannot change the library's.
	profiles[1].CC["建议"][0] = "改动"
	if lib.Profiles()[1].CC["建议"][0] == "改动" {
		t.Error("Profiles shares its cc lists with the library")
	}
}

// userDir writes files (path → content) into a fresh directory.
func userDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func builtInFile(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A template or profile that cannot work is rejected at start-up, naming the
// file (in the user's directory) and, for a template, the line.
func TestLoadDirRejects(t *testing.T) {
	fenban := builtInFile(t, "fenban.tmpl")
	front := "---\n{\"name\": \"分办意见\", \"proposalTypes\": [\"建议\"], \"marks\": [], \"required\": []}\n---\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error; {dir} is the directory
	}{
		{"未闭合的动作", map[string]string{"fenban.tmpl": strings.Replace(fenban, "{{.Proposal.Title}}", "{{.Proposal.Title", 1)},
			[]string{"{dir}/fenban.tmpl:" + lineOf(fenban, "{{.Proposal.Title}}") + ":"}},
		{"拼错的字段", map[string]string{"fenban.tmpl": strings.Replace(fenban, ".Proposal.Number", ".Proposal.Nmber", 1)},
			[]string{"{dir}/fenban.tmpl:" + lineOf(fenban, ".Proposal.Number"), "Nmber"}},
		{"缺少 closing", map[string]string{"fenban.tmpl": front + `{{define "title"}}{{end}}{{define "addressee"}}{{end}}{{define "opening"}}{{end}}`},
			[]string{"{dir}/fenban.tmpl", `{{define "closing"}}`}},
		{"说明块 JSON 有误", map[string]string{"fenban.tmpl": "---\n{\n  \"name\": \"分办意见\",\n  \"marks\": [,]\n}\n---\n"},
			[]string{"{dir}/fenban.tmpl:4:"}},
		{"没有说明块", map[string]string{"fenban.tmpl": `{{define "title"}}{{end}}`}, []string{"{dir}/fenban.tmpl:1:"}},
		{"未知的必填项", map[string]string{"fenban.tmpl": strings.Replace(fenban, `"proposal.title"`, `"proposal.titel"`, 1)},
			[]string{"{dir}/fenban.tmpl", "proposal.titel"}},
		{"配置里的未知字段", map[string]string{"profiles/x.json": `{"issuer": "某局", "printr": {}}`},
			[]string{"{dir}/profiles/x.json", "printr"}},
		{"配置缺发文机关", map[string]string{"profiles/x.json": `{"field": "教育"}`},
			[]string{"{dir}/profiles/x.json", "issuer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := userDir(t, tt.files)
			lib, err := LoadDir(dir)
			if err == nil {
				t.Fatalf("LoadDir accepted it: kinds %+v", lib.Kinds())
			}
			for _, w := range tt.want {
				if w = strings.ReplaceAll(w, "{dir}", dir); !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// lineOf is the 1-based line of the first occurrence of s in text.
func lineOf(text, s string) string {
	return strconv.Itoa(strings.Count(text[:strings.Index(text, s)], "\n") + 1)
}

// An office changes the wording by putting a file in its directory, without
// rebuilding; files it does not replace stay built-in.
func TestLoadDirOverrides(t *testing.T) {
	const opening = "您提出的《关于加强产业人才培养的建议》已收到。现将我局分办意见答复如下。"
	fenban := strings.Replace(builtInFile(t, "fenban.tmpl"), "收悉。经研究，现将我单位", "已收到。现将我局", 1)
	dir := userDir(t, map[string]string{
		"fenban.tmpl":        fenban,
		"profiles/edu.json":  `{"issuer": "株洲市教育局", "field": "教育", "cc": {"建议": ["市人民政府督查室"]}}`,
		"profiles/notes.txt": "不是配置，忽略",
		"README-本单位修改.md":    "忽略",
	})
	lib, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := lib.Apply(reply("fenban", "刘新华"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Body[0].Text != opening {
		t.Errorf("opening = %q, want %q", got.Body[0].Text, opening)
	}
	for _, k := range lib.Kinds() {
		want := "templates/" + k.Name + ".tmpl"
		if k.Name == "fenban" {
			want = filepath.Join(dir, "fenban.tmpl")
		}
		if k.Source != want {
			t.Errorf("%s: source = %q, want %q", k.Name, k.Source, want)
		}
	}
	doc := reply("zhuban", "刘新华")
	doc.Issuer, doc.Category = "株洲市教育局", "A"
	got, err = lib.Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	if last := got.Body[len(got.Body)-1].Text; last != "感谢您对教育工作的关心和支持！" {
		t.Errorf("closing with the added profile = %q", last)
	}
	if _, err := LoadDir(filepath.Join(dir, "无此目录")); err == nil {
		t.Error("LoadDir of a missing directory succeeded")
	}
}
