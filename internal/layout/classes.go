package layout

import "unicode"

// class is what the line breaker needs to know about a character (CLREQ).
type class uint8

const (
	clHan    class = iota // ideographs, kana, full-width letters: one grid cell
	clOpen                // opening brackets and quotes: blank on the left half
	clClose               // closing brackets and quotes: blank on the right half
	clStop                // 点号 、，。；：！？ — mainland style, lower left: blank on the right
	clMiddle              // · ・ ‧ and the like: centred, never compressed here
	clDash                // — and …, which travel in pairs and never split
	clLatin               // Latin letters, digits and their punctuation: proportional
	clSpace               // ASCII space: a break opportunity between Western words
)

// Characters that must not begin a line (GB level of CLREQ).
const noStartChars = "。．，、：；！？‼⁇”’）》〉】〗〕］｝」』～–·・‧/／%‰℃" + ",.;:?!)]}" + "…—"

// Characters that must not end a line.
const noEndChars = "“‘（《〈【〖〔［｛「『/／" + "([{"

var noStart, noEnd [0x10000]bool

func init() {
	for _, r := range noStartChars {
		noStart[r] = true
	}
	for _, r := range noEndChars {
		noEnd[r] = true
	}
}

func isNoStart(r rune) bool { return r < 0x10000 && noStart[r] }
func isNoEnd(r rune) bool   { return r < 0x10000 && noEnd[r] }

// classify returns the class of r.
func classify(r rune) class {
	switch r {
	case '“', '‘', '（', '《', '〈', '【', '〖', '〔', '［', '｛', '「', '『':
		return clOpen
	case '”', '’', '）', '》', '〉', '】', '〗', '〕', '］', '｝', '」', '』':
		return clClose
	case '、', '，', '。', '；', '：', '！', '？', '．':
		return clStop
	case '·', '・', '‧':
		return clMiddle
	case '—', '…', '⸺':
		return clDash
	case ' ':
		return clSpace
	case '\u3000':
		return clHan // the ideographic space is a blank grid cell
	}
	if unicode.IsSpace(r) {
		return clSpace // en quads, thin spaces, no-break spaces …: Western spacing
	}
	if r < 0x2000 && r != '\u00b7' {
		// Basic Latin, Latin-1, Greek, Cyrillic …: proportional Western text.
		return clLatin
	}
	if unicode.Is(unicode.Han, r) || r >= 0x3000 {
		return clHan
	}
	// General punctuation, letterlike symbols (℃, №), arrows …: set them in a cell.
	return clHan
}

// unitAfterNumber are signs and units that stay with the number before them
// (CLREQ: never split a number from its unit: 19.17万, 80%).
func isUnitAfterNumber(r rune) bool {
	switch r {
	case '万', '亿', '%', '％', '‰', '℃', '°', '㎡', '㎞':
		return true
	}
	return false
}

// isCompressibleInLine says which marks may be squeezed to half a cell inside a
// line when a line must take one more character: brackets and ，、；.
func isCompressibleInLine(r rune, c class) bool {
	return c == clOpen || c == clClose || r == '，' || r == '、' || r == '；'
}
