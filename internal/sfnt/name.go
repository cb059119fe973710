package sfnt

import (
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// nameRecord is one entry of the 'name' table with its string bytes already
// bounds-checked.
type nameRecord struct {
	platform, encoding, language, id uint16
	raw                              []byte
}

// nameRecords returns the usable records of a 'name' table; malformed tables
// and out-of-range strings are skipped, never reported: a font with a damaged
// name is still perfectly renderable.
func nameRecords(name []byte) []nameRecord {
	if len(name) < 6 {
		return nil
	}
	count, storage := int(u16(name, 2)), int(u16(name, 4))
	var out []nameRecord
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		n, off := int(u16(name, rec+8)), storage+int(u16(name, rec+10))
		if off+n > len(name) {
			continue
		}
		out = append(out, nameRecord{
			platform: u16(name, rec), encoding: u16(name, rec+2),
			language: u16(name, rec+4), id: u16(name, rec+6),
			raw: name[off : off+n : off+n],
		})
	}
	return out
}

// nameRank orders records for display: Windows Unicode English first (the
// record every font has and every tool agrees on), then Windows Simplified
// Chinese, other Windows Unicode, the Unicode platform, then Mac.
func nameRank(r nameRecord) int {
	switch {
	case r.platform == 3 && (r.encoding == 1 || r.encoding == 10):
		switch r.language {
		case 0x409:
			return 6
		case 0x804:
			return 5
		}
		return 4
	case r.platform == 0:
		return 3
	case r.platform == 1 && r.encoding == 0 && r.language == 0:
		return 2
	case r.platform == 1 && r.encoding == 25:
		return 1
	}
	return 0
}

// decodeName turns a record into text: UTF-16BE for Unicode platforms (so
// Chinese names such as 霞鹜文楷 come out right, surrogate pairs included),
// Mac Roman or GB2312 for the old Mac records.
func decodeName(r nameRecord) string {
	var s string
	switch {
	case r.platform == 0 || r.platform == 3:
		u := make([]uint16, len(r.raw)/2)
		for i := range u {
			u[i] = u16(r.raw, 2*i)
		}
		s = string(utf16.Decode(u))
	case r.encoding == 25:
		b, err := simplifiedchinese.GBK.NewDecoder().Bytes(r.raw)
		if err != nil {
			return ""
		}
		s = string(b)
	default:
		b, err := charmap.Macintosh.NewDecoder().Bytes(r.raw)
		if err != nil {
			return ""
		}
		s = string(b)
	}
	return strings.TrimSpace(strings.ReplaceAll(s, "\x00", ""))
}

// parseNames finds the full name (nameID 4, else 1) and family (nameID 1).
func parseNames(name []byte) (full, family string) {
	var bestFull, bestFamily int // rank+1 of the record chosen so far
	for _, r := range nameRecords(name) {
		if r.id != 1 && r.id != 4 {
			continue
		}
		rank := nameRank(r) + 1
		slot, dst := &bestFull, &full
		if r.id == 1 {
			slot, dst = &bestFamily, &family
		}
		if rank <= *slot {
			continue
		}
		if s := decodeName(r); s != "" {
			*slot, *dst = rank, s
		}
	}
	if full == "" {
		full = family
	}
	return full, family
}
