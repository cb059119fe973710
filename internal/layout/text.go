package layout

// para sets text as lines: the first at x0 and w0 wide, the others at x1 and w1
// wide; every line but the last is justified to its full width.
func (s *setter) para(text string, x0, w0, x1, w1 float64) ([]placed, error) {
	atoms, err := s.tokenize(text)
	if err != nil {
		return nil, err
	}
	if len(atoms) == 0 {
		return nil, nil
	}
	atoms, spans := breakLines(atoms, w0, w1, s.cell)
	out := make([]placed, 0, len(spans))
	for i, sp := range spans {
		x, w := x1, w1
		if i == 0 {
			x, w = x0, w0
		}
		out = append(out, s.placeLine(atoms, sp.from, sp.to, x, w, i < len(spans)-1 && !s.rag))
	}
	return out, nil
}

// single sets text on one line at its natural width, starting at x.
func (s *setter) single(text string, x float64) (placed, error) {
	atoms, err := s.tokenize(text)
	if err != nil {
		return placed{}, err
	}
	return s.placeLine(atoms, 0, len(atoms), x, s.natural(atoms), false), nil
}

// natural is the width of atoms set without justification.
func (s *setter) natural(atoms []atom) float64 { return spanWidth(atoms, 0, len(atoms)) }

// measure is the natural width of text, in mm.
func (s *setter) measure(text string) (float64, error) {
	atoms, err := s.tokenize(text)
	if err != nil {
		return 0, err
	}
	return s.natural(atoms), nil
}

// shift moves a placed line right by dx.
func (p placed) shift(dx float64) placed {
	gs := make([]glyph, len(p.glyphs))
	for i, g := range p.glyphs {
		g.x += dx
		gs[i] = g
	}
	p.glyphs = gs
	p.x0 += dx
	p.x1 += dx
	return p
}

// rowsOf wraps placed lines as grid rows of one kind.
func rowsOf(kind string, lines []placed, size float64, color Color) []row {
	rows := make([]row, len(lines))
	for i, p := range lines {
		rows[i] = row{kind: kind, p: p, size: size, color: color}
	}
	return rows
}
