package fontfetch

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// CacheDir is where fetched fonts are kept: $GONGWEN_FONT_CACHE if set, else
// $XDG_CACHE_HOME/gongwen/fonts, else ~/.cache/gongwen/fonts. It is never
// inside the repository.
func CacheDir() string {
	if d := os.Getenv("GONGWEN_FONT_CACHE"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "gongwen", "fonts")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".cache", "gongwen", "fonts")
	}
	return filepath.Join(os.TempDir(), "gongwen-fonts")
}

// Resolve maps each role to the candidate files that exist, in the manifest's
// order of preference. For each candidate the directories are searched in the
// order given — pass the user's fonts directory before the cache — and the
// first match is taken; names match case-insensitively (SIMHEI.TTF is
// simhei.ttf). Files that are not TrueType with glyf outlines are skipped
// (CheckTrueType says why). Digests are not verified here: Fetch does that.
// Empty directory names and directories that do not exist are ignored.
func Resolve(m *Manifest, dirs ...string) map[string][]string {
	listings := make([]map[string]string, len(dirs))
	for i, d := range dirs {
		listings[i] = listDir(d)
	}
	ok := map[string]bool{} // path → usable, checked once
	out := make(map[string][]string, len(m.Roles))
	for _, role := range Roles {
		r := m.Roles[role]
		if r == nil {
			continue
		}
		var paths []string
		for _, f := range r.Files {
			for i, d := range dirs {
				name, found := listings[i][f]
				if !found {
					name, found = listings[i][strings.ToLower(f)]
				}
				if !found {
					continue
				}
				p := filepath.Join(d, name)
				usable, checked := ok[p]
				if !checked {
					usable = CheckTrueType(p) == nil
					ok[p] = usable
				}
				if usable {
					paths = append(paths, p)
					break
				}
			}
		}
		out[role] = paths
	}
	return out
}

// listDir maps exact and lower-cased names of the regular files in d to their
// real names; exact names win over case-folded ones.
func listDir(d string) map[string]string {
	if d == "" {
		return nil
	}
	ents, err := os.ReadDir(d)
	if err != nil {
		return nil
	}
	names := map[string]string{}
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		n := e.Name()
		names[n] = n
		if _, taken := names[strings.ToLower(n)]; !taken {
			names[strings.ToLower(n)] = n
		}
	}
	return names
}

// CheckTrueType reports whether the file at path is a TrueType font with glyf
// outlines, the only kind fpdf embeds. It reads the table directory only.
func CheckTrueType(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", path)
	}
	var head [12]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return fmt.Errorf("%s: too short for a font", path)
	}
	switch tag := string(head[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return fmt.Errorf("%s: OpenType with CFF outlines; fpdf needs TrueType glyf outlines", path)
	case "ttcf":
		return fmt.Errorf("%s: a font collection (.ttc); extract one TrueType face into a .ttf", path)
	case "wOFF", "wOF2":
		return fmt.Errorf("%s: a compressed web font (WOFF); fpdf needs a plain .ttf", path)
	default:
		return fmt.Errorf("%s: not a TrueType font (header %q)", path, tag)
	}
	n := int(binary.BigEndian.Uint16(head[4:6]))
	dir := make([]byte, 16*n)
	if _, err := io.ReadFull(f, dir); err != nil {
		return fmt.Errorf("%s: truncated table directory", path)
	}
	tables := map[string]bool{}
	for i := range n {
		tables[string(dir[16*i:16*i+4])] = true
	}
	var missing []string
	for _, t := range []string{"cmap", "glyf", "head", "hmtx", "loca"} {
		if !tables[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: TrueType font lacks the %s table(s) fpdf needs", path, strings.Join(missing, ", "))
	}
	return nil
}
