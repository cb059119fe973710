package batch

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SummaryName is the summary workbook's name in the ZIP.
const SummaryName = "办理情况汇总表.xlsx"

// maxNameRunes keeps a name (without .pdf) short enough for every unzip tool
// and file system: 255 bytes is the common limit and a CJK character is 3.
const maxNameRunes = 60

// fileNames gives every valid item its PDF's name in the ZIP: the document
// number, made safe for a file name, else the title, else the item's place;
// a name taken before (ignoring case, as Windows and macOS do) gets (2), (3) ….
func fileNames(items []*prepared) {
	taken := map[string]bool{strings.ToLower(SummaryName): true}
	for _, p := range items {
		if p.doc == nil {
			continue
		}
		base := sanitize(p.meta.Number)
		if base == "" {
			base = sanitize(p.meta.Title)
		}
		if base == "" {
			base = fmt.Sprintf("文档%d", p.meta.Item+1)
		}
		name := base + ".pdf"
		for n := 2; taken[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s (%d).pdf", base, n)
		}
		taken[strings.ToLower(name)] = true
		p.meta.File = name
	}
}

// sanitize makes s a file name on every system: no path separators, none of
// Windows' reserved characters, no control characters, no leading or trailing
// dots and spaces, and at most maxNameRunes characters. 〔〕 and other CJK
// punctuation stay: 株人社字〔2022〕27号 is a fine file name.
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		case r == utf8.RuneError, unicode.IsControl(r):
			continue
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Trim(b.String(), " .")
	if utf8.RuneCountInString(out) > maxNameRunes {
		out = strings.TrimRight(string([]rune(out)[:maxNameRunes]), " .")
	}
	if reservedDOS(out) {
		out = "_" + out
	}
	return out
}

// reservedDOS reports names Windows refuses whatever their extension.
func reservedDOS(s string) bool {
	switch strings.ToUpper(s) {
	case "CON", "PRN", "AUX", "NUL",
		"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return true
	}
	return false
}
