package sfnt

import (
	"encoding/binary"
	"fmt"
)

// Font is a parsed TrueType font. It holds sub-slices of the caller's data and a
// handful of decoded header values; nothing is indexed eagerly, so Parse stays
// cheap even for 15 MB CJK fonts. It is never modified after Parse, which is
// what makes concurrent GlyphIndex/Subset calls safe.
type Font struct {
	data []byte

	// Raw tables (nil when absent). Parse has checked that each lies inside
	// data and that the fixed-size ones are long enough.
	head, hhea, maxp, hmtx, loca, glyf []byte
	os2, post, name, tableCmap         []byte
	cvt, fpgm, prep, gasp              []byte // hinting: kept so glyph instructions still work

	cmap cmapSubtable

	unitsPerEm      int
	numGlyphs       int
	numHMetrics     int
	longLoca        bool
	ascent, descent int
	fullName        string
	family          string
}

// sfnt header tags.
const (
	tagTrueType1 = 0x00010000
	tagTrueType2 = 0x74727565 // 'true' (old Apple TrueType)
	tagOTTO      = 0x4F54544F // 'OTTO' OpenType/CFF
	tagTTCF      = 0x74746366 // 'ttcf' collection
	tagWOFF      = 0x774F4646 // 'wOFF'
	tagWOF2      = 0x774F4632 // 'wOF2'
)

// Fixed sizes of the headers we read, per the OpenType spec.
const (
	headLen = 54
	hheaLen = 36
	maxpMin = 6 // version 0.5; TrueType fonts normally carry the 32-byte 1.0
)

func u16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }
func i16(b []byte, i int) int16  { return int16(binary.BigEndian.Uint16(b[i:])) }
func u32(b []byte, i int) uint32 { return binary.BigEndian.Uint32(b[i:]) }

// Parse reads a TrueType font from data. data is retained, not copied, and must
// not be modified afterwards. Parse never panics; its errors wrap ErrCFF,
// ErrCollection, ErrTruncated, ErrNotFont or ErrUnsupported.
func Parse(data []byte) (*Font, error) {
	if err := checkHeader(data); err != nil {
		return nil, err
	}
	f := &Font{data: data}
	if err := f.readDirectory(); err != nil {
		return nil, err
	}
	if err := f.readMetrics(); err != nil {
		return nil, err
	}
	cm, err := selectCmap(f.tableCmap)
	if err != nil {
		return nil, err
	}
	f.cmap = cm
	f.fullName, f.family = parseNames(f.name)
	return f, nil
}

// checkHeader recognises the first four bytes so that the common wrong inputs
// (an .otf, a .ttc, a web font, a PDF or HTML page) get a useful message.
func checkHeader(data []byte) error {
	if len(data) == 0 {
		return errorf(ErrNotFont, "no data (0 bytes)")
	}
	if len(data) < 4 {
		for _, t := range []string{"\x00\x01\x00\x00", "true", "OTTO", "ttcf"} {
			if t[:len(data)] == string(data) {
				return errorf(ErrTruncated, "only %d bytes", len(data))
			}
		}
		return errorf(ErrNotFont, "only %d bytes", len(data))
	}
	switch u32(data, 0) {
	case tagTrueType1, tagTrueType2:
		if len(data) < 12 {
			return errorf(ErrTruncated, "only %d bytes, the header alone needs 12", len(data))
		}
		return nil
	case tagOTTO:
		return fmt.Errorf("sfnt: %w", ErrCFF)
	case tagTTCF:
		return fmt.Errorf("sfnt: %w", ErrCollection)
	case tagWOFF, tagWOF2:
		return errorf(ErrUnsupported, "this is a WOFF/WOFF2 web font; decompress it to a .ttf first")
	}
	return errorf(ErrNotFont, "unrecognised file signature %q", data[:4])
}

// readDirectory locates the tables. Every record is bounds-checked, not only
// the ones we use: a record running past the end is the surest sign of a
// truncated download, and we would rather say so than fail later on.
func (f *Font) readDirectory() error {
	data := f.data
	n := int(u16(data, 4))
	if n == 0 {
		return errorf(ErrNotFont, "the table directory is empty")
	}
	if end := 12 + 16*n; end > len(data) {
		return errorf(ErrTruncated, "table directory of %d entries needs %d bytes, file has %d", n, end, len(data))
	}
	var hasCFF bool
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(u32(rec, 8)), uint64(u32(rec, 12))
		if off+length > uint64(len(data)) {
			return errorf(ErrTruncated, "table %q at offset %d, length %d runs past the end of the %d-byte file", tag, off, length, len(data))
		}
		t := data[off : off+length : off+length]
		var dst *[]byte
		switch tag {
		case "head":
			dst = &f.head
		case "hhea":
			dst = &f.hhea
		case "maxp":
			dst = &f.maxp
		case "hmtx":
			dst = &f.hmtx
		case "loca":
			dst = &f.loca
		case "glyf":
			dst = &f.glyf
		case "cmap":
			dst = &f.tableCmap
		case "OS/2":
			dst = &f.os2
		case "post":
			dst = &f.post
		case "name":
			dst = &f.name
		case "cvt ":
			dst = &f.cvt
		case "fpgm":
			dst = &f.fpgm
		case "prep":
			dst = &f.prep
		case "gasp":
			dst = &f.gasp
		case "CFF ", "CFF2":
			hasCFF = true
		}
		if dst != nil && *dst == nil { // first record wins on duplicates
			*dst = t
		}
	}
	if f.glyf == nil || f.loca == nil {
		if hasCFF {
			return fmt.Errorf("sfnt: %w", ErrCFF)
		}
		return errorf(ErrUnsupported, "no TrueType outlines ('glyf'/'loca' tables); bitmap-only or colour fonts cannot be embedded")
	}
	for _, req := range []struct {
		name string
		t    []byte
		min  int
	}{{"head", f.head, headLen}, {"hhea", f.hhea, hheaLen}, {"maxp", f.maxp, maxpMin}, {"hmtx", f.hmtx, 0}, {"cmap", f.tableCmap, 4}} {
		if req.t == nil {
			return errorf(ErrNotFont, "required table %q is missing", req.name)
		}
		if len(req.t) < req.min {
			return errorf(ErrTruncated, "table %q is %d bytes, needs at least %d", req.name, len(req.t), req.min)
		}
	}
	return nil
}
