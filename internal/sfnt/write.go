package sfnt

import "slices"

// extents are the glyph-derived values head and hhea must agree with.
type extents struct {
	any                    bool // at least one glyph has an outline
	xMin, yMin, xMax, yMax int16
	advMax                 uint16
	minLSB, minRSB, xMaxEx int
	maxPoints, maxContours int // simple glyphs only; used if maxp must be rebuilt
}

// write builds the subset font: .notdef + collected glyphs in glyf/loca/hmtx,
// a fresh cmap, head/hhea/maxp/OS/2 updated to match, post reduced to format 3
// (no glyph names), a trimmed name table, and the hinting tables unchanged
// because the copied glyph programs call into them.
func (s *subsetter) write() ([]byte, error) {
	f := s.f
	n := len(s.order)
	offsets := make([]int, n+1)
	var ext extents
	for id, g := range s.data {
		offsets[id+1] = offsets[id] + pad4(len(g))
		s.measure(&ext, uint16(id), g)
	}
	glyfLen := offsets[n]
	// Honest fonts give each glyph its own bytes, so a subset's glyf is never
	// larger than the font's. A hostile loca pointing every glyph at the whole
	// table could otherwise make us allocate gigabytes.
	if glyfLen > 2*len(f.glyf)+4*n {
		return nil, errorf(ErrNotFont, "'loca' entries overlap: the subset's glyphs would take %d bytes, the whole font has %d", glyfLen, len(f.glyf))
	}
	// Short loca stores offset/2 in 16 bits; glyph starts are 4-aligned.
	longLoca := glyfLen > 2*0xFFFF
	locaEntry := 2
	if longLoca {
		locaEntry = 4
	}

	cmap, err := buildCmap(s.cmap)
	if err != nil {
		return nil, err
	}
	tables := []table{
		{tag: "cmap", data: cmap},
		{tag: "glyf", size: glyfLen, fill: func(dst []byte) { s.fillGlyf(dst, offsets) }},
		{tag: "loca", size: (n + 1) * locaEntry, fill: func(dst []byte) {
			for i, o := range offsets {
				if longLoca {
					put32(dst, 4*i, uint32(o))
				} else {
					put16(dst, 2*i, uint16(o/2))
				}
			}
		}},
		{tag: "hmtx", size: 4 * n, fill: func(dst []byte) {
			for id, g := range s.order {
				put16(dst, 4*id, f.advance(g))
				put16(dst, 4*id+2, uint16(f.lsb(g)))
			}
		}},
		{tag: "head", data: s.head(&ext, longLoca)},
		{tag: "hhea", data: s.hhea(&ext)},
		{tag: "maxp", data: s.maxp(&ext)},
		{tag: "OS/2", data: s.os2(&ext)},
		{tag: "post", data: s.post()},
		{tag: "name", data: buildName(f.name)},
	}
	for _, h := range []table{{tag: "cvt ", data: f.cvt}, {tag: "fpgm", data: f.fpgm}, {tag: "prep", data: f.prep}, {tag: "gasp", data: f.gasp}} {
		if len(h.data) > 0 {
			tables = append(tables, h)
		}
	}
	return assemble(tables), nil
}

// measure folds one glyph into the extents, as the spec defines them: bounding
// values only over glyphs that have outlines, advance over all glyphs.
func (s *subsetter) measure(e *extents, id uint16, g []byte) {
	old := s.order[id]
	adv := s.f.advance(old)
	e.advMax = max(e.advMax, adv)
	xMin, yMin, xMax, yMax, ok := bbox(g)
	if !ok {
		return
	}
	lsb := int(s.f.lsb(old))
	rsb := int(adv) - lsb - (int(xMax) - int(xMin))
	ext := lsb + int(xMax) - int(xMin)
	if !e.any {
		e.any = true
		e.xMin, e.yMin, e.xMax, e.yMax = xMin, yMin, xMax, yMax
		e.minLSB, e.minRSB, e.xMaxEx = lsb, rsb, ext
	} else {
		e.xMin, e.yMin = min(e.xMin, xMin), min(e.yMin, yMin)
		e.xMax, e.yMax = max(e.xMax, xMax), max(e.yMax, yMax)
		e.minLSB, e.minRSB, e.xMaxEx = min(e.minLSB, lsb), min(e.minRSB, rsb), max(e.xMaxEx, ext)
	}
	if nc := int(i16(g, 0)); nc > 0 && len(g) >= glyphHeaderSize+2*nc {
		e.maxContours = max(e.maxContours, nc)
		e.maxPoints = max(e.maxPoints, int(u16(g, glyphHeaderSize+2*(nc-1)))+1)
	}
}

// fillGlyf copies each glyph and renumbers composite components. visit has
// already walked every composite, so components cannot fail here.
func (s *subsetter) fillGlyf(dst []byte, offsets []int) {
	for id, g := range s.data {
		out := dst[offsets[id] : offsets[id]+len(g)]
		copy(out, g)
		if isComposite(g) {
			_ = components(out, s.order[id], func(at int, c uint16) error {
				put16(out, at, s.newID[c])
				return nil
			})
		}
	}
}

func clip16(v int) uint16 { return uint16(int16(max(-32768, min(32767, v)))) }

// head: the source header with the bounding box, loca format and (zeroed)
// checksum adjustment rewritten; the dates are kept so output is deterministic.
func (s *subsetter) head(e *extents, longLoca bool) []byte {
	h := slices.Clone(s.f.head[:headLen])
	put32(h, 8, 0)
	put16(h, 36, uint16(e.xMin))
	put16(h, 38, uint16(e.yMin))
	put16(h, 40, uint16(e.xMax))
	put16(h, 42, uint16(e.yMax))
	put16(h, 50, 0)
	if longLoca {
		put16(h, 50, 1)
	}
	put16(h, 52, 0)
	return h
}

// hhea: the source header with the glyph-derived maxima recomputed and one
// full metric per glyph (fpdf reads numberOfHMetrics*4 bytes of hmtx).
func (s *subsetter) hhea(e *extents) []byte {
	h := slices.Clone(s.f.hhea[:hheaLen])
	put16(h, 10, e.advMax)
	put16(h, 12, clip16(e.minLSB))
	put16(h, 14, clip16(e.minRSB))
	put16(h, 16, clip16(e.xMaxEx))
	clear(h[24:34]) // reserved + metricDataFormat
	put16(h, 34, uint16(len(s.order)))
	return h
}

// maxp: version 1.0 with the new glyph count. The source's other maxima stay
// valid upper bounds for a subset; a (non-conforming) 0.5 table is rebuilt.
func (s *subsetter) maxp(e *extents) []byte {
	var m []byte
	if len(s.f.maxp) >= 32 {
		m = slices.Clone(s.f.maxp[:32])
	} else {
		m = make([]byte, 32)
		put16(m, 6, uint16(e.maxPoints))
		put16(m, 8, uint16(e.maxContours))
		put16(m, 14, 2) // maxZones: 2 means the twilight zone is used (safe default)
		put16(m, 30, uint16(s.depth))
	}
	put32(m, 0, 0x00010000)
	put16(m, 4, uint16(len(s.order)))
	return m
}

// post: format 3 (no glyph names; fpdf and PDF viewers do not need them),
// keeping italic angle, underline and fixed-pitch values.
func (s *subsetter) post() []byte {
	p := make([]byte, 32)
	if len(s.f.post) >= 16 {
		copy(p[4:16], s.f.post[4:16])
	}
	put32(p, 0, 0x00030000)
	return p
}
