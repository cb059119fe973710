package fontfetch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fakeTTF is the smallest file CheckTrueType accepts: an sfnt header whose
// table directory lists the tables fpdf needs. tag "OTTO" makes a CFF font.
func fakeTTF(tag string, body string) []byte {
	tables := []string{"cmap", "glyf", "head", "hmtx", "loca"}
	var b bytes.Buffer
	b.WriteString(tag)
	binary.Write(&b, binary.BigEndian, uint16(len(tables)))
	b.Write(make([]byte, 6))
	for _, t := range tables {
		b.WriteString(t)
		b.Write(make([]byte, 12))
	}
	b.WriteString(body)
	return b.Bytes()
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// makeTar builds a tar stream of the members, in the order given (name, data, name, data …).
func makeTar(t *testing.T, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for i := 0; i < len(members); i += 2 {
		data := members[i+1]
		if err := tw.WriteHeader(&tar.Header{Name: members[i], Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(data))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func makeTGZ(t *testing.T, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	gz.Write(makeTar(t, members...))
	gz.Close()
	return b.Bytes()
}

// fakeTools puts shell scripts named npm, apt-get and dpkg-deb first on PATH.
// Each appends its command line to the returned marker file and then runs
// its script body. Returns the marker path.
func fakeTools(t *testing.T, scripts map[string]string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("fake tools are shell scripts")
	}
	dir := t.TempDir()
	marker := filepath.Join(dir, "calls.log")
	for _, name := range []string{"npm", "apt-get", "dpkg-deb"} {
		body := scripts[name]
		if body == "" {
			body = "echo \"" + name + ": not expected in this test\" >&2; exit 97"
		}
		sh := "#!/bin/sh\necho \"" + name + " $*\" >> \"" + marker + "\"\n" + body + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(sh), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return marker
}

// calls returns the command lines the fake tools logged.
func calls(t *testing.T, marker string) []string {
	t.Helper()
	b, err := os.ReadFile(marker)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

// manifestOf makes a manifest whose five roles each list all the sources.
func manifestOf(srcs ...*Source) *Manifest {
	m := &Manifest{Schema: ManifestSchema, Roles: map[string]*Role{}, Sources: map[string]*Source{}}
	var files []string
	for _, s := range srcs {
		s.File = filepath.Base(s.Path)
		m.Sources[s.File] = s
		files = append(files, s.File)
	}
	for _, r := range Roles {
		m.Roles[r] = &Role{Name: r, Files: files}
	}
	return m
}

// withInstalledRoot points installedRoot at dir for the test.
func withInstalledRoot(t *testing.T, dir string) {
	old := installedRoot
	installedRoot = dir
	t.Cleanup(func() { installedRoot = old })
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}
