package document

import (
	"strings"
	"unicode"
)

// ParseText reads a body as a person pastes it from a word processor: one
// paragraph a line (\n, \r\n or \r, and the page and line breaks word
// processors leave behind), blank lines ignored, indentation (full-width
// spaces U+3000, tabs, spaces) stripped. A line that begins with an ordinal
// becomes a heading of its level — 一、 (1), （一） (2), 1. 1． 1、 (3),
// （1） (4) — and keeps the ordinal in its text, so no character is lost; the
// spaces Word puts after a list number are dropped unless a digit follows. The rest of a heading line
// is not split off: the renderer sets the heading line as a whole.
func ParseText(s string) Body {
	var body Body
	for _, line := range strings.FieldsFunc(s, isLineBreak) {
		line = strings.TrimFunc(line, unicode.IsSpace)
		if line == "" {
			continue
		}
		level, _, size := matchOrdinal(line)
		if level == 0 {
			body = append(body, Block{Text: line})
			continue
		}
		text := line[:size] + strings.TrimLeftFunc(line[size:], unicode.IsSpace)
		if lv, _, _ := matchOrdinal(text); lv != level {
			text = line // "1. 2022年" must not become the decimal-looking "1.2022年"
		}
		body = append(body, Block{Heading: level, Text: text})
	}
	return body
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}
