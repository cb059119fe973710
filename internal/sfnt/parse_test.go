package sfnt

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	good := buildSynth(defaultSynth)
	patched := func(fn func(b []byte)) []byte {
		b := slices.Clone(good)
		fn(b)
		return b
	}
	dirEntry := func(b []byte, tag string) int { return dirEntry(t, b, tag) }
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotFont},
		{"two bytes of a TrueType header", []byte{0, 1}, ErrTruncated},
		{"OTTO header", append([]byte("OTTO"), make([]byte, 64)...), ErrCFF},
		{"ttcf header", append([]byte("ttcf"), make([]byte, 64)...), ErrCollection},
		{"WOFF2", append([]byte("wOF2"), make([]byte, 64)...), ErrUnsupported},
		{"PDF", []byte("%PDF-1.7\n"), ErrNotFont},
		{"random bytes", random, ErrNotFont},
		{"header only", good[:12], ErrTruncated},
		{"directory cut", good[:20], ErrTruncated},
		{"empty directory", patched(func(b []byte) { put16(b, 4, 0) }), ErrNotFont},
		{"table offset out of range", patched(func(b []byte) { put32(b, dirEntry(b, "glyf")+8, 0xFFFFFF00) }), ErrTruncated},
		{"table length out of range", patched(func(b []byte) { put32(b, dirEntry(b, "cmap")+12, uint32(len(b))) }), ErrTruncated},
		{"CFF outlines in a TrueType header", buildSynth(synthOptions{cmap4: true, dropGlyf: true, extra: []byte{1, 0, 4, 4}}), ErrCFF},
		{"no outlines at all", buildSynth(synthOptions{cmap4: true, dropGlyf: true}), ErrUnsupported},
		{"missing cmap", patched(func(b []byte) { copy(b[dirEntry(b, "cmap"):], "xmap") }), ErrNotFont},
		{"bad head magic", patched(func(b []byte) { b[int(u32(b, dirEntry(b, "head")+8))+12] ^= 0xFF }), ErrNotFont},
		{"zero glyphs", patched(func(b []byte) { put16(b, int(u32(b, dirEntry(b, "maxp")+8))+4, 0) }), ErrNotFont},
		{"loca too short", patched(func(b []byte) { put16(b, int(u32(b, dirEntry(b, "maxp")+8))+4, 5000) }), ErrTruncated},
		{"no unicode cmap", buildSynth(synthOptions{}), ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want error wrapping %v", f, err, tt.want)
			}
			t.Logf("%v", err)
		})
	}
}

// TestParseTruncatedReal cuts a real font at several lengths: every cut must
// give ErrTruncated (or ErrNotFont for the first bytes), never a panic.
func TestParseTruncatedReal(t *testing.T) {
	_, data := loadFont(t, notoSansPath)
	for _, n := range []int{1, 3, 4, 11, 12, 100, 300, 4096, len(data) / 3, len(data) / 2, len(data) - 5000} {
		_, err := Parse(data[:n])
		if !errors.Is(err, ErrTruncated) {
			t.Errorf("Parse(first %d bytes) = %v, want ErrTruncated", n, err)
		}
	}
}

func TestParseSynthetic(t *testing.T) {
	for _, tt := range []struct {
		name      string
		opts      synthOptions
		full, fam string
		supp      bool // U+20BB7 reachable (format 12 present)
	}{
		{"format 4 only", synthOptions{cmap4: true}, "Synth Sans Regular", "Synth Sans", false},
		{"format 12 only, long loca", synthOptions{cmap12: true, longLoca: true}, "Synth Sans Regular", "Synth Sans", true},
		{"both, monospaced tail", synthOptions{cmap4: true, cmap12: true, monoTail: 3}, "Synth Sans Regular", "Synth Sans", true},
		{"chinese names only", synthOptions{cmap4: true, chineseOnly: true}, "合成黑体 常规𠮷", "合成黑体", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(buildSynth(tt.opts))
			if err != nil {
				t.Fatal(err)
			}
			if f.Name() != tt.full || f.Family() != tt.fam {
				t.Errorf("Name, Family = %q, %q; want %q, %q", f.Name(), f.Family(), tt.full, tt.fam)
			}
			if f.UnitsPerEm() != 1000 || f.Ascent() != 880 || f.Descent() != -120 {
				t.Errorf("upm/ascent/descent = %d/%d/%d", f.UnitsPerEm(), f.Ascent(), f.Descent())
			}
			gs := synthGlyphs(tt.opts)
			if f.NumGlyphs() != len(gs) {
				t.Errorf("NumGlyphs = %d, want %d", f.NumGlyphs(), len(gs))
			}
			nhm := len(gs) - tt.opts.monoTail
			for i, g := range gs {
				if g.r == 0 || (g.r > 0xFFFF && !tt.supp) {
					continue
				}
				if got := f.GlyphIndex(g.r); got != uint16(i) {
					t.Errorf("GlyphIndex(%q) = %d, want %d", g.r, got, i)
				}
				want := int(g.advance)
				if i >= nhm {
					want = int(gs[nhm-1].advance)
				}
				if got := f.Advance(g.r); got != want {
					t.Errorf("Advance(%q) = %d, want %d", g.r, got, want)
				}
			}
			if f.HasRune('𠮷') != tt.supp {
				t.Errorf("HasRune(𠮷) = %v, want %v", f.HasRune('𠮷'), tt.supp)
			}
			for _, r := range []rune{'C', 0, -1, 0xD800, 0xFFFF, 0x110000, '丂'} {
				if f.HasRune(r) || f.Advance(r) != 0 {
					t.Errorf("rune %U should be missing", r)
				}
			}
			have, missing := f.Coverage([]rune("AAB中X中Y"))
			if have != 3 || !slices.Equal(missing, []rune("XY")) {
				t.Errorf("Coverage = %d, %q; want 3, \"XY\"", have, missing)
			}
		})
	}
}

func TestParseRealFonts(t *testing.T) {
	forEachRealFont(t, func(t *testing.T, f *Font, _ []byte) {
		if f.Name() == "" || f.Family() == "" || f.UnitsPerEm() == 0 || f.NumGlyphs() < 20000 {
			t.Errorf("Name %q Family %q upm %d glyphs %d", f.Name(), f.Family(), f.UnitsPerEm(), f.NumGlyphs())
		}
		if f.Ascent() <= 0 || f.Descent() >= 0 {
			t.Errorf("Ascent %d Descent %d", f.Ascent(), f.Descent())
		}
		have, missing := f.Coverage([]rune(sampleText))
		if len(missing) > 0 {
			t.Errorf("sample text: have %d, missing %q", have, missing)
		}
		if f.Advance('中') != f.UnitsPerEm() {
			t.Errorf("Advance(中) = %d, want a full em", f.Advance('中'))
		}
		t.Logf("%q (%q): %d glyphs, cmap format %d", f.Name(), f.Family(), f.NumGlyphs(), f.cmap.format)
	})
}

// TestNotoLacksSupplementary: Noto SC has no U+20BB7 𠮷 (a common surname
// variant), so Coverage must report it and Subset must refuse it by name.
func TestNotoLacksSupplementary(t *testing.T) {
	f, _ := loadFont(t, notoSerifPath)
	have, missing := f.Coverage([]rune("吉𠮷"))
	if have != 1 || !slices.Equal(missing, []rune{0x20BB7}) {
		t.Fatalf("Coverage = %d, %U", have, missing)
	}
	_, err := f.Subset([]rune("吉𠮷"))
	if err == nil || !strings.Contains(err.Error(), "U+20BB7") {
		t.Fatalf("Subset error = %v, want one naming U+20BB7", err)
	}
	t.Log(err)
}
