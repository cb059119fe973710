package sfnt

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// runeGlyph maps a rune to its glyph id in the subset.
type runeGlyph struct {
	r rune
	g uint16
}

// subsetter collects the glyphs of one Subset call. All of its state is local
// to the call, which is why Subset may run on many goroutines at once.
type subsetter struct {
	f     *Font
	newID map[uint16]uint16 // old glyph id -> new glyph id
	order []uint16          // old glyph id, indexed by new id
	data  [][]byte          // glyph bytes in the source font, indexed by new id
	state []uint8           // visit state, indexed by new id
	depth int               // deepest composite nesting seen (for maxp)
	cmap  []runeGlyph       // ascending by rune
}

const (
	unvisited = iota
	visiting  // on the current composite path: meeting it again is a cycle
	visited
)

// Subset returns a complete TrueType font holding .notdef, the glyphs of
// runes and the components those glyphs are built from, renumbered
// contiguously: glyf/loca/hmtx with just those glyphs, a cmap with a (3,1)
// format 4 subtable (plus (3,10) format 12 when a rune is above U+FFFF),
// head/hhea/maxp/OS/2 recomputed to match, post format 3, a trimmed name
// table, the hinting tables unchanged, and valid checksums. fpdf v0.12.0's
// AddUTF8FontFromBytes accepts it as is.
//
// Glyph ids are assigned in rune order (after .notdef, before components), so
// runs of consecutive runes become single cmap segments, and the output does
// not depend on the order or repetition of runes. Runes the font lacks make
// Subset fail with an error naming them (U+XXXX); check Coverage first to
// report them to a user.
func (f *Font) Subset(runes []rune) ([]byte, error) {
	rs := sortedUnique(runes)
	s := &subsetter{f: f, newID: make(map[uint16]uint16, len(rs)+8)}
	s.add(0)
	s.cmap = make([]runeGlyph, 0, len(rs))
	var missing []rune
	for _, r := range rs {
		g := f.GlyphIndex(r)
		if g == 0 {
			missing = append(missing, r)
			continue
		}
		s.cmap = append(s.cmap, runeGlyph{r, s.add(g)})
	}
	if len(missing) > 0 {
		return nil, f.missingError(missing)
	}
	for id := 0; id < len(s.order); id++ { // s.order grows as components are found
		if err := s.visit(s.order[id], 0); err != nil {
			return nil, err
		}
	}
	return s.write()
}

// add gives old glyph g a new id if it has none yet.
func (s *subsetter) add(g uint16) uint16 {
	if id, ok := s.newID[g]; ok {
		return id
	}
	id := uint16(len(s.order))
	s.newID[g] = id
	s.order = append(s.order, g)
	s.data = append(s.data, nil)
	s.state = append(s.state, unvisited)
	return id
}

// visit loads glyph g and, for composites, its components (depth first, so a
// cycle is caught as a component already on the path). fpdf re-walks
// composites recursively with no cycle check, so letting one through would
// hang the PDF writer.
func (s *subsetter) visit(g uint16, depth int) error {
	if depth > maxComponentDepth {
		return errorf(ErrNotFont, "composite glyph %d is nested more than %d levels deep", g, maxComponentDepth)
	}
	id := s.add(g)
	switch s.state[id] {
	case visited:
		return nil
	case visiting:
		return errorf(ErrNotFont, "composite glyph %d contains itself", g)
	}
	data, err := s.f.glyph(g)
	if err != nil {
		return err
	}
	s.data[id] = data
	if isComposite(data) {
		s.state[id] = visiting
		s.depth = max(s.depth, depth+1)
		err = components(data, g, func(_ int, c uint16) error {
			if int(c) >= s.f.numGlyphs {
				return errorf(ErrNotFont, "composite glyph %d uses glyph %d, but the font has only %d", g, c, s.f.numGlyphs)
			}
			return s.visit(c, depth+1)
		})
		if err != nil {
			return err
		}
	}
	s.state[id] = visited
	return nil
}

// missingError names the runes the font lacks, e.g. U+20BB7 '𠮷'.
func (f *Font) missingError(missing []rune) error {
	const show = 20
	var b strings.Builder
	for i, r := range missing {
		if i == show {
			fmt.Fprintf(&b, " and %d more", len(missing)-show)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "U+%04X", r)
		if r >= 0 && r <= 0x10FFFF && strconv.IsPrint(r) {
			fmt.Fprintf(&b, " '%c'", r)
		}
	}
	name := f.fullName
	if name == "" {
		name = "the font"
	} else {
		name = strconv.Quote(name)
	}
	return fmt.Errorf("sfnt: %s has no glyph for %d rune(s): %s", name, len(missing), b.String())
}

// sortedUnique returns the distinct runes in ascending order (a copy).
func sortedUnique(runes []rune) []rune {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	return slices.Compact(rs)
}
