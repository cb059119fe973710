package layout

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

// bodyLines sets text as a body paragraph with the fake faces and returns its lines.
func bodyLines(t testing.TB, text string) []placed {
	t.Helper()
	s := &setter{faces: fakeFaces{}, role: FangSong, size: SizeSan, cell: Cell, grid: true, path: "body[0].text"}
	lines, err := s.para(text, BoxLeft+2*Cell, BoxWidth-2*Cell, BoxLeft, BoxWidth)
	if err != nil {
		t.Fatalf("para: %v", err)
	}
	return lines
}

func lineText(p placed) string {
	var b strings.Builder
	for _, g := range p.glyphs {
		b.WriteRune(g.r)
	}
	return b.String()
}

func TestBreakRules(t *testing.T) {
	han := strings.Repeat("字", 25) // fills the first line (26 cells) but one
	tests := []struct {
		name  string
		text  string
		check func(t *testing.T, lines []placed)
	}{
		{"full lines are flush right", strings.Repeat("国", 80), func(t *testing.T, lines []placed) {
			for _, l := range lines[:len(lines)-1] {
				// A 16 pt glyph box is 0.07 mm wider than its 15.79 pt cell.
				if d := l.x1 - BoxRight; d < -0.01 || d > PtToMM(SizeSan)-Cell+0.01 {
					t.Errorf("line %q ends at %.2f, want %.2f", lineText(l), l.x1, BoxRight)
				}
			}
			if n := len(lines[1].glyphs); n != GridChars {
				t.Errorf("second line holds %d characters, want %d", n, GridChars)
			}
		}},
		{"no comma at a line start: squeezed in", strings.Repeat("字", 12) + "，" + strings.Repeat("字", 12) + "是，好的字字字字", func(t *testing.T, lines []placed) {
			if got := lineText(lines[0]); !strings.HasSuffix(got, "是，") {
				t.Errorf("first line %q should end with the squeezed comma", got)
			}
			assertFlush(t, lines[0])
		}},
		{"no comma at a line start and nothing to squeeze: pushed", han + "是，好的字字字字", func(t *testing.T, lines []placed) {
			if got := lineText(lines[1]); !strings.HasPrefix(got, "是，") {
				t.Errorf("second line %q should start with the pushed character", got)
			}
			assertFlush(t, lines[0])
		}},
		{"no opening quote at a line end: pushed down", strings.Repeat("字", 25) + "“引号”后文字字字", func(t *testing.T, lines []placed) {
			if got := lineText(lines[0]); strings.HasSuffix(got, "“") {
				t.Errorf("first line %q ends with an opening quote", got)
			}
			if !strings.HasPrefix(lineText(lines[1]), "“") {
				t.Errorf("second line %q should start with the quote", lineText(lines[1]))
			}
			assertFlush(t, lines[0])
		}},
		{"two closing marks that cannot both squeeze push a character down", strings.Repeat("字", 26) + "”。后面", func(t *testing.T, lines []placed) {
			for _, l := range lines[1:] {
				if r := []rune(lineText(l)); isNoStart(r[0]) {
					t.Errorf("line starts with %q", r[0])
				}
			}
		}},
		{"ellipsis never splits", strings.Repeat("字", 25) + "……后面的字", func(t *testing.T, lines []placed) {
			for _, l := range lines {
				txt := lineText(l)
				if strings.Count(txt, "…")%2 != 0 {
					t.Errorf("line %q splits the ellipsis", txt)
				}
			}
		}},
		{"a number stays with its unit", strings.Repeat("字", 24) + "共19.17万个", func(t *testing.T, lines []placed) {
			if strings.HasPrefix(lineText(lines[1]), "万") {
				t.Errorf("万 separated from its number: %q / %q", lineText(lines[0]), lineText(lines[1]))
			}
		}},
		{"a digit run is never split", strings.Repeat("字", 25) + "12345678", func(t *testing.T, lines []placed) {
			if got := lineText(lines[len(lines)-1]); got != "12345678" {
				t.Errorf("last line %q, want the whole number", got)
			}
		}},
		{"no one-character last line", strings.Repeat("字", 26) + "尾。", func(t *testing.T, lines []placed) {
			last := []rune(lineText(lines[len(lines)-1]))
			han := 0
			for _, r := range last {
				if unicode.Is(unicode.Han, r) {
					han++
				}
			}
			if han < 2 {
				t.Errorf("last line %q holds one character", string(last))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := bodyLines(t, tt.text)
			assertAllThere(t, tt.text, lines)
			tt.check(t, lines)
		})
	}
}

func assertFlush(t *testing.T, l placed) {
	t.Helper()
	// The ink of a compressed mark may end half a cell short of its box.
	if l.x1 < BoxRight-0.01 || l.x1 > BoxRight+PtToMM(SizeSan)/2+0.1 {
		t.Errorf("line %q ends at %.2f mm, not flush with %.2f", lineText(l), l.x1, BoxRight)
	}
}

// assertAllThere checks that every non-space character of text is set, in order.
func assertAllThere(t *testing.T, text string, lines []placed) {
	t.Helper()
	var got strings.Builder
	for _, l := range lines {
		got.WriteString(lineText(l))
	}
	want := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
	if got.String() != want {
		t.Errorf("set text differs from input:\n got %q\nwant %q", got.String(), want)
	}
}

func TestMissingGlyph(t *testing.T) {
	s := &setter{faces: fakeFaces{}, role: FangSong, size: SizeSan, cell: Cell, path: "body[2].text"}
	_, err := s.para("吉祥𠮷字", BoxLeft, BoxWidth, BoxLeft, BoxWidth)
	var m *MissingGlyphError
	if !errors.As(err, &m) {
		t.Fatalf("want a MissingGlyphError, got %v", err)
	}
	if m.Char != 0x20BB7 || m.Offset != 2 || m.Path != "body[2].text" {
		t.Errorf("got %+v", m)
	}
	if msg := m.Error(); !strings.Contains(msg, "U+20BB7") || !strings.Contains(msg, "body[2].text") {
		t.Errorf("message %q should name the code point and the path", msg)
	}
}

func TestTitleBalanced(t *testing.T) {
	s := &setter{faces: fakeFaces{}, role: XiaoBiaoSong, size: SizeEr, cell: PtToMM(SizeEr), path: "title"}
	tests := []struct {
		title string
		want  []string
	}{
		{"对市十六届人大一次会议第1234号建议的分办意见", []string{"对市十六届人大一次会议", "第1234号建议的分办意见"}},
		{"株洲市人力资源和社会保障局关于印发《技能人才培养实施办法》的通知", []string{"株洲市人力资源和社会保障局关于印发", "《技能人才培养实施办法》的通知"}},
		{"关于做好2022年高校毕业生就业工作的通知", []string{"关于做好2022年高校毕业生就业工作的通知"}},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			lines, err := s.titleLines(tt.title)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range lines {
				got = append(got, lineText(l))
				centre := (l.x0 + l.x1) / 2
				if d := centre - (BoxLeft + BoxWidth/2); d > 0.5 || d < -0.5 {
					t.Errorf("line %q centred at %.1f", lineText(l), centre)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzBreak: any text either fails with a MissingGlyphError or is set whole,
// every character in order, with no line starting with a prohibited mark
// unless the line could not be broken elsewhere.
func FuzzBreak(f *testing.F) {
	for _, s := range []string{
		"您提出的《关于加强产业人才培养的建议》收悉。经研究，现将我单位分办意见答复如下。",
		"“老带新”、“传帮带”中存在的问题……——7--15天19.17万个",
		"ABC DEF GHI https://example.invalid/a/very/long/path/that/does/not/fit/on/one/line/at/all/anywhere",
		"（湘人社发〔2019〕67号）", "", "，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，。",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := &setter{faces: fakeFaces{}, role: FangSong, size: SizeSan, cell: Cell, grid: true, path: "body"}
		lines, err := s.para(text, BoxLeft+2*Cell, BoxWidth-2*Cell, BoxLeft, BoxWidth)
		if err != nil {
			var m *MissingGlyphError
			if !errors.As(err, &m) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		assertAllThere(t, text, lines)
		for _, l := range lines {
			if l.x0 < BoxLeft-0.01-PtToMM(SizeSan) {
				t.Fatalf("line %q starts at %.2f, left of the 版心", lineText(l), l.x0)
			}
		}
	})
}
