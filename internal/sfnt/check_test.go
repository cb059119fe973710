package sfnt

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// checkFontFile validates the container of a written font independently of
// assemble: directory order, bounds, alignment, per-table checksums, the
// whole-file checksum, and that the tables agree on the glyph count.
// It returns the tables by tag.
func checkFontFile(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	sum := func(p []byte) uint32 {
		p = append(p[:len(p):len(p)], make([]byte, (4-len(p)%4)%4)...)
		var s uint32
		for i := 0; i < len(p); i += 4 {
			s += binary.BigEndian.Uint32(p[i:])
		}
		return s
	}
	if len(b)%4 != 0 {
		t.Errorf("file length %d is not a multiple of 4", len(b))
	}
	if got := sum(b); got != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %#x, want 0xb1b0afba", got)
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	sr := 16
	for sr*2 <= 16*n {
		sr *= 2
	}
	if got := binary.BigEndian.Uint16(b[6:]); int(got) != sr {
		t.Errorf("searchRange %d, want %d", got, sr)
	}
	tables := map[string][]byte{}
	prev := ""
	for i := range n {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		cs, off, length := binary.BigEndian.Uint32(rec[4:]), int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if tag <= prev {
			t.Errorf("table %q after %q: directory not sorted", tag, prev)
		}
		prev = tag
		if off%4 != 0 || off+length > len(b) {
			t.Fatalf("table %q at %d+%d misplaced in %d bytes", tag, off, length, len(b))
		}
		data := b[off : off+length]
		if tag == "head" {
			data = bytes.Clone(data)
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		if got := sum(data); got != cs {
			t.Errorf("table %q checksum %#x, directory says %#x", tag, got, cs)
		}
		tables[tag] = b[off : off+length]
	}
	for _, req := range []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if tables[req] == nil {
			t.Errorf("required table %q missing", req)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	numGlyphs := int(binary.BigEndian.Uint16(tables["maxp"][4:]))
	if nhm := int(binary.BigEndian.Uint16(tables["hhea"][34:])); nhm != numGlyphs || len(tables["hmtx"]) != 4*nhm {
		t.Errorf("numGlyphs %d, numberOfHMetrics %d, hmtx %d bytes", numGlyphs, nhm, len(tables["hmtx"]))
	}
	locaEntry := 2 << binary.BigEndian.Uint16(tables["head"][50:])
	if len(tables["loca"]) != (numGlyphs+1)*locaEntry {
		t.Errorf("loca %d bytes for %d glyphs of %d bytes", len(tables["loca"]), numGlyphs, locaEntry)
	}
	if v := binary.BigEndian.Uint32(tables["post"]); v != 0x00030000 || len(tables["post"]) != 32 {
		t.Errorf("post version %#x length %d, want format 3, 32 bytes", v, len(tables["post"]))
	}
	return tables
}

// cmapSubtables lists (platform, encoding, format) of a cmap table.
func cmapSubtables(cmap []byte) [][3]uint16 {
	var out [][3]uint16
	for i := range int(u16(cmap, 2)) {
		rec := cmap[4+8*i:]
		out = append(out, [3]uint16{u16(rec, 0), u16(rec, 2), u16(cmap, int(u32(rec, 4)))})
	}
	return out
}

// sameGlyph checks subset glyph sg of sub draws what glyph og of orig draws:
// simple glyphs byte for byte (the subset may add up to 3 zero pad bytes),
// composites field for field with their components compared recursively.
func sameGlyph(t *testing.T, orig *Font, og uint16, sub *Font, sg uint16, depth int) {
	t.Helper()
	a, err := orig.glyph(og)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sub.glyph(sg)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < len(a) || len(b)-len(a) > 3 || !bytes.Equal(b[len(a):], make([]byte, len(b)-len(a))) {
		t.Fatalf("glyph %d -> %d: %d bytes became %d", og, sg, len(a), len(b))
	}
	b = b[:len(a)]
	if !isComposite(a) {
		if !bytes.Equal(a, b) {
			t.Fatalf("simple glyph %d -> %d: bytes differ", og, sg)
		}
		return
	}
	var ac, bc []int
	_ = components(a, og, func(at int, c uint16) error { ac = append(ac, at, int(c)); return nil })
	_ = components(b, sg, func(at int, c uint16) error { bc = append(bc, at, int(c)); return nil })
	if len(ac) != len(bc) || depth > maxComponentDepth {
		t.Fatalf("composite %d -> %d: components %v vs %v", og, sg, ac, bc)
	}
	a2, b2 := bytes.Clone(a), bytes.Clone(b)
	for i := 0; i < len(ac); i += 2 {
		put16(a2, ac[i], 0)
		put16(b2, bc[i], 0)
		sameGlyph(t, orig, uint16(ac[i+1]), sub, uint16(bc[i+1]), depth+1)
	}
	if !bytes.Equal(a2, b2) {
		t.Fatalf("composite %d -> %d: bytes other than component ids differ", og, sg)
	}
}

// checkSubset subsets runes from orig, validates the file, re-parses it and
// compares every rune's glyph and advance with the original.
func checkSubset(t *testing.T, orig *Font, runes []rune) (*Font, []byte) {
	t.Helper()
	out, err := orig.Subset(runes)
	if err != nil {
		t.Fatalf("Subset: %v", err)
	}
	tables := checkFontFile(t, out)
	sub, err := Parse(out)
	if err != nil {
		t.Fatalf("Parse(subset): %v", err)
	}
	rs := sortedUnique(runes)
	wantSubtables := [][3]uint16{{3, 1, 4}}
	if rs[len(rs)-1] > 0xFFFF {
		wantSubtables = append(wantSubtables, [3]uint16{3, 10, 12})
	}
	if got := cmapSubtables(tables["cmap"]); !slices.Equal(got, wantSubtables) {
		t.Errorf("cmap subtables %v, want %v", got, wantSubtables)
	}
	for _, r := range rs {
		sg := sub.GlyphIndex(r)
		if sg == 0 {
			t.Fatalf("subset lacks %U", r)
		}
		if sub.Advance(r) != orig.Advance(r) {
			t.Errorf("Advance(%U) = %d, original %d", r, sub.Advance(r), orig.Advance(r))
		}
		if sub.lsb(sg) != orig.lsb(orig.GlyphIndex(r)) {
			t.Errorf("lsb(%U) changed", r)
		}
		sameGlyph(t, orig, orig.GlyphIndex(r), sub, sg, 0)
	}
	sameGlyph(t, orig, 0, sub, 0, 0)
	if sub.UnitsPerEm() != orig.UnitsPerEm() || sub.Ascent() != orig.Ascent() || sub.Descent() != orig.Descent() || sub.Family() != orig.Family() || sub.Name() != orig.Name() {
		t.Errorf("subset metrics/names changed: %d %d %d %q %q", sub.UnitsPerEm(), sub.Ascent(), sub.Descent(), sub.Family(), sub.Name())
	}
	return sub, out
}

// dirEntry finds the table record for tag in a font's directory.
func dirEntry(t *testing.T, b []byte, tag string) int {
	t.Helper()
	for i := range int(u16(b, 4)) {
		if string(b[12+16*i:16+16*i]) == tag {
			return 12 + 16*i
		}
	}
	t.Fatalf("no %q table", tag)
	return 0
}
