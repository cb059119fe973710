package layout

import "unicode"

// fakeFaces is a font set with fixed metrics: every character but U+20BB7 is
// present, CJK characters are 1 em wide and Western ones ½ em, so breaking can
// be tested without font files.
type fakeFaces struct{}

func (fakeFaces) Face(role Role, r rune) (int, bool) {
	if r == 0x20BB7 || r == '\uFFFD' || unicode.IsControl(r) {
		return 0, false
	}
	return 0, true
}

func (fakeFaces) Advance(face int, r rune) float64 {
	if classify(r) == clLatin || r == ' ' {
		return 0.5
	}
	return 1
}
