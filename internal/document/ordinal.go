package document

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The four levels of 层次序数 (GB/T 9704-2012 §7.3.3): 一、 （一） 1. （1）.
// Ordinal writes the n-th ordinal of a level as the renderer numbers it.
func Ordinal(level, n int) string {
	switch level {
	case 1:
		return chineseNumeral(n) + "、"
	case 2:
		return "（" + chineseNumeral(n) + "）"
	case 3:
		return strconv.Itoa(n) + "."
	case 4:
		return "（" + strconv.Itoa(n) + "）"
	}
	return ""
}

// SplitOrdinal splits a heading of the given level into the ordinal it begins
// with (mark included, e.g. "一、" or "（1）") and the rest with the spaces after
// the mark removed. Without an ordinal of that level, ordinal is "" and rest is
// text. The renderer sets the two parts; Numbered and ParseText use the same
// recognition, so what one writes the other reads.
func SplitOrdinal(level int, text string) (ordinal, rest string) {
	lv, _, size := matchOrdinal(text)
	if lv != level || lv == 0 {
		return "", text
	}
	return text[:size], strings.TrimLeftFunc(text[size:], unicode.IsSpace)
}

// Numbered returns a copy of b in which every heading's text begins with its
// ordinal: headings are counted per level, a higher level restarts the count of
// the lower ones, and a heading that already has an ordinal of its level keeps
// it and sets the count (so "三、" followed by a bare heading gives "四、").
func (b Body) Numbered() Body {
	out := make(Body, len(b))
	copy(out, b)
	var count [5]int
	for i, blk := range out {
		lv := blk.Heading
		if lv < 1 || lv > 4 {
			continue
		}
		if got, n, _ := matchOrdinal(blk.Text); got == lv {
			count[lv] = n
		} else {
			count[lv]++
			out[i].Text = Ordinal(lv, count[lv]) + blk.Text
		}
		for j := lv + 1; j < len(count); j++ {
			count[j] = 0
		}
	}
	return out
}

// matchOrdinal recognises an ordinal at the start of s and returns its level,
// its number and its length in bytes; level 0 when there is none. The ordinal
// must be followed by text. For level 3 a digit straight after the mark means a
// decimal, not an ordinal ("3.5万"); the year in "2022年" has no mark at all.
func matchOrdinal(s string) (level, n, size int) {
	r, w := utf8.DecodeRuneInString(s)
	var close func(rune) bool
	switch {
	case r == '(' || r == '（':
		close = func(r rune) bool { return r == ')' || r == '）' }
		n, size = leadingNumber(s[w:])
		level = 4
		if size == 0 {
			n, size = leadingChinese(s[w:])
			level = 2
		}
		size += w
	case isDigit(r):
		close = func(r rune) bool { return r == '.' || r == '．' || r == '、' }
		n, size = leadingNumber(s)
		level = 3
	default:
		close = func(r rune) bool { return r == '、' }
		n, size = leadingChinese(s)
		level = 1
	}
	if n == 0 {
		return 0, 0, 0
	}
	mark, w := utf8.DecodeRuneInString(s[size:])
	if !close(mark) {
		return 0, 0, 0
	}
	size += w
	rest := s[size:]
	next, _ := utf8.DecodeRuneInString(rest)
	if strings.TrimFunc(rest, unicode.IsSpace) == "" || level == 3 && isDigit(next) {
		return 0, 0, 0
	}
	return level, n, size
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// leadingNumber reads 1 or 2 digits (ASCII or full-width, as word processors
// type them) without a leading zero; a longer run is a figure, not an ordinal.
func leadingNumber(s string) (n, size int) {
	digits := 0
	for _, r := range s {
		if !isDigit(r) {
			break
		}
		d := int(r - '0')
		if r >= '０' {
			d = int(r - '０')
		}
		if digits == 0 && d == 0 {
			return 0, 0
		}
		n = n*10 + d
		size += utf8.RuneLen(r)
		digits++
	}
	if digits > 2 {
		return 0, 0
	}
	return n, size
}

// leadingChinese reads a Chinese numeral as Ordinal writes it (一 … 九百九十九).
func leadingChinese(s string) (n, size int) {
	end := 0
	for _, r := range s {
		if !strings.ContainsRune("零一二三四五六七八九十百", r) {
			break
		}
		end += utf8.RuneLen(r)
	}
	return chineseValues[s[:end]], end
}

var chineseValues = func() map[string]int {
	m := make(map[string]int, 999)
	for n := 1; n <= 999; n++ {
		m[chineseNumeral(n)] = n
	}
	return m
}()

// chineseNumeral writes 1 … 999 the way ordinals are written: 十, 十一, 二十,
// 一百零一, 一百一十. Larger numbers fall back to Arabic digits.
func chineseNumeral(n int) string {
	if n < 1 || n > 999 {
		return strconv.Itoa(n)
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	h, t, u := n/100, n/10%10, n%10
	var b strings.Builder
	if h > 0 {
		b.WriteString(digits[h] + "百")
	}
	switch {
	case t == 1 && h == 0:
		b.WriteString("十")
	case t > 0:
		b.WriteString(digits[t] + "十")
	case h > 0 && u > 0:
		b.WriteString("零")
	}
	b.WriteString(digits[u])
	return b.String()
}
