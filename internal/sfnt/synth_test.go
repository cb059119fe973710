package sfnt

import (
	"encoding/binary"
	"slices"
	"unicode/utf16"
)

// Synthetic fonts built in test code, so the error paths, the composite and
// format 12 handling and a basic subset run on every machine, with no font
// files installed.

// synthGlyph is one glyph of a synthetic font: a simple polygon, a composite,
// or empty (space).
type synthGlyph struct {
	r       rune // 0: not in the cmap
	advance uint16
	lsb     int16
	points  [][2]int16 // simple glyph, one closed contour of on-curve points
	comps   []uint16   // composite glyph: component glyph ids
}

type synthOptions struct {
	cmap4, cmap12 bool   // which Unicode subtables to write
	longLoca      bool   // loca format 1
	monoTail      int    // glyphs at the end sharing the last advance (numberOfHMetrics < numGlyphs)
	cyclic        bool   // add a composite glyph (U+2603) that contains itself
	noOS2, noPost bool   // leave optional tables out
	chineseOnly   bool   // name table with only a zh-CN Windows record
	extra         []byte // an extra 'CFF ' table, for the CFF-without-glyf case
	dropGlyf      bool
}

var defaultSynth = synthOptions{cmap4: true, cmap12: true}

func synthGlyphs(o synthOptions) []synthGlyph {
	box := [][2]int16{{50, 0}, {50, 700}, {450, 700}, {450, 0}}
	gs := []synthGlyph{
		{advance: 500, lsb: 50, points: box},                                                // 0 .notdef
		{r: 'A', advance: 600, lsb: 10, points: [][2]int16{{10, 0}, {300, 700}, {590, 0}}},  // 1
		{r: 'B', advance: 620, lsb: 80, points: [][2]int16{{80, 0}, {80, 700}, {500, 350}}}, // 2
		{r: ' ', advance: 250}, // 3 empty
		{advance: 0, lsb: 200, points: [][2]int16{{200, 750}, {300, 850}, {400, 750}}},                          // 4 accent, unmapped
		{r: 'Á', advance: 600, lsb: 10, comps: []uint16{1, 4}},                                                  // 5 composite
		{r: '中', advance: 1000, lsb: 100, points: [][2]int16{{100, -100}, {100, 800}, {900, 800}, {900, -100}}}, // 6
		{r: '𠮷', advance: 1000, lsb: 60, points: [][2]int16{{60, -80}, {500, 820}, {940, -80}}},                 // 7
		{r: 'Ǻ', advance: 600, lsb: 10, comps: []uint16{5, 4}},                                                  // 8 nested composite
		{r: '一', advance: 1000, lsb: 40, points: [][2]int16{{40, 300}, {40, 400}, {960, 400}, {960, 300}}},      // 9
		{r: '丁', advance: 1000, lsb: 40, points: [][2]int16{{40, 600}, {40, 700}, {960, 700}, {960, 600}}},      // 10
	}
	if o.cyclic {
		gs = append(gs, synthGlyph{r: '☃', advance: 1000, comps: []uint16{uint16(len(gs))}})
	}
	return gs
}

func be16(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }
func be32(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }

func (g synthGlyph) bytes(all []synthGlyph) []byte {
	switch {
	case g.points != nil:
		xMin, yMin, xMax, yMax := g.points[0][0], g.points[0][1], g.points[0][0], g.points[0][1]
		for _, p := range g.points {
			xMin, yMin, xMax, yMax = min(xMin, p[0]), min(yMin, p[1]), max(xMax, p[0]), max(yMax, p[1])
		}
		b := be16(nil, 1)
		for _, v := range []int16{xMin, yMin, xMax, yMax} {
			b = be16(b, uint16(v))
		}
		b = be16(b, uint16(len(g.points)-1)) // endPtsOfContours
		b = be16(b, 0)                       // no instructions
		for range g.points {
			b = append(b, 0x01) // on curve, x and y as int16 deltas
		}
		var last [2]int16
		for axis := range 2 {
			last[axis] = 0
			for _, p := range g.points {
				b = be16(b, uint16(p[axis]-last[axis]))
				last[axis] = p[axis]
			}
		}
		return b
	case g.comps != nil:
		b := be16(nil, 0xFFFF) // numberOfContours -1
		b = append(b, make([]byte, 8)...)
		for i, c := range g.comps {
			flags := uint16(argsAreWords | 0x0002) // ARGS_ARE_XY_VALUES
			if i < len(g.comps)-1 {
				flags |= moreComponents
			}
			b = be16(b, flags)
			b = be16(b, c)
			b = be16(b, 0)
			b = be16(b, uint16(i*10))
		}
		// bbox: copy the first component's (good enough for tests)
		if c := all[g.comps[0]]; c.points != nil {
			copy(b[2:10], c.bytes(all)[2:10])
		}
		return b
	}
	return nil
}

// buildSynth makes a small but complete TrueType font.
func buildSynth(o synthOptions) []byte {
	gs := synthGlyphs(o)
	n := len(gs)
	var glyf, loca []byte
	var offs []int
	for _, g := range gs {
		offs = append(offs, len(glyf))
		glyf = append(glyf, g.bytes(gs)...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	offs = append(offs, len(glyf))
	for _, off := range offs {
		if o.longLoca {
			loca = be32(loca, uint32(off))
		} else {
			loca = be16(loca, uint16(off/2))
		}
	}
	nhm := n - o.monoTail
	var hmtx []byte
	for i, g := range gs {
		if i < nhm {
			hmtx = be16(hmtx, g.advance)
		}
		hmtx = be16(hmtx, uint16(g.lsb))
	}
	head := make([]byte, 54)
	put32(head, 0, 0x00010000)
	put32(head, 12, 0x5F0F3CF5)
	put16(head, 18, 1000)
	put16(head, 36, uint16(0xFFFF-99)) // xMin -100
	put16(head, 40, 1000)
	put16(head, 42, 900)
	if o.longLoca {
		put16(head, 50, 1)
	}
	hhea := make([]byte, 36)
	put32(hhea, 0, 0x00010000)
	put16(hhea, 4, 880)
	put16(hhea, 6, uint16(0xFFFF-119)) // -120
	put16(hhea, 34, uint16(nhm))
	maxp := make([]byte, 32)
	put32(maxp, 0, 0x00010000)
	put16(maxp, 4, uint16(n))
	put16(maxp, 6, 8)
	put16(maxp, 8, 2)
	put16(maxp, 14, 1)

	tables := []table{
		{tag: "head", data: head}, {tag: "hhea", data: hhea}, {tag: "maxp", data: maxp},
		{tag: "hmtx", data: hmtx}, {tag: "loca", data: loca}, {tag: "glyf", data: glyf},
		{tag: "cmap", data: synthCmap(gs, o)}, {tag: "name", data: synthName(o)},
	}
	if !o.noOS2 {
		os2 := make([]byte, 96)
		put16(os2, 0, 4)
		put16(os2, 4, 400)
		put16(os2, 68, 800)
		put16(os2, 70, uint16(0xFFFF-199))
		put16(os2, 88, 700)
		tables = append(tables, table{tag: "OS/2", data: os2})
	}
	if !o.noPost {
		post := make([]byte, 32)
		put32(post, 0, 0x00030000)
		put16(post, 8, uint16(0xFFFF-99))
		put16(post, 10, 50)
		tables = append(tables, table{tag: "post", data: post})
	}
	if o.extra != nil {
		tables = append(tables, table{tag: "CFF ", data: o.extra})
	}
	if o.dropGlyf {
		tables = slices.DeleteFunc(tables, func(t table) bool { return t.tag == "glyf" || t.tag == "loca" })
	}
	return assemble(tables)
}

func synthCmap(gs []synthGlyph, o synthOptions) []byte {
	var m []runeGlyph
	for i, g := range gs {
		if g.r != 0 {
			m = append(m, runeGlyph{g.r, uint16(i)})
		}
	}
	slices.SortFunc(m, func(a, b runeGlyph) int { return int(a.r - b.r) })
	full, err := buildCmap(m) // (3,1) format 4 then (3,10) format 12
	if err != nil {
		panic(err)
	}
	sub4 := full[int(u32(full, 8)):int(u32(full, 16))]
	sub12 := full[int(u32(full, 16)):]
	var recs [][3]uint32
	var body []byte
	n := 0
	if o.cmap4 {
		n++
	}
	if o.cmap12 {
		n++
	}
	at := uint32(4 + 8*n)
	if o.cmap4 {
		recs = append(recs, [3]uint32{3, 1, at})
		body = append(body, sub4...)
		at += uint32(len(sub4))
	}
	if o.cmap12 {
		recs = append(recs, [3]uint32{3, 10, at})
		body = append(body, sub12...)
	}
	out := be16(be16(nil, 0), uint16(n))
	for _, r := range recs {
		out = be32(be16(be16(out, uint16(r[0])), uint16(r[1])), r[2])
	}
	return append(out, body...)
}

func synthName(o synthOptions) []byte {
	type rec struct {
		lang, id uint16
		s        string
	}
	recs := []rec{{0x409, 1, "Synth Sans"}, {0x409, 2, "Regular"}, {0x409, 4, "Synth Sans Regular"}, {0x409, 6, "SynthSans-Regular"},
		{0x804, 1, "合成黑体"}, {0x804, 4, "合成黑体 常规𠮷"}}
	if o.chineseOnly {
		recs = recs[4:]
	}
	out := be16(be16(be16(nil, 0), uint16(len(recs))), uint16(6+12*len(recs)))
	var storage []byte
	for _, r := range recs {
		s := utf16.Encode([]rune(r.s))
		out = be16(be16(be16(be16(out, 3), 1), r.lang), r.id)
		out = be16(be16(out, uint16(2*len(s))), uint16(len(storage)))
		for _, u := range s {
			storage = be16(storage, u)
		}
	}
	return append(out, storage...)
}
