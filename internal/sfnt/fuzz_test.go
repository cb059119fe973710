package sfnt

import (
	"errors"
	"os"
	"testing"
)

// FuzzParse: Parse must never panic and must fail only with one of the
// sentinels; whatever it accepts, Subset must handle without panicking, and
// a successful subset must itself parse and map the runes it was asked for.
func FuzzParse(f *testing.F) {
	for _, o := range []synthOptions{defaultSynth, {cmap4: true, longLoca: true, monoTail: 3}, {cmap12: true, cyclic: true}, {cmap4: true, noOS2: true, noPost: true, chineseOnly: true}} {
		b := buildSynth(o)
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte("OTTO\x00\x01"))
	f.Add([]byte("ttcf"))
	if data, err := os.ReadFile(notoSansPath); err == nil {
		if font, err := Parse(data); err == nil {
			if sub, err := font.Subset([]rune("公文ABC")); err == nil {
				f.Add(sub)
			}
		}
	}
	sentinels := []error{ErrCFF, ErrCollection, ErrTruncated, ErrNotFont, ErrUnsupported}
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := Parse(data)
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("Parse error wraps no sentinel: %v", err)
		}
		_, _, _, _ = font.Name(), font.Family(), font.Ascent(), font.Descent()
		probe := []rune{'A', 'B', ' ', 'Á', 'Ǻ', '中', '一', '𠮷', '☃', 0xFFFF, -5}
		font.Coverage(probe)
		var runes []rune
		for _, r := range probe {
			if font.HasRune(r) {
				runes = append(runes, r)
				_ = font.Advance(r)
			}
		}
		out, err := font.Subset(runes)
		if err != nil {
			return
		}
		sub, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Subset(%q)) failed: %v", runes, err)
		}
		for _, r := range runes {
			if !sub.HasRune(r) {
				t.Fatalf("subset lost %U", r)
			}
		}
	})
}
