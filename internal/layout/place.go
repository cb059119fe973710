package layout

import (
	"math"
	"unicode/utf8"
)

// glyph is one character placed on a line.
type glyph struct {
	x    float64
	r    rune
	face int
	adv  float64 // natural advance, mm
}

// placed is a set line: its glyphs, ready to become segments.
type placed struct {
	glyphs []glyph
	x0, x1 float64
	chars  int // characters of the source set on this line (spaces included)
}

// placeLine sets atoms[from:to] starting at x, w wide. When justify is set the
// line is stretched (or, when forced over, squeezed) to end exactly at x+w;
// otherwise it keeps its natural width (a paragraph's last line).
func (s *setter) placeLine(atoms []atom, from, to int, x, w float64, justify bool) placed {
	chars := 0
	for i := from; i < to; i++ {
		chars += atoms[i].runes
	}
	for from < to && atoms[from].cls == clSpace {
		from++
	}
	for to > from && atoms[to-1].cls == clSpace {
		to--
	}
	line := atoms[from:to]
	n := len(line)
	slots := make([]float64, n)
	offs := make([]float64, n)
	total := 0.0
	for i := range line {
		a := &line[i]
		slots[i] = a.slot()
		if a.cls == clLatin && a.snapped {
			extra := a.width - a.ink
			prevTight := i == 0 || isMark(line[i-1].cls) || line[i-1].cls == clSpace
			nextTight := i == n-1 || isMark(line[i+1].cls) || line[i+1].cls == clSpace
			half := s.em() / 2
			switch {
			case prevTight && nextTight:
				slots[i] = a.ink
			case prevTight && extra <= half:
			case nextTight && extra <= half:
				offs[i] = extra
			case prevTight || nextTight:
				// More than ½ em on one side looks like a hole: give up the cell.
				slots[i] = a.ink
			default:
				offs[i] = extra / 2
			}
		}
		total += slots[i]
	}
	gap := 0.0
	if n > 1 && (justify || total > w+eps) {
		gap = (w - total) / float64(n-1)
	}
	p := placed{chars: chars, x0: math.Inf(1), x1: math.Inf(-1)}
	cx := x
	em := s.em()
	for i := range line {
		a := &line[i]
		switch {
		case a.cls == clSpace:
		case a.cls == clLatin:
			gx := cx + offs[i]
			j := 0
			for _, r := range a.text {
				p.glyphs = append(p.glyphs, glyph{x: gx, r: r, face: a.face, adv: a.advs[j]})
				gx += a.advs[j]
				j++
			}
		case a.cls == clOpen && a.half:
			adv := s.faces.Advance(a.face, a.first) * em
			p.glyphs = append(p.glyphs, glyph{x: cx + slots[i] - adv, r: a.first, face: a.face, adv: adv})
		default:
			step := slots[i] / float64(a.runes)
			j := 0
			for _, r := range a.text {
				if r != '\u3000' { // a blank cell takes its place and draws nothing
					adv := s.faces.Advance(a.face, r) * em
					p.glyphs = append(p.glyphs, glyph{x: cx + float64(j)*step, r: r, face: a.face, adv: adv})
				}
				j++
			}
		}
		cx += slots[i] + gap
	}
	for _, g := range p.glyphs {
		p.x0 = math.Min(p.x0, g.x)
		p.x1 = math.Max(p.x1, g.x+g.adv)
	}
	if len(p.glyphs) == 0 {
		p.x0, p.x1 = x, x
	}
	return p
}

// segments turns placed glyphs into runs of one face with even spacing, which
// the PDF draws with one text operator each.
func segments(gs []glyph, size, y float64, color Color) []Segment {
	var out []Segment
	var cur *Segment
	var prev glyph
	count := 0
	var buf []byte
	flush := func() {
		if cur != nil {
			cur.Text = string(buf)
			out = append(out, *cur)
			cur, buf, count = nil, buf[:0], 0
		}
	}
	for _, g := range gs {
		if cur != nil && g.face == cur.Face {
			sp := g.x - prev.x - prev.adv
			if count == 1 && math.Abs(sp) < prev.adv {
				cur.Spacing = sp
			} else if math.Abs(sp-cur.Spacing) > 0.005 {
				flush()
			}
		} else {
			flush()
		}
		if cur == nil {
			cur = &Segment{Face: g.face, Size: size, Color: color, X: g.x, Y: y}
		}
		buf = utf8.AppendRune(buf, g.r)
		count++
		prev = g
	}
	flush()
	return out
}
