package disposition

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameRunes bounds a download's name: a 发文字号 or a title fits, a title
// of 200 characters is cut rather than refused by the user's file system.
const MaxNameRunes = 80

// Header builds a Content-Disposition header (RFC 6266) for a file named
// name+ext: the name in UTF-8 as filename* (RFC 5987), which every current
// browser uses, and a plain ASCII filename for clients that know only that —
// the name itself when it is ASCII, else "document"+ext, since a name such as
// 株人社字〔2022〕27号 has nothing left when its non-ASCII characters are dropped.
func Header(kind, name, ext string) string {
	name = CleanName(name)
	if name == "" {
		name = "document"
	}
	file := name + ext
	fallback := "document" + ext
	if isPlainASCII(file) {
		fallback = file
	}
	return kind + `; filename="` + fallback + `"; filename*=UTF-8''` + encodeRFC5987(file)
}

// CleanName makes name safe as a file name on Windows, macOS and Linux:
// separators, reserved characters and control characters become nothing or a
// space, and it is cut to MaxNameRunes.
func CleanName(name string) string {
	var b strings.Builder
	n := 0
	for _, r := range name {
		if n == MaxNameRunes {
			break
		}
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r):
			continue
		case unicode.IsControl(r) || r == utf8.RuneError:
			continue
		case unicode.IsSpace(r):
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return strings.Trim(b.String(), " .")
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '%' {
			return false
		}
	}
	return true
}

// encodeRFC5987 percent-encodes every byte that is not an attr-char.
func encodeRFC5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
