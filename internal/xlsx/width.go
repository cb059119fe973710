package xlsx

import (
	"math"

	"gongwen/internal/document"
)

// Column widths are in Excel's unit, the width of the digit 0 in the default
// font. A Chinese character is two of them.
const (
	minColWidth = 6
	maxColWidth = 40 // wider text wraps
	padWidth    = 2  // the cell's inner margins and a little air
)

// landscapeWidth is about what fits across A4 portrait between the default
// margins; a wider table is printed landscape (and still fitted to the width).
const landscapeWidth = 90

// displayWidth counts s as a CJK font lays it out: East Asian wide and
// fullwidth characters take two columns, others one. Punctuation whose width
// is "ambiguous" (— “ ” … ·) is drawn wide by 宋体, so it counts two as well.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return r == 0xB7
	case r <= 0x115F, // Hangul Jamo
		0x2014 <= r && r <= 0x201D, 0x2026 == r, // — ‘ ’ “ ” …
		0x2E80 <= r && r <= 0x303E,                             // radicals, CJK symbols and punctuation
		0x3041 <= r && r <= 0x33FF,                             // kana, bopomofo, CJK compatibility
		0x3400 <= r && r <= 0x4DBF,                             // extension A
		0x4E00 <= r && r <= 0x9FFF,                             // unified ideographs
		0xA000 <= r && r <= 0xA4CF,                             // Yi
		0xAC00 <= r && r <= 0xD7A3,                             // Hangul syllables
		0xF900 <= r && r <= 0xFAFF,                             // compatibility ideographs
		0xFE10 <= r && r <= 0xFE19, 0xFE30 <= r && r <= 0xFE6F, // vertical and small forms
		0xFF00 <= r && r <= 0xFF60, 0xFFE0 <= r && r <= 0xFFE6, // fullwidth forms
		0x1F300 <= r && r <= 0x1F64F, // pictographs
		0x20000 <= r && r <= 0x3FFFD: // extensions B and later
		return true
	}
	return false
}

// columnWidths fits each column to its header and its widest cell as shown,
// the totals row included.
func columnWidths(s *document.StatTable) []float64 {
	var totals map[string]any
	if s.HasTotals() {
		totals = s.Totals()
	}
	widths := make([]float64, len(s.Columns))
	for i, c := range s.Columns {
		w := displayWidth(c.Label) + 1 // the header is bold
		for _, r := range s.Rows {
			w = max(w, displayWidth(document.FormatValue(c, r[c.Key])))
		}
		w = max(w, displayWidth(document.FormatValue(c, totals[c.Key])))
		widths[i] = min(max(float64(w+padWidth), minColWidth), maxColWidth)
	}
	return widths
}

// wrappedLines estimates the lines text takes in a cell width wide.
func wrappedLines(text string, width float64) int {
	return max(1, int(math.Ceil(float64(displayWidth(text))/(width-padWidth))))
}
