package sfnt

import (
	"errors"
	"fmt"
)

// Sentinel errors. Parse and Subset wrap them with details (which table, which
// offset), so test with errors.Is, not ==.
var (
	// ErrCFF: the file is OpenType with PostScript (CFF) outlines, usually an
	// .otf. fpdf can only embed TrueType outlines.
	ErrCFF = errors.New("OpenType/CFF outlines (.otf) are not supported; use a TrueType (glyf) .ttf")

	// ErrCollection: the file is a TrueType/OpenType collection (.ttc/.otc)
	// holding several fonts.
	ErrCollection = errors.New("font collections (.ttc) are not supported; extract a single .ttf from it")

	// ErrTruncated: the data ends before a structure it declares (a cut-off
	// download or a damaged file).
	ErrTruncated = errors.New("font file is truncated or corrupt")

	// ErrNotFont: the data is not an sfnt font at all, or a required part of it
	// is missing or nonsensical.
	ErrNotFont = errors.New("not a TrueType font")

	// ErrUnsupported: a well-formed font that uses something this package does
	// not handle (WOFF wrapping, bitmap-only glyphs, a non-Unicode cmap, ...).
	ErrUnsupported = errors.New("unsupported font")
)

// errorf builds "sfnt: <sentinel text>: <details>" wrapping sentinel.
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("sfnt: %w: %s", sentinel, fmt.Sprintf(format, args...))
}
