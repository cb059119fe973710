package fontset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"gongwen/fonts"
	"gongwen/internal/fontfetch"
	"gongwen/internal/layout"
	"gongwen/internal/sfnt"
)

// Face is one font file, read and parsed on first use.
type Face struct {
	ID   int
	Path string

	once sync.Once
	font *sfnt.Font
	err  error
	em   float64 // units per em
	// bmp maps every BMP character to its glyph, built once at load: layout asks
	// for each character's face and width, and a binary search of the cmap
	// every time was a fifth of a document's layout.
	bmp []uint16
}

// load reads and parses the file once; later calls return the same result.
func (f *Face) load() (*sfnt.Font, error) {
	f.once.Do(func() {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			f.err = err
			return
		}
		f.font, f.err = sfnt.Parse(data)
		if f.err != nil {
			f.err = fmt.Errorf("%s: %w", f.Path, f.err)
			return
		}
		f.em = float64(f.font.UnitsPerEm())
		f.bmp = make([]uint16, 0x10000)
		for r := range f.bmp {
			f.bmp[r] = f.font.GlyphIndex(rune(r))
		}
	})
	return f.font, f.err
}

// glyph is r's glyph in the face, 0 when it has none (r in the BMP).
func (f *Face) glyph(r rune) uint16 {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	return f.bmp[r]
}

// Font returns the parsed font, reading it on first use.
func (f *Face) Font() (*sfnt.Font, error) { return f.load() }

// Set is the fonts of every role. It is safe for concurrent use and meant to
// live as long as the process: each file is read once.
type Set struct {
	faces  []*Face
	chains map[layout.Role][]*Face
	// Problems lists font files that were found but cannot be used (an .otf,
	// a collection, a truncated file), so the user hears why a dropped-in font
	// is not taken.
	Problems []string
}

// ErrNoFont is returned when a role has no usable font file at all.
var ErrNoFont = errors.New("no usable font")

// Options say where fonts are looked for.
type Options struct {
	UserDir  string // the user's fonts directory (licensed fonts dropped in); searched first
	CacheDir string // where fetched open fonts are kept; default fontfetch.CacheDir()
}

// Load resolves each role's chain from the embedded manifest. Files are parsed
// lazily, so a role's fallbacks cost nothing until a character needs them.
func Load(opt Options) (*Set, error) {
	m, err := fontfetch.ParseManifest(fonts.Manifest)
	if err != nil {
		return nil, fmt.Errorf("font manifest: %w", err)
	}
	if opt.CacheDir == "" {
		opt.CacheDir = fontfetch.CacheDir()
	}
	s := &Set{chains: map[layout.Role][]*Face{}}
	s.Problems = unusable(m, opt.UserDir)
	byPath := map[string]*Face{}
	resolved := fontfetch.Resolve(m, opt.UserDir, opt.CacheDir)
	var missing []string
	for _, role := range layout.Roles {
		for _, p := range resolved[string(role)] {
			f := byPath[p]
			if f == nil {
				f = &Face{ID: len(s.faces), Path: p}
				byPath[p] = f
				s.faces = append(s.faces, f)
			}
			s.chains[role] = append(s.chains[role], f)
		}
		if len(s.chains[role]) == 0 {
			missing = append(missing, layout.RoleName(role))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w for %v: run `make fonts` (or `gongwen fonts fetch`) to fetch the open fonts into %s, or put TrueType fonts into %s",
			ErrNoFont, missing, opt.CacheDir, orDefault(opt.UserDir, "fonts/"))
	}
	// The first face of every role is needed by every document: read it now, so
	// a broken file is reported at start-up, not on a request.
	for _, role := range layout.Roles {
		if _, err := s.chains[role][0].load(); err != nil {
			return nil, fmt.Errorf("%s font: %w", layout.RoleName(role), err)
		}
	}
	return s, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// unusable names the font-like files in the user's directory that cannot be
// used, and why.
func unusable(m *fontfetch.Manifest, dir string) []string {
	if dir == "" {
		return nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		switch filepath.Ext(e.Name()) {
		case ".ttf", ".TTF", ".otf", ".OTF", ".ttc", ".TTC":
		default:
			continue
		}
		if err := fontfetch.CheckTrueType(filepath.Join(dir, e.Name())); err != nil {
			out = append(out, err.Error())
		}
	}
	sort.Strings(out)
	return out
}

// Face returns the first face of role's chain that has r.
func (s *Set) Face(role layout.Role, r rune) (int, bool) {
	if r > 0xFFFF {
		// fpdf maps characters through a 16-bit table and panics beyond it, so a
		// glyph a font has above the BMP is still one the PDF cannot show.
		return 0, false
	}
	for _, f := range s.chains[role] {
		if _, err := f.load(); err != nil {
			continue
		}
		if f.glyph(r) != 0 {
			return f.ID, true
		}
	}
	return 0, false
}

// Advance returns r's advance in face id, in ems.
func (s *Set) Advance(id int, r rune) float64 {
	f := s.faces[id]
	font, err := f.load()
	if err != nil {
		return 0
	}
	return float64(font.GlyphAdvance(f.glyph(r))) / f.em
}

// Subset cuts a TrueType font holding only runes from face id.
func (s *Set) Subset(id int, runes []rune) ([]byte, error) {
	font, err := s.faces[id].load()
	if err != nil {
		return nil, err
	}
	return font.Subset(runes)
}

// FaceByID returns face id.
func (s *Set) FaceByID(id int) *Face { return s.faces[id] }

// Chain returns the faces of role in order of preference.
func (s *Set) Chain(role layout.Role) []*Face { return s.chains[role] }
