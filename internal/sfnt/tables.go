package sfnt

import (
	"bytes"
	"cmp"
	"slices"
)

// cmapRun is a run of consecutive runes mapped to consecutive glyphs.
type cmapRun struct {
	start, end rune
	glyph      uint16 // glyph of start
}

func runsOf(m []runeGlyph, limit rune) []cmapRun {
	var runs []cmapRun
	for _, rg := range m {
		if rg.r > limit {
			break
		}
		if k := len(runs) - 1; k >= 0 && runs[k].end+1 == rg.r && int(runs[k].glyph)+int(rg.r-runs[k].start) == int(rg.g) {
			runs[k].end = rg.r
			continue
		}
		runs = append(runs, cmapRun{rg.r, rg.r, rg.g})
	}
	return runs
}

// buildCmap writes a (3,1) format 4 subtable — the one fpdf requires — and,
// only when a rune lies above U+FFFF, a (3,10) format 12 subtable as well.
// Each run becomes one idDelta segment; glyph ids were assigned in rune order
// so a run of consecutive characters costs 8 bytes however long it is.
func buildCmap(m []runeGlyph) ([]byte, error) {
	bmp := runsOf(m, 0xFFFF)
	segs := len(bmp) + 1 // plus the mandatory final 0xFFFF segment
	len4 := 16 + 8*segs
	if len4 > 0xFFFF {
		return nil, errorf(ErrUnsupported, "%d separate character ranges do not fit a format 4 cmap", len(bmp))
	}
	var all []cmapRun
	if len(m) > 0 && m[len(m)-1].r > 0xFFFF {
		all = runsOf(m, 0x10FFFF)
	}
	nSub := 1
	if all != nil {
		nSub = 2
	}
	hdr := 4 + 8*nSub
	len12 := 0
	if all != nil {
		len12 = 16 + 12*len(all)
	}
	out := make([]byte, hdr+len4+len12)
	put16(out, 2, uint16(nSub))
	put16(out, 4, 3)
	put16(out, 6, 1)
	put32(out, 8, uint32(hdr))

	t := out[hdr : hdr+len4]
	put16(t, 0, 4)
	put16(t, 2, uint16(len4))
	put16(t, 6, uint16(2*segs))
	sel := 0
	for 2<<sel <= segs {
		sel++
	}
	put16(t, 8, uint16(2<<sel))                      // searchRange = 2 * 2^floor(log2 segs)
	put16(t, 10, uint16(sel))                        // entrySelector
	put16(t, 12, uint16(2*segs-(2<<sel)))            // rangeShift
	ends, starts, deltas := 14, 16+2*segs, 16+4*segs // idRangeOffset stays all zero
	for i, r := range bmp {
		put16(t, ends+2*i, uint16(r.end))
		put16(t, starts+2*i, uint16(r.start))
		put16(t, deltas+2*i, r.glyph-uint16(r.start))
	}
	last := segs - 1
	put16(t, ends+2*last, 0xFFFF)
	put16(t, starts+2*last, 0xFFFF)
	put16(t, deltas+2*last, 1) // 0xFFFF + 1 wraps to .notdef

	if all != nil {
		put16(out, 12, 3)
		put16(out, 14, 10)
		put32(out, 16, uint32(hdr+len4))
		t := out[hdr+len4:]
		put16(t, 0, 12)
		put32(t, 4, uint32(len12))
		put32(t, 12, uint32(len(all)))
		for i, r := range all {
			put32(t, 16+12*i, uint32(r.start))
			put32(t, 20+12*i, uint32(r.end))
			put32(t, 24+12*i, uint32(r.glyph))
		}
	}
	return out, nil
}

// keptNames are the name IDs worth embedding: copyright, family/style/full/
// unique/version/PostScript names, licence text and URL, typographic names.
var keptNames = [...]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 13: true, 14: true, 16: true, 17: true}

// buildName writes a format 0 'name' table with the records above, sorted as
// the spec requires, identical strings stored once. Platform-specific records
// (Windows, Mac, Unicode) are kept as they were; a font without any gets an
// empty but valid table, which is all fpdf needs.
func buildName(src []byte) []byte {
	var recs []nameRecord
	for _, r := range nameRecords(src) {
		if int(r.id) < len(keptNames) && keptNames[r.id] && r.platform <= 3 && r.platform != 2 && len(r.raw) > 0 {
			recs = append(recs, r)
		}
	}
	slices.SortStableFunc(recs, func(a, b nameRecord) int {
		return cmp.Or(cmp.Compare(a.platform, b.platform), cmp.Compare(a.encoding, b.encoding),
			cmp.Compare(a.language, b.language), cmp.Compare(a.id, b.id))
	})
	recs = slices.CompactFunc(recs, func(a, b nameRecord) bool {
		return a.platform == b.platform && a.encoding == b.encoding && a.language == b.language && a.id == b.id
	})
	var storage []byte
	offsets := make([]int, len(recs))
	kept := recs[:0]
	for _, r := range recs {
		off := bytes.Index(storage, r.raw)
		if off < 0 {
			if len(storage)+len(r.raw) > 0xFFFF {
				continue
			}
			off = len(storage)
			storage = append(storage, r.raw...)
		}
		offsets[len(kept)] = off
		kept = append(kept, r)
	}
	hdr := 6 + 12*len(kept)
	out := make([]byte, hdr, hdr+len(storage))
	put16(out, 2, uint16(len(kept)))
	put16(out, 4, uint16(hdr))
	for i, r := range kept {
		rec := out[6+12*i:]
		put16(rec, 0, r.platform)
		put16(rec, 2, r.encoding)
		put16(rec, 4, r.language)
		put16(rec, 6, r.id)
		put16(rec, 8, uint16(len(r.raw)))
		put16(rec, 10, uint16(offsets[i]))
	}
	return append(out, storage...)
}

// os2 copies the source OS/2 table, trimmed to the length its version defines
// (fpdf reads sCapHeight only when version > 1, so version and length must
// agree), with the first/last character indexes updated. fsType, the
// embedding permission, is deliberately kept as the font's licence states it.
// A font without a usable OS/2 gets a version 4 table derived from hhea.
func (s *subsetter) os2(e *extents) []byte {
	src := s.f.os2
	var o []byte
	if len(src) >= 78 {
		v := u16(src, 0)
		switch {
		case v >= 5 && len(src) >= 100:
			o, v = slices.Clone(src[:100]), 5
		case v >= 2 && len(src) >= 96:
			o, v = slices.Clone(src[:96]), min(v, 4)
		case v >= 1 && len(src) >= 86:
			o, v = slices.Clone(src[:86]), 1
		default:
			o, v = slices.Clone(src[:78]), 0
		}
		put16(o, 0, v)
	} else {
		o = s.synthOS2(e)
	}
	first, last := uint16(0), uint16(0)
	if len(s.cmap) > 0 {
		first = uint16(min(s.cmap[0].r, 0xFFFF))
		last = uint16(min(s.cmap[len(s.cmap)-1].r, 0xFFFF))
	}
	put16(o, 64, first)
	put16(o, 66, last)
	return o
}

// synthOS2 derives a minimal version 4 OS/2 table from head and hhea.
func (s *subsetter) synthOS2(e *extents) []byte {
	f := s.f
	o := make([]byte, 96)
	put16(o, 0, 4)
	var sum int
	for _, g := range s.order {
		sum += int(f.advance(g))
	}
	put16(o, 2, clip16(sum/len(s.order)))
	bold := u16(f.head, 44)&1 != 0
	weight, selection := uint16(400), uint16(0x40) // REGULAR
	if bold {
		weight, selection = 700, 0x20 // BOLD
	}
	put16(o, 4, weight)
	put16(o, 6, 5) // usWidthClass: medium
	put16(o, 26, uint16(f.unitsPerEm/20))
	put16(o, 28, uint16(f.unitsPerEm/4))
	put16(o, 62, selection)
	put16(o, 68, clip16(f.ascent))
	put16(o, 70, clip16(f.descent))
	put16(o, 72, uint16(i16(f.hhea, 8)))
	put16(o, 74, uint16(max(0, f.ascent, int(e.yMax))))
	put16(o, 76, uint16(max(0, -f.descent, -int(e.yMin))))
	put16(o, 88, clip16(f.ascent)) // sCapHeight unknown: fpdf's own fallback
	return o
}
