package fontfetch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// npmPackage builds a fake npm tarball holding two fonts and a large member
// that must not be extracted, and a fake npm that copies it into its cwd.
func npmPackage(t *testing.T) (light, bold []byte, marker string) {
	t.Helper()
	light, bold = fakeTTF("\x00\x01\x00\x00", "light"), fakeTTF("\x00\x01\x00\x00", "bold")
	tgz := makeTGZ(t,
		"package/package.json", `{"name": "@x/fonts"}`,
		"package/100Thin/X_100Thin.ttf", strings.Repeat("thin", 1<<16),
		"package/300Light/X_300Light.ttf", string(light),
		"package/700Bold/X_700Bold.ttf", string(bold),
	)
	src := filepath.Join(t.TempDir(), "x-fonts-1.0.0.tgz")
	writeFile(t, src, tgz)
	marker = fakeTools(t, map[string]string{"npm": `cp "` + src + `" ./x-fonts-1.0.0.tgz`})
	return light, bold, marker
}

func TestFetchNPMIdempotent(t *testing.T) {
	light, bold, marker := npmPackage(t)
	m := manifestOf(
		&Source{NPM: "@x/fonts", Version: "1.0.0", Path: "package/300Light/X_300Light.ttf", SHA256: sum(light), License: "OFL-1.1"},
		&Source{NPM: "@x/fonts", Version: "1.0.0", Path: "package/700Bold/X_700Bold.ttf", SHA256: sum(bold), License: "OFL-1.1"},
	)
	cache := filepath.Join(t.TempDir(), "cache")
	var log bytes.Buffer
	if err := Fetch(context.Background(), m, cache, &log); err != nil {
		t.Fatalf("Fetch: %v\n%s", err, log.String())
	}
	if got := calls(t, marker); len(got) != 1 || got[0] != "npm pack --ignore-scripts @x/fonts@1.0.0" {
		t.Errorf("first Fetch ran %q, want one npm pack", got)
	}
	if got := dirNames(t, cache); !slices.Equal(got, []string{"X_300Light.ttf", "X_700Bold.ttf"}) {
		t.Errorf("cache holds %q, want only the two needed files", got)
	}
	if b, _ := os.ReadFile(filepath.Join(cache, "X_700Bold.ttf")); !bytes.Equal(b, bold) {
		t.Error("X_700Bold.ttf differs from the package's member")
	}

	log.Reset()
	if err := Fetch(context.Background(), m, cache, &log); err != nil {
		t.Fatal(err)
	}
	if got := calls(t, marker); len(got) != 1 {
		t.Errorf("second Fetch ran commands: %q", got[1:])
	}
	if !strings.Contains(log.String(), "all 2 files cached") {
		t.Errorf("log: %s", log.String())
	}
}

func TestFetchChecksumMismatch(t *testing.T) {
	light, _, marker := npmPackage(t)
	want := sum([]byte("what the manifest expects"))
	m := manifestOf(&Source{NPM: "@x/fonts", Version: "1.0.0", Path: "package/300Light/X_300Light.ttf", SHA256: want, License: "OFL-1.1"})
	cache := t.TempDir()
	err := Fetch(context.Background(), m, cache, nil)
	var ce *ChecksumError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *ChecksumError", err)
	}
	if ce.File != "X_300Light.ttf" || ce.Expected != want || ce.Actual != sum(light) {
		t.Errorf("ChecksumError = %+v", ce)
	}
	for _, w := range []string{"X_300Light.ttf", want, sum(light), "npm @x/fonts@1.0.0"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if got := dirNames(t, cache); len(got) != 0 {
		t.Errorf("cache holds %q after a mismatch, want nothing (no temp files either)", got)
	}
	if len(calls(t, marker)) != 1 {
		t.Errorf("calls: %q", calls(t, marker))
	}
}

func TestFetchReplacesCorruptCacheFile(t *testing.T) {
	light, _, marker := npmPackage(t)
	m := manifestOf(&Source{NPM: "@x/fonts", Version: "1.0.0", Path: "package/300Light/X_300Light.ttf", SHA256: sum(light), License: "OFL-1.1"})
	cache := t.TempDir()
	writeFile(t, filepath.Join(cache, "X_300Light.ttf"), []byte("truncated"))
	if err := Fetch(context.Background(), m, cache, nil); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(cache, "X_300Light.ttf")); !bytes.Equal(b, light) {
		t.Error("corrupt cached file was not replaced")
	}
	if len(calls(t, marker)) != 1 {
		t.Errorf("calls: %q", calls(t, marker))
	}
}

func TestFetchMemberMissing(t *testing.T) {
	npmPackage(t)
	m := manifestOf(&Source{NPM: "@x/fonts", Version: "1.0.0", Path: "package/900Black/X_900Black.ttf", SHA256: sum(nil), License: "OFL-1.1"})
	err := Fetch(context.Background(), m, t.TempDir(), nil)
	if err == nil || !strings.Contains(err.Error(), "package/900Black/X_900Black.ttf is not in npm @x/fonts@1.0.0") {
		t.Errorf("err = %v", err)
	}
}

func TestFetchCommandStderrInError(t *testing.T) {
	fakeTools(t, map[string]string{"npm": `echo "npm error 404 Not Found - @x/gone@9.9.9" >&2; exit 1`})
	m := manifestOf(&Source{NPM: "@x/gone", Version: "9.9.9", Path: "package/a.ttf", SHA256: sum(nil), License: "OFL-1.1"})
	err := Fetch(context.Background(), m, t.TempDir(), nil)
	var ce *CommandError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *CommandError", err)
	}
	for _, w := range []string{"a.ttf", "npm pack --ignore-scripts @x/gone@9.9.9", "exit status 1", "404 Not Found"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestFetchCanceled(t *testing.T) {
	fakeTools(t, map[string]string{"npm": `sleep 30`})
	m := manifestOf(&Source{NPM: "@x/slow", Version: "1.0.0", Path: "package/a.ttf", SHA256: sum(nil), License: "OFL-1.1"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Fetch(ctx, m, t.TempDir(), nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestFetchDebFromInstalledPackage(t *testing.T) {
	font := fakeTTF("\x00\x01\x00\x00", "wenkai")
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "usr/share/fonts/truetype/x/X-Regular.ttf"), font)
	withInstalledRoot(t, root)
	marker := fakeTools(t, nil)
	m := manifestOf(&Source{Deb: "fonts-x", Version: "1.0-1", Path: "usr/share/fonts/truetype/x/X-Regular.ttf", SHA256: sum(font), License: "OFL-1.1"})
	cache := t.TempDir()
	var log bytes.Buffer
	if err := Fetch(context.Background(), m, cache, &log); err != nil {
		t.Fatal(err)
	}
	if got := calls(t, marker); got != nil {
		t.Errorf("ran %q, want no command", got)
	}
	if b, _ := os.ReadFile(filepath.Join(cache, "X-Regular.ttf")); !bytes.Equal(b, font) {
		t.Error("cached file differs from the installed one")
	}
	if !strings.Contains(log.String(), "installed package fonts-x") {
		t.Errorf("log: %s", log.String())
	}
}

// A fake apt that knows only the unversioned package, even after an update:
// Fetch must update once, retry, then fall back to `apt-get download NAME`
// with a warning, and extract from the .deb through dpkg-deb --fsys-tarfile.
func TestFetchDebAptUpdateThenFallback(t *testing.T) {
	font := fakeTTF("\x00\x01\x00\x00", "wenkai")
	data := filepath.Join(t.TempDir(), "data.tar")
	writeFile(t, data, makeTar(t,
		"./usr/share/doc/fonts-x/copyright", "OFL",
		"./usr/share/fonts/truetype/x/X-Bold.ttf", "bold",
		"./usr/share/fonts/truetype/x/X-Regular.ttf", string(font),
	))
	withInstalledRoot(t, t.TempDir()) // not installed
	marker := fakeTools(t, map[string]string{
		"apt-get": `case "$1 $2" in
"update ") exit 0 ;;
"download "*=*) echo "E: Version '1.0-1' for 'fonts-x' was not found" >&2; exit 100 ;;
"download "*) echo deb > ./fonts-x_1.0-2_all.deb ;;
*) exit 99 ;;
esac`,
		"dpkg-deb": `[ "$1" = --fsys-tarfile ] && cat "` + data + `"`,
	})
	m := manifestOf(&Source{Deb: "fonts-x", Version: "1.0-1", Path: "usr/share/fonts/truetype/x/X-Regular.ttf", SHA256: sum(font), License: "OFL-1.1"})
	cache := t.TempDir()
	var log bytes.Buffer
	if err := Fetch(context.Background(), m, cache, &log); err != nil {
		t.Fatalf("Fetch: %v\n%s", err, log.String())
	}
	got := calls(t, marker)
	want := []string{
		"apt-get download fonts-x=1.0-1",
		"apt-get update",
		"apt-get download fonts-x=1.0-1",
		"apt-get download fonts-x",
	}
	if len(got) != 5 || !slices.Equal(got[:4], want) || !strings.HasPrefix(got[4], "dpkg-deb --fsys-tarfile ") {
		t.Errorf("calls = %q", got)
	}
	if !strings.Contains(log.String(), "warning: cannot download fonts-x=1.0-1") {
		t.Errorf("log lacks the warning: %s", log.String())
	}
	if names := dirNames(t, cache); !slices.Equal(names, []string{"X-Regular.ttf"}) {
		t.Errorf("cache holds %q", names)
	}
}

func TestFetchDebAptFailureReported(t *testing.T) {
	withInstalledRoot(t, t.TempDir())
	fakeTools(t, map[string]string{"apt-get": `echo "E: Unable to locate package $2" >&2; exit 100`})
	m := manifestOf(&Source{Deb: "fonts-x", Version: "1.0-1", Path: "usr/share/fonts/x/X.ttf", SHA256: sum(nil), License: "OFL-1.1"})
	err := Fetch(context.Background(), m, t.TempDir(), nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{"X.ttf", "apt-get download fonts-x=1.0-1", "Unable to locate package fonts-x"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}
