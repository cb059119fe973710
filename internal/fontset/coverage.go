package fontset

import (
	"sync"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Repertoires whose coverage `gongwen fonts` reports: the 6,763 hanzi of GB 2312
// and every character of GBK.
var (
	repOnce        sync.Once
	gb2312, gbkAll []rune
)

func repertoires() ([]rune, []rune) {
	repOnce.Do(func() {
		dec := simplifiedchinese.GBK.NewDecoder()
		buf := make([]byte, 2)
		decode := func(hi, lo int) (rune, bool) {
			buf[0], buf[1] = byte(hi), byte(lo)
			out, err := dec.Bytes(buf)
			if err != nil {
				return 0, false
			}
			rs := []rune(string(out))
			if len(rs) != 1 || rs[0] == '\uFFFD' {
				return 0, false
			}
			return rs[0], true
		}
		for hi := 0xB0; hi <= 0xF7; hi++ {
			for lo := 0xA1; lo <= 0xFE; lo++ {
				if r, ok := decode(hi, lo); ok {
					gb2312 = append(gb2312, r)
				}
			}
		}
		for hi := 0x81; hi <= 0xFE; hi++ {
			for lo := 0x40; lo <= 0xFE; lo++ {
				if lo == 0x7F {
					continue
				}
				if r, ok := decode(hi, lo); ok && r >= 0x80 && r < 0xE000 || ok && r > 0xF8FF {
					gbkAll = append(gbkAll, r)
				}
			}
		}
	})
	return gb2312, gbkAll
}

// Coverage of a role: how many characters of each repertoire its first face has,
// and how many the whole chain has.
type Coverage struct {
	GB2312Total, GB2312First, GB2312Chain int
	GBKTotal, GBKFirst, GBKChain          int
}

// CoverageOf measures faces (a role's chain) against GB 2312 hanzi and GBK.
func CoverageOf(chain []*Face) (Coverage, error) {
	gb, gbk := repertoires()
	c := Coverage{GB2312Total: len(gb), GBKTotal: len(gbk)}
	count := func(rs []rune) (first, all int, err error) {
		for _, r := range rs {
			for i, f := range chain {
				font, ferr := f.load()
				if ferr != nil {
					return 0, 0, ferr
				}
				if font.HasRune(r) {
					if i == 0 {
						first++
					}
					all++
					break
				}
			}
		}
		return first, all, nil
	}
	var err error
	if c.GB2312First, c.GB2312Chain, err = count(gb); err != nil {
		return c, err
	}
	c.GBKFirst, c.GBKChain, err = count(gbk)
	return c, err
}
