package fontset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/fontfetch"
	"gongwen/internal/layout"
)

// openFonts skips unless the open fonts are in the cache (GONGWEN_REQUIRE_FONTS
// turns the skip into a failure, as make test does).
func openFonts(t *testing.T) string {
	t.Helper()
	dir := fontfetch.CacheDir()
	if _, err := os.Stat(filepath.Join(dir, "NotoSerifSC_300Light.ttf")); err != nil {
		if os.Getenv("GONGWEN_REQUIRE_FONTS") != "" {
			t.Fatal("fonts not fetched: run make fonts")
		}
		t.Skip("fonts not fetched: run make fonts")
	}
	return dir
}

func TestLoadAndFallback(t *testing.T) {
	openFonts(t)
	s, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range layout.Roles {
		if len(s.Chain(role)) == 0 {
			t.Errorf("role %s has no font", role)
		}
	}
	tests := []struct {
		role layout.Role
		r    rune
		ok   bool
		file string // the face expected to set it ("" for any)
	}{
		{layout.FangSong, '株', true, "NotoSerifSC_300Light.ttf"},
		{layout.HeiTi, '一', true, "NotoSansSC_500Medium.ttf"},
		{layout.KaiTi, '楷', true, "LXGWWenKai-Regular.ttf"},
		{layout.FangSong, 'Ж', true, ""},
		{layout.FangSong, 0x20BB7, false, ""}, // 𠮷: outside the BMP, fpdf cannot embed it
	}
	for _, tt := range tests {
		id, ok := s.Face(tt.role, tt.r)
		if ok != tt.ok {
			t.Errorf("%s %c: ok=%v, want %v", tt.role, tt.r, ok, tt.ok)
			continue
		}
		if ok && tt.file != "" && filepath.Base(s.FaceByID(id).Path) != tt.file {
			t.Errorf("%s %c: set by %s, want %s", tt.role, tt.r, s.FaceByID(id).Path, tt.file)
		}
		if ok && s.Advance(id, tt.r) <= 0 {
			t.Errorf("%s %c: no advance", tt.role, tt.r)
		}
	}
	// Page numbers share the 仿宋 file: no extra font in a document.
	if s.Chain(layout.SongTi)[0] != s.Chain(layout.FangSong)[0] {
		t.Errorf("宋体 and 仿宋 defaults differ: %s, %s", s.Chain(layout.SongTi)[0].Path, s.Chain(layout.FangSong)[0].Path)
	}
}

// Files a user drops in that cannot be used are reported, and the open fonts
// still serve; a truncated TrueType file in a role's first place is an error
// at load, never a crash on a request.
func TestUserFonts(t *testing.T) {
	openFonts(t)
	tests := []struct {
		name    string
		file    string
		data    func() []byte
		loadErr string // substring of Load's error; "" means Load succeeds
		problem string // substring expected in Problems
	}{
		{"an OpenType CFF font", "仿宋_GB2312.ttf", func() []byte { return append([]byte("OTTO"), make([]byte, 64)...) }, "", "CFF"},
		{"a collection", "simhei.ttf", func() []byte { return append([]byte("ttcf"), make([]byte, 64)...) }, "", "collection"},
		{"not a font", "simkai.ttf", func() []byte { return []byte("<html>not a font</html>") }, "", "not a TrueType font"},
		{"a truncated TrueType font", "仿宋_GB2312.ttf", func() []byte {
			data, err := os.ReadFile(filepath.Join(fontfetch.CacheDir(), "NotoSerifSC_300Light.ttf"))
			if err != nil {
				t.Fatal(err)
			}
			return data[:4096]
		}, "truncated", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), tt.data(), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(Options{UserDir: dir})
			if tt.loadErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.loadErr) {
					t.Fatalf("Load error %v, want one containing %q", err, tt.loadErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(s.Problems, "\n"), tt.problem) {
				t.Errorf("problems %q lack %q", s.Problems, tt.problem)
			}
		})
	}
}

func TestNoFonts(t *testing.T) {
	_, err := Load(Options{CacheDir: t.TempDir(), UserDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "make fonts") {
		t.Fatalf("want an error that says how to get fonts, got %v", err)
	}
}

func TestCoverage(t *testing.T) {
	openFonts(t)
	s, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := CoverageOf(s.Chain(layout.FangSong))
	if err != nil {
		t.Fatal(err)
	}
	if c.GB2312Total != 6763 {
		t.Errorf("GB 2312 has %d hanzi, want 6763", c.GB2312Total)
	}
	if c.GB2312First != c.GB2312Total {
		t.Errorf("Noto Serif SC covers %d of %d GB 2312 hanzi", c.GB2312First, c.GB2312Total)
	}
	if c.GBKChain < c.GBKTotal*99/100 {
		t.Errorf("the 仿宋 chain covers %d of %d GBK characters", c.GBKChain, c.GBKTotal)
	}
}
