package sfnt

// cmapSubtable is the one Unicode subtable lookups use. It is searched in
// place (binary search over the font's own bytes) instead of being expanded
// into a map: a CJK cmap has ~30 000 entries, and expanding it is most of what
// makes fpdf's parser slow and allocation-heavy.
type cmapSubtable struct {
	format uint16 // 4 or 12
	// data runs from the subtable's start to the end of the cmap table. The
	// subtable's own length field is not trusted: format 4's is only 16 bits
	// and big CJK fonts overflow it.
	data  []byte
	count int // format 4: segCount; format 12: numGroups
}

// selectCmap picks the best Unicode subtable: format 12 (full repertoire,
// needed above U+FFFF) over format 4 (BMP only). Symbol (3,0) and legacy CJK
// encodings are not Unicode and are refused.
func selectCmap(cmap []byte) (cmapSubtable, error) {
	var best cmapSubtable
	bestRank := 0
	n := int(u16(cmap, 2))
	if 4+8*n > len(cmap) {
		return best, errorf(ErrTruncated, "'cmap' lists %d subtables but is only %d bytes", n, len(cmap))
	}
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding, off := u16(rec, 0), u16(rec, 2), int64(u32(rec, 4))
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || off+4 > int64(len(cmap)) {
			continue
		}
		st := cmapSubtable{format: u16(cmap, int(off)), data: cmap[off:]}
		rank := 0
		switch st.format {
		case 4:
			if len(st.data) >= 14 {
				st.count = int(u16(st.data, 6) / 2)
				if 16+8*st.count <= len(st.data) {
					rank = 1
				}
			}
		case 12:
			if len(st.data) >= 16 {
				groups := int64(u32(st.data, 12))
				if 16+12*groups <= int64(len(st.data)) {
					st.count, rank = int(groups), 2
				}
			}
		}
		if rank > bestRank {
			best, bestRank = st, rank
		}
	}
	if bestRank == 0 {
		return best, errorf(ErrUnsupported, "no usable Unicode 'cmap' subtable (format 4 or 12); symbol and legacy-encoded fonts are not supported")
	}
	return best, nil
}

// GlyphIndex returns the glyph id for r, or 0 (.notdef) when the font lacks it.
// Lookups binary-search the font's own cmap bytes, so they allocate nothing.
// Surrogates, U+FFFF and values outside Unicode always give 0.
func (f *Font) GlyphIndex(r rune) uint16 {
	if r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFF {
		return 0
	}
	var g uint32
	switch f.cmap.format {
	case 4:
		if r <= 0xFFFF {
			g = f.cmap.lookup4(uint32(r))
		}
	case 12:
		g = f.cmap.lookup12(uint32(r))
	}
	if g >= uint32(f.numGlyphs) { // a cmap pointing past the font is treated as missing
		return 0
	}
	return uint16(g)
}

func (c *cmapSubtable) lookup4(r uint32) uint32 {
	d, n := c.data, c.count
	endCodes, startCodes := 14, 16+2*n
	deltas, rangeOffs := 16+4*n, 16+6*n
	// First segment whose endCode >= r.
	lo, hi := 0, n
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); uint32(u16(d, endCodes+2*m)) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo
	if i == n {
		return 0
	}
	start := uint32(u16(d, startCodes+2*i))
	if r < start {
		return 0
	}
	delta := uint32(u16(d, deltas+2*i))
	ro := int(u16(d, rangeOffs+2*i))
	if ro == 0 {
		return (r + delta) & 0xFFFF
	}
	// idRangeOffset is relative to its own position in the array.
	at := rangeOffs + 2*i + ro + 2*int(r-start)
	if at+2 > len(d) {
		return 0
	}
	g := uint32(u16(d, at))
	if g == 0 {
		return 0
	}
	return (g + delta) & 0xFFFF
}

func (c *cmapSubtable) lookup12(r uint32) uint32 {
	d := c.data
	// First group whose endCharCode >= r.
	lo, hi := 0, c.count
	for lo < hi {
		if m := int(uint(lo+hi) >> 1); u32(d, 16+12*m+4) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo
	if i == c.count {
		return 0
	}
	grp := 16 + 12*i
	start := u32(d, grp)
	if r < start {
		return 0
	}
	g := uint64(u32(d, grp+8)) + uint64(r-start)
	if g > 0xFFFF {
		return 0
	}
	return uint32(g)
}
