package sfnt

// Composite glyph flags (OpenType 'glyf' spec).
const (
	argsAreWords    = 0x0001
	weHaveScale     = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHaveTwoByTwo  = 0x0080
	glyphHeaderSize = 10
	// maxComponentDepth bounds composite nesting. Real fonts use 1-3 levels;
	// the bound turns a hostile or cyclic font into an error, not a hang.
	maxComponentDepth = 16
)

// glyph returns glyph g's bytes from 'glyf' as delimited by 'loca' (possibly
// empty: spaces have no outline).
func (f *Font) glyph(g uint16) ([]byte, error) {
	var start, end int
	if f.longLoca {
		start, end = int(u32(f.loca, 4*int(g))), int(u32(f.loca, 4*int(g)+4))
	} else {
		start, end = 2*int(u16(f.loca, 2*int(g))), 2*int(u16(f.loca, 2*int(g)+2))
	}
	if start > end {
		return nil, errorf(ErrNotFont, "glyph %d: 'loca' offsets %d..%d run backwards", g, start, end)
	}
	if end > len(f.glyf) {
		return nil, errorf(ErrTruncated, "glyph %d: 'loca' offset %d lies past the %d-byte 'glyf' table", g, end, len(f.glyf))
	}
	if end > start && end-start < glyphHeaderSize {
		return nil, errorf(ErrNotFont, "glyph %d is %d bytes, shorter than a glyph header", g, end-start)
	}
	return f.glyf[start:end:end], nil
}

// isComposite reports whether glyph data describes a composite glyph
// (numberOfContours < 0).
func isComposite(g []byte) bool { return len(g) >= glyphHeaderSize && g[0]&0x80 != 0 }

// components calls fn with the byte offset of each component's glyphIndex
// field and the index itself. It checks every field lies inside g, so callers
// can patch indexes in place without further checks.
func components(g []byte, gid uint16, fn func(at int, comp uint16) error) error {
	at := glyphHeaderSize
	for {
		if at+4 > len(g) {
			return errorf(ErrTruncated, "composite glyph %d: component record at byte %d runs past its %d bytes", gid, at, len(g))
		}
		flags := u16(g, at)
		if err := fn(at+2, u16(g, at+2)); err != nil {
			return err
		}
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&weHaveScale != 0:
			at += 2
		case flags&weHaveXYScale != 0:
			at += 4
		case flags&weHaveTwoByTwo != 0:
			at += 8
		}
		if at > len(g) {
			return errorf(ErrTruncated, "composite glyph %d: component arguments run past its %d bytes", gid, len(g))
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// bbox reads a glyph header's bounding box; ok is false for empty glyphs.
func bbox(g []byte) (xMin, yMin, xMax, yMax int16, ok bool) {
	if len(g) < glyphHeaderSize {
		return 0, 0, 0, 0, false
	}
	return i16(g, 2), i16(g, 4), i16(g, 6), i16(g, 8), true
}
