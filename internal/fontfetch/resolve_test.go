package fontfetch

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestResolveOrder(t *testing.T) {
	m := &Manifest{Schema: 1, Roles: map[string]*Role{
		RoleFangsong: {Name: "仿宋", Files: []string{"仿宋_GB2312.ttf", "simfang.ttf", "Open-Light.ttf", "Open-Fallback.ttf"}},
		RoleHeiti:    {Name: "黑体", Files: []string{"simhei.ttf", "Open-Sans.ttf"}},
		RoleSongti:   {Name: "宋体", Files: []string{"simsun.ttf", "Open-Light.ttf"}},
	}}
	user, cache := t.TempDir(), t.TempDir()
	ttf := fakeTTF("\x00\x01\x00\x00", "")
	writeFile(t, filepath.Join(user, "仿宋_GB2312.ttf"), ttf)
	writeFile(t, filepath.Join(user, "SIMHEI.TTF"), ttf)                 // case differs from the manifest
	writeFile(t, filepath.Join(user, "simsun.ttf"), fakeTTF("OTTO", "")) // CFF in disguise: skipped
	writeFile(t, filepath.Join(user, "Open-Light.ttf"), ttf)             // the user's copy beats the cache's
	writeFile(t, filepath.Join(cache, "Open-Light.ttf"), ttf)
	writeFile(t, filepath.Join(cache, "Open-Fallback.ttf"), ttf)
	writeFile(t, filepath.Join(cache, "Open-Sans.ttf"), ttf)

	got := Resolve(m, user, "", filepath.Join(t.TempDir(), "absent"), cache)
	want := map[string][]string{
		RoleFangsong: {filepath.Join(user, "仿宋_GB2312.ttf"), filepath.Join(user, "Open-Light.ttf"), filepath.Join(cache, "Open-Fallback.ttf")},
		RoleHeiti:    {filepath.Join(user, "SIMHEI.TTF"), filepath.Join(cache, "Open-Sans.ttf")},
		RoleSongti:   {filepath.Join(user, "Open-Light.ttf")},
	}
	for role, w := range want {
		if !slices.Equal(got[role], w) {
			t.Errorf("%s:\n got %q\nwant %q", role, got[role], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("roles resolved: %d, want %d", len(got), len(want))
	}

	// Without the user's directory the cache alone answers.
	got = Resolve(m, cache)
	if w := []string{filepath.Join(cache, "Open-Light.ttf"), filepath.Join(cache, "Open-Fallback.ttf")}; !slices.Equal(got[RoleFangsong], w) {
		t.Errorf("cache only: %q", got[RoleFangsong])
	}
}

func TestCheckTrueType(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct {
		data []byte
		want string
	}{
		"ok.ttf":    {fakeTTF("\x00\x01\x00\x00", ""), ""},
		"cff.ttf":   {fakeTTF("OTTO", ""), "CFF outlines"},
		"coll.ttf":  {fakeTTF("ttcf", ""), "collection"},
		"web.ttf":   {fakeTTF("wOF2", ""), "WOFF"},
		"short.ttf": {[]byte("abc"), "too short"},
		"noglyf.ttf": {append([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00"), []byte("cmap\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")...),
			"lacks the glyf, head, hmtx, loca"},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		writeFile(t, p, c.data)
		err := CheckTrueType(p)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

func TestCacheDir(t *testing.T) {
	t.Setenv("GONGWEN_FONT_CACHE", "/x/fonts")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	if got := CacheDir(); got != "/x/fonts" {
		t.Errorf("with GONGWEN_FONT_CACHE: %s", got)
	}
	t.Setenv("GONGWEN_FONT_CACHE", "")
	if got := CacheDir(); got != filepath.Join("/xdg", "gongwen", "fonts") {
		t.Errorf("with XDG_CACHE_HOME: %s", got)
	}
	t.Setenv("XDG_CACHE_HOME", "relative") // the XDG spec says to ignore it
	if got := CacheDir(); got != filepath.Join("/home/u", ".cache", "gongwen", "fonts") {
		t.Errorf("with HOME: %s", got)
	}
}
