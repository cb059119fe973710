package sfnt

import (
	"os"
	"path/filepath"
	"testing"
)

// Real CJK fonts used when present. They are not committed (15 MB each);
// tests that need them skip with the path they looked for.
const (
	lxgwPath      = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
	notoSerifPath = "/tmp/probe/npm/x/package/400Regular/NotoSerifSC_400Regular.ttf"
	notoSansPath  = "/tmp/probe/npm/x/package/400Regular/NotoSansSC_400Regular.ttf"
)

var realFontPaths = []string{
	lxgwPath,
	"/tmp/probe/npm/x/package/300Light/NotoSerifSC_300Light.ttf",
	notoSerifPath,
	"/tmp/probe/npm/x/package/700Bold/NotoSerifSC_700Bold.ttf",
	notoSansPath,
}

// sampleText is the document text the fpdf test renders.
const sampleText = "株洲市人力资源和社会保障局〔2022〕27号，“测试”。ABC 123"

// loadFont reads and parses path, skipping the test when the file is absent.
func loadFont(tb testing.TB, path string) (*Font, []byte) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		tb.Skipf("test font %s not installed (Debian fonts-lxgw-wenkai / npm @expo-google-fonts); set GONGWEN_TEST_FONT to use another", path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", path, err)
	}
	return f, data
}

// availableFonts lists the real fonts present, plus $GONGWEN_TEST_FONT.
func availableFonts() []string {
	var out []string
	for _, p := range append(realFontPaths, os.Getenv("GONGWEN_TEST_FONT")) {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// forEachRealFont runs fn as a subtest per available real font, or skips.
func forEachRealFont(t *testing.T, fn func(t *testing.T, f *Font, data []byte)) {
	paths := availableFonts()
	if len(paths) == 0 {
		t.Skipf("no real test fonts found (looked for %v and $GONGWEN_TEST_FONT)", realFontPaths)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, data := loadFont(t, p)
			fn(t, f, data)
		})
	}
}
