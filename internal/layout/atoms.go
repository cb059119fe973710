package layout

import "unicode/utf8"

// atom is a unit the line breaker never splits: one CJK character or mark, a
// dash or ellipsis pair, a run of Latin letters and digits, or a space.
type atom struct {
	text    string
	runes   int       // characters in text
	face    int       // the face that sets every character of the atom
	cls     class     // class of the atom (its first character's)
	first   rune      // its first character
	last    rune      // its last character
	ink     float64   // natural width of the glyphs, mm
	width   float64   // the slot it takes on the line, mm, before compression
	half    bool      // compressed to half a cell
	glue    bool      // no break allowed before this atom
	src     int       // index of its first character in the source text
	advs    []float64 // advance of each character, mm (Latin runs)
	snapped bool      // a Latin run widened to whole grid cells
	split   bool      // a piece of a word too long for a line: a break is allowed before it
}

// setter holds what tokenizing needs: the face chain, the role, the size and the
// width of a full-width cell (the grid pitch for body text).
type setter struct {
	faces Faces
	role  Role
	size  float64 // pt
	cell  float64 // mm
	path  string  // JSON path of the text, for errors
	grid  bool    // Latin runs take whole cells (running text on the grid)
	rag   bool    // lines are not justified (table cells)
}

func (s *setter) em() float64 { return PtToMM(s.size) }

// tokenize cuts text into atoms, checking every character against the fonts.
func (s *setter) tokenize(text string) ([]atom, error) {
	var atoms []atom
	idx := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		c := classify(r)
		face, ok := s.faces.Face(s.role, r)
		if !ok {
			if r == utf8.RuneError && n == 1 {
				return nil, &MissingGlyphError{Path: s.path, Offset: idx, Char: r, Role: s.role}
			}
			if c != clSpace {
				return nil, &MissingGlyphError{Path: s.path, Offset: idx, Char: r, Role: s.role}
			}
		}
		switch c {
		case clLatin:
			// A maximal run of Western characters in one face.
			j, cnt := i, 0
			var advs []float64
			ink := 0.0
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if classify(r2) != clLatin {
					break
				}
				f2, ok2 := s.faces.Face(s.role, r2)
				if !ok2 {
					return nil, &MissingGlyphError{Path: s.path, Offset: idx + cnt, Char: r2, Role: s.role}
				}
				if f2 != face {
					break
				}
				a := s.faces.Advance(face, r2) * s.em()
				advs = append(advs, a)
				ink += a
				j += n2
				cnt++
			}
			glue := len(atoms) > 0 && atoms[len(atoms)-1].cls == clLatin // a face change inside a word
			atoms = append(atoms, atom{text: text[i:j], runes: cnt, face: face, cls: clLatin,
				first: r, last: lastRune(text[i:j]), ink: ink, advs: advs, glue: glue, src: idx})
			idx += cnt
			i = j
			continue
		case clSpace:
			w := 0.25 * s.em()
			if ok {
				w = s.faces.Advance(face, r) * s.em()
			}
			atoms = append(atoms, atom{text: " ", runes: 1, face: face, cls: clSpace, first: r, last: r, ink: w, width: w, src: idx})
		case clDash:
			// —— and …… are one unit of two cells with no space inside.
			j, cnt := i+n, 1
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if r2 != r {
					break
				}
				j += n2
				cnt++
			}
			atoms = append(atoms, atom{text: text[i:j], runes: cnt, face: face, cls: clDash, first: r, last: r,
				ink: float64(cnt) * s.em(), width: float64(cnt) * s.cell, src: idx})
			idx += cnt
			i = j
			continue
		default:
			a := atom{text: text[i : i+n], runes: 1, face: face, cls: c, first: r, last: r,
				ink: s.faces.Advance(face, r) * s.em(), width: s.cell, src: idx}
			if len(atoms) > 0 && isUnitAfterNumber(r) && atoms[len(atoms)-1].cls == clLatin {
				a.glue = true
			}
			atoms = append(atoms, a)
		}
		idx++
		i += n
	}
	s.snapLatin(atoms)
	compressPairs(atoms)
	return atoms, nil
}

// snapLatin gives every Latin run a whole number of grid cells, so the
// characters after it stay on the grid (CLREQ: the gap of 0–½ em goes to its
// neighbours).
func (s *setter) snapLatin(atoms []atom) {
	for i := range atoms {
		a := &atoms[i]
		if a.cls != clLatin {
			continue
		}
		a.width = a.ink
		if !s.grid || !hasAlnum(a.text) {
			continue // a hyphen or slash between Han keeps its own width
		}
		cells := int(a.ink/s.cell + 0.999)
		if cells < 1 {
			cells = 1
		}
		a.width = float64(cells) * s.cell
		a.snapped = true
		// A run glued to a neighbouring run (a face change inside a word) is not padded.
		if a.glue || (i+1 < len(atoms) && atoms[i+1].glue && atoms[i+1].cls == clLatin) {
			a.width = a.ink
			a.snapped = false
		}
	}
}

// compressPairs applies the standing rule for adjacent marks: two marks in a row
// take one and a half cells, not two (CLREQ). The mark whose blank half faces
// the other loses it.
func compressPairs(atoms []atom) {
	for i := 0; i+1 < len(atoms); i++ {
		a, b := &atoms[i], &atoms[i+1]
		if !isMark(a.cls) || !isMark(b.cls) {
			continue
		}
		switch {
		case (a.cls == clClose || a.cls == clStop) && !a.half:
			a.half = true
		case b.cls == clOpen && !b.half:
			b.half = true
		}
	}
}

func isMark(c class) bool { return c == clOpen || c == clClose || c == clStop }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// slot is the width the atom takes now, after compression.
func (a *atom) slot() float64 {
	if a.half {
		return a.width / 2
	}
	return a.width
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}
