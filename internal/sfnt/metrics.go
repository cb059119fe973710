package sfnt

// readMetrics decodes and sanity-checks the head, maxp, hhea, hmtx and loca
// values every later lookup relies on, so that those lookups can index the
// tables without re-checking.
func (f *Font) readMetrics() error {
	if m := u32(f.head, 12); m != 0x5F0F3CF5 {
		return errorf(ErrNotFont, "'head' table has magic number %#08x, want 0x5f0f3cf5", m)
	}
	f.unitsPerEm = int(u16(f.head, 18))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return errorf(ErrNotFont, "unitsPerEm %d is outside 16..16384", f.unitsPerEm)
	}
	switch u16(f.head, 50) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return errorf(ErrNotFont, "unknown 'loca' format %d", u16(f.head, 50))
	}
	f.numGlyphs = int(u16(f.maxp, 4))
	if f.numGlyphs == 0 {
		return errorf(ErrNotFont, "'maxp' says the font has no glyphs")
	}
	entry := 2
	if f.longLoca {
		entry = 4
	}
	if need := (f.numGlyphs + 1) * entry; len(f.loca) < need {
		return errorf(ErrTruncated, "'loca' is %d bytes, %d glyphs need %d", len(f.loca), f.numGlyphs, need)
	}
	if u16(f.hhea, 32) != 0 {
		return errorf(ErrUnsupported, "unknown horizontal metric format %d", u16(f.hhea, 32))
	}
	// Some producers write numberOfHMetrics > numGlyphs; the extra entries are
	// unreachable, so clamp rather than reject.
	f.numHMetrics = min(int(u16(f.hhea, 34)), f.numGlyphs)
	if f.numHMetrics == 0 {
		return errorf(ErrNotFont, "'hhea' declares no horizontal metrics")
	}
	if need := 4 * f.numHMetrics; len(f.hmtx) < need {
		return errorf(ErrTruncated, "'hmtx' is %d bytes, %d metrics need %d", len(f.hmtx), f.numHMetrics, need)
	}

	// hhea is what fpdf and most rasterisers use for the line box; the OS/2
	// typo values are the spec's fallback when a producer left hhea zeroed.
	f.ascent, f.descent = int(i16(f.hhea, 4)), int(i16(f.hhea, 6))
	if f.ascent == 0 && f.descent == 0 && len(f.os2) >= 72 {
		f.ascent, f.descent = int(i16(f.os2, 68)), int(i16(f.os2, 70))
	}
	if f.descent > 0 { // a few old fonts store the descender as a positive distance
		f.descent = -f.descent
	}
	return nil
}

// UnitsPerEm is the size of the em square in font units (usually 1000 or 2048).
func (f *Font) UnitsPerEm() int { return f.unitsPerEm }

// NumGlyphs is the number of glyphs in the font, including .notdef.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// Name is the full font name (nameID 4, falling back to the family name).
func (f *Font) Name() string { return f.fullName }

// Family is the font family name (nameID 1).
func (f *Font) Family() string { return f.family }

// Ascent is the typographic ascender in font units (positive).
func (f *Font) Ascent() int { return f.ascent }

// Descent is the typographic descender in font units (negative or zero).
func (f *Font) Descent() int { return f.descent }

// HasRune reports whether the font maps r to a real glyph.
func (f *Font) HasRune(r rune) bool { return f.GlyphIndex(r) != 0 }

// Advance is r's advance width in font units, or 0 if the font lacks r.
func (f *Font) Advance(r rune) int {
	g := f.GlyphIndex(r)
	if g == 0 {
		return 0
	}
	return int(f.advance(g))
}

// GlyphAdvance is glyph g's advance width in font units (g from GlyphIndex).
func (f *Font) GlyphAdvance(g uint16) int {
	if int(g) >= f.numGlyphs {
		return 0
	}
	return int(f.advance(g))
}

// advance reads glyph g's advance width; glyphs past numberOfHMetrics share
// the last entry's width (the usual monospaced-tail compression).
func (f *Font) advance(g uint16) uint16 {
	i := min(int(g), f.numHMetrics-1)
	return u16(f.hmtx, 4*i)
}

// lsb reads glyph g's left side bearing. A short leftSideBearing array (seen
// in broken fonts) yields 0 rather than an error: it only matters to hinting.
func (f *Font) lsb(g uint16) int16 {
	if int(g) < f.numHMetrics {
		return i16(f.hmtx, 4*int(g)+2)
	}
	off := 4*f.numHMetrics + 2*(int(g)-f.numHMetrics)
	if off+2 > len(f.hmtx) {
		return 0
	}
	return i16(f.hmtx, off)
}

// Coverage reports how many of the distinct runes in runes the font has, and
// which distinct runes it lacks, in ascending order.
func (f *Font) Coverage(runes []rune) (have int, missing []rune) {
	for _, r := range sortedUnique(runes) {
		if f.GlyphIndex(r) != 0 {
			have++
		} else {
			missing = append(missing, r)
		}
	}
	return have, missing
}
