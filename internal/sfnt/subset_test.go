package sfnt

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSubsetSynthetic(t *testing.T) {
	for _, tt := range []struct {
		name   string
		opts   synthOptions
		runes  string
		glyphs int // .notdef + the runes' glyphs + components
	}{
		{"simple glyphs, format 4", synthOptions{cmap4: true}, "AB中", 4},
		{"composite pulls in its components", defaultSynth, "Á", 4},
		{"nested composite", synthOptions{cmap4: true, longLoca: true}, "Ǻ A", 6},
		{"supplementary rune adds format 12", defaultSynth, "A𠮷中", 4},
		{"format 12 source, monospaced tail", synthOptions{cmap12: true, monoTail: 4}, "一丁中 B", 6},
		{"no OS/2 or post in the source", synthOptions{cmap4: true, noOS2: true, noPost: true}, "AB 一丁", 6},
		{"chinese names", synthOptions{cmap4: true, chineseOnly: true}, "中", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse(buildSynth(tt.opts))
			if err != nil {
				t.Fatal(err)
			}
			sub, _ := checkSubset(t, f, []rune(tt.runes))
			if sub.NumGlyphs() != tt.glyphs {
				t.Errorf("subset has %d glyphs, want %d", sub.NumGlyphs(), tt.glyphs)
			}
		})
	}
}

func TestSubsetEmpty(t *testing.T) {
	f, _ := Parse(buildSynth(defaultSynth))
	out, err := f.Subset(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkFontFile(t, out)
	sub, err := Parse(out)
	if err != nil || sub.NumGlyphs() != 1 {
		t.Fatalf("Parse(empty subset) = %v glyphs, %v", sub.NumGlyphs(), err)
	}
}

func TestSubsetErrors(t *testing.T) {
	cyclic, err := Parse(buildSynth(synthOptions{cmap4: true, cyclic: true}))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := Parse(buildSynth(defaultSynth))
	f4, _ := Parse(buildSynth(synthOptions{cmap4: true}))
	// A hostile loca (0, E, 0, E, ...) makes every even glyph span the whole
	// glyf table; the odd ones run backwards and are never visited.
	overlapping := buildSynth(synthOptions{cmap4: true})
	loca := int(u32(overlapping, dirEntry(t, overlapping, "loca")+8))
	glyfLen := u32(overlapping, dirEntry(t, overlapping, "glyf")+12)
	for i := range len(synthGlyphs(synthOptions{})) + 1 {
		put16(overlapping, loca+2*i, uint16(i%2)*uint16(glyfLen/2))
	}
	overlap, err := Parse(overlapping)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		f     *Font
		runes []rune
		want  []string
		is    error
	}{
		{"missing runes are named", plain, []rune("ACZ"), []string{"U+0043 'C'", "U+005A 'Z'", "2 rune(s)"}, nil},
		{"supplementary rune without format 12", f4, []rune("𠮷"), []string{"U+20BB7"}, nil},
		{"invalid runes", plain, []rune{-1, 0xD800, 0x110000}, []string{"U+D800", "3 rune(s)"}, nil},
		{"cyclic composite", cyclic, []rune("A☃"), []string{"contains itself"}, ErrNotFont},
		{"overlapping glyph data", overlap, []rune("B中丁"), []string{"overlap"}, ErrNotFont},
		{"backwards loca", overlap, []rune("A"), []string{"backwards"}, ErrNotFont},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.f.Subset(tt.runes)
			if err == nil {
				t.Fatalf("Subset succeeded (%d bytes)", len(out))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v does not wrap %v", err, tt.is)
			}
		})
	}
}

// TestSubsetDeterministic: rune order and repetition must not change a byte.
func TestSubsetDeterministic(t *testing.T) {
	check := func(t *testing.T, f *Font, runes []rune) {
		want, err := f.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(3, 4))
		for range 5 {
			rs := append(slices.Clone(runes), runes[:len(runes)/2]...)
			rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
			got, err := f.Subset(rs)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("Subset of shuffled runes differs (err %v)", err)
			}
		}
	}
	t.Run("synthetic", func(t *testing.T) {
		f, _ := Parse(buildSynth(defaultSynth))
		check(t, f, []rune("ABǺ 中一丁𠮷"))
	})
	t.Run("real", func(t *testing.T) {
		f, _ := loadFont(t, notoSerifPath)
		check(t, f, cjkRunes(f, 700))
	})
}

func TestSubsetReal(t *testing.T) {
	forEachRealFont(t, func(t *testing.T, f *Font, _ []byte) {
		runes := append([]rune(sampleText), cjkRunes(f, 700)...)
		runes = append(runes, compositeRunes(f, 5)...)
		sub, out := checkSubset(t, f, runes)
		t.Logf("%d runes -> %d glyphs, %d bytes", len(sortedUnique(runes)), sub.NumGlyphs(), len(out))
	})
}

// TestSubsetConcurrent: one Font, many goroutines, identical results (run
// with -race to check there is no shared mutable state).
func TestSubsetConcurrent(t *testing.T) {
	f, _ := Parse(buildSynth(defaultSynth))
	runes := []rune("ABǺ 中一丁𠮷")
	want, _ := f.Subset(runes)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			rs := slices.Clone(runes)
			slices.Reverse(rs[:i%len(rs)])
			got, err := f.Subset(rs)
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("different bytes")
			}
			if err == nil && f.GlyphIndex('中') == 0 {
				err = errors.New("lookup failed")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// cjkRunes picks n CJK ideographs the font has, spread over the block (a
// stride of 29 code points) so that no two are adjacent: the worst case for
// the cmap, like a real document's scattered characters.
func cjkRunes(f *Font, n int) []rune {
	var rs []rune
	for r := rune(0x4E00); r <= 0x9FFF && len(rs) < n; r += 29 {
		if f.HasRune(r) {
			rs = append(rs, r)
		}
	}
	return rs
}

// compositeRunes finds up to n BMP runes whose glyphs are composites, so
// real-font tests exercise component remapping when the font has any.
func compositeRunes(f *Font, n int) []rune {
	var rs []rune
	for r := rune(0x20); r < 0xFFFF && len(rs) < n; r++ {
		if g := f.GlyphIndex(r); g != 0 {
			if d, err := f.glyph(g); err == nil && isComposite(d) {
				rs = append(rs, r)
			}
		}
	}
	return rs
}
