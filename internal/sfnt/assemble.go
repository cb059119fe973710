package sfnt

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
)

// table is one table of a font being written: either ready-made data, or a
// size and a fill function that writes straight into the output buffer (used
// for glyf, loca and hmtx so the bulk of the font is copied only once).
type table struct {
	tag  string
	data []byte
	size int
	fill func(dst []byte)
}

func put16(b []byte, i int, v uint16) { binary.BigEndian.PutUint16(b[i:], v) }
func put32(b []byte, i int, v uint32) { binary.BigEndian.PutUint32(b[i:], v) }

func pad4(n int) int { return (n + 3) &^ 3 }

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the tail padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	i := 0
	for ; i+8 <= len(b); i += 8 {
		v := binary.BigEndian.Uint64(b[i:])
		sum += uint32(v>>32) + uint32(v)
	}
	for ; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// assemble lays out a TrueType file: header, table directory sorted by tag
// (required for binary search by readers), then each table 4-byte aligned and
// zero-padded, with per-table checksums and head.checkSumAdjustment set so
// the whole file sums to 0xB1B0AFBA.
func assemble(tables []table) []byte {
	slices.SortFunc(tables, func(a, b table) int { return strings.Compare(a.tag, b.tag) })
	n := len(tables)
	dirLen := 12 + 16*n
	total := dirLen
	for i := range tables {
		if tables[i].fill == nil {
			tables[i].size = len(tables[i].data)
		}
		total += pad4(tables[i].size)
	}
	out := make([]byte, total)
	put32(out, 0, tagTrueType1)
	entrySelector := bits.Len(uint(n)) - 1
	searchRange := 16 << entrySelector
	put16(out, 4, uint16(n))
	put16(out, 6, uint16(searchRange))
	put16(out, 8, uint16(entrySelector))
	put16(out, 10, uint16(16*n-searchRange))

	var sum uint32
	headAt := -1
	off := dirLen
	for i, t := range tables {
		dst := out[off : off+t.size]
		if t.fill != nil {
			t.fill(dst)
		} else {
			copy(dst, t.data)
		}
		if t.tag == "head" {
			put32(dst, 8, 0) // the head checksum is taken with the adjustment zeroed
			headAt = off
		}
		cs := checksum(out[off : off+pad4(t.size)])
		rec := out[12+16*i:]
		copy(rec, t.tag)
		put32(rec, 4, cs)
		put32(rec, 8, uint32(off))
		put32(rec, 12, uint32(t.size))
		sum += cs
		off += pad4(t.size)
	}
	sum += checksum(out[:dirLen])
	if headAt >= 0 {
		put32(out, headAt+8, 0xB1B0AFBA-sum)
	}
	return out
}
