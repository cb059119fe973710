package document

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestParseText(t *testing.T) {
	h := func(level int, text string) Block { return Block{Heading: level, Text: text} }
	p := func(text string) Block { return Block{Text: text} }
	for _, tc := range []struct {
		name string
		in   string
		want Body
	}{
		{"empty", " \n\u3000\r\n", nil},
		{"line endings", "甲\r\n乙\r丙\n丁", Body{p("甲"), p("乙"), p("丙"), p("丁")}},
		{"indentation stripped", "\u3000\u3000首段。\n\t次段。\n    三段。  ", Body{p("首段。"), p("次段。"), p("三段。")}},
		{"blank lines ignored", "甲\n\n\u3000\u3000\n乙", Body{p("甲"), p("乙")}},
		{"level 1", "一、服务产业，积极培育技能人才", Body{h(1, "一、服务产业，积极培育技能人才")}},
		{"level 1 beyond ten", "十一、其他\n二十、附则\n九十九、末项", Body{h(1, "十一、其他"), h(1, "二十、附则"), h(1, "九十九、末项")}},
		{"level 2", "（一）校企共建\n(二)队伍优先\n（三)标准先行", Body{h(2, "（一）校企共建"), h(2, "(二)队伍优先"), h(2, "（三)标准先行")}},
		{"level 3", "1.摸清需求\n2．提供咨询\n3、广泛宣传\n１．全角数字", Body{h(3, "1.摸清需求"), h(3, "2．提供咨询"), h(3, "3、广泛宣传"), h(3, "１．全角数字")}},
		{"level 4", "（1）第一项\n(12)第十二项", Body{h(4, "（1）第一项"), h(4, "(12)第十二项")}},
		{"space after the mark dropped", "一、\t服务产业\n1. 2022年工作", Body{h(1, "一、服务产业"), h(3, "1. 2022年工作")}},
		{"a year is not an ordinal", "2022年工美系列高级职称评审。", Body{p("2022年工美系列高级职称评审。")}},
		{"a decimal is not an ordinal", "3.5万人次参加。\n19.17万个岗位", Body{p("3.5万人次参加。"), p("19.17万个岗位")}},
		{"一是 is a paragraph", "一是校企共建，精准对接培训需求。", Body{p("一是校企共建，精准对接培训需求。")}},
		{"ordinal alone", "一、\n（1）", Body{p("一、"), p("（1）")}},
		{"no ordinal", "01.前导零\n100.三位数\n(2022)年度\n十一是", Body{p("01.前导零"), p("100.三位数"), p("(2022)年度"), p("十一是")}},
		{"heading keeps its paragraph", "一、总体情况。今年以来，我市……", Body{h(1, "一、总体情况。今年以来，我市……")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ParseText(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseText(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
		})
	}
}

// The seed reply pasted as plain text — one paragraph a line, 一、 headings —
// reads as the JSON seed numbered.
func TestParseTextSeed(t *testing.T) {
	d, err := Decode(readTestdata(t, "fenban-1234.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := d.Body.Numbered()
	var b strings.Builder
	for _, blk := range want {
		if blk.Heading == 0 {
			b.WriteString("\u3000\u3000") // as a word processor indents
		}
		b.WriteString(blk.Text + "\r\n\r\n")
	}
	if got := ParseText(b.String()); !reflect.DeepEqual(got, want) {
		t.Fatalf("ParseText of the seed as text\n got %+v\nwant %+v", got, want)
	}
	if want[1].Text != "一、服务产业，积极培育技能人才" || want[5].Text != "二、结合需求，畅通职称评审路径" {
		t.Fatalf("numbered headings: %q, %q", want[1].Text, want[5].Text)
	}
}

func TestNumbered(t *testing.T) {
	h := func(level int, text string) Block { return Block{Heading: level, Text: text} }
	in := Body{
		h(1, "甲"), h(2, "子"), h(3, "细"), h(4, "末"), h(4, "末"), {Text: "段落"}, h(2, "丑"),
		h(1, "三、自编"), h(1, "乙"), h(2, "（五）自编"), h(2, "寅"), h(3, "细"),
	}
	want := []string{
		"一、甲", "（一）子", "1.细", "（1）末", "（2）末", "段落", "（二）丑",
		"三、自编", "四、乙", "（五）自编", "（六）寅", "1.细",
	}
	got := in.Numbered()
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("block %d: %q, want %q", i, got[i].Text, want[i])
		}
	}
	if in[0].Text != "甲" {
		t.Error("Numbered changed its receiver")
	}
}

func TestSplitOrdinal(t *testing.T) {
	for _, tc := range []struct {
		level           int
		text, ord, rest string
	}{
		{1, "一、服务产业", "一、", "服务产业"},
		{1, "十二、\u3000其他", "十二、", "其他"},
		{2, "（三）标准先行", "（三）", "标准先行"},
		{3, "1.摸清需求", "1.", "摸清需求"},
		{3, "3.5万人次", "", "3.5万人次"},
		{3, "1. 2022年工作", "1.", "2022年工作"},
		{4, "(2)第二项", "(2)", "第二项"},
		{1, "（一）级别不符", "", "（一）级别不符"},
		{2, "服务产业", "", "服务产业"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			ord, rest := SplitOrdinal(tc.level, tc.text)
			if ord != tc.ord || rest != tc.rest {
				t.Errorf("SplitOrdinal(%d, %q) = %q, %q; want %q, %q", tc.level, tc.text, ord, rest, tc.ord, tc.rest)
			}
		})
	}
}

func TestOrdinal(t *testing.T) {
	for _, tc := range []struct {
		level, n int
		want     string
	}{
		{1, 1, "一、"}, {1, 10, "十、"}, {1, 11, "十一、"}, {1, 20, "二十、"}, {1, 99, "九十九、"},
		{1, 101, "一百零一、"}, {1, 110, "一百一十、"}, {2, 3, "（三）"}, {3, 12, "12."}, {4, 7, "（7）"},
	} {
		if got := Ordinal(tc.level, tc.n); got != tc.want {
			t.Errorf("Ordinal(%d, %d) = %q, want %q", tc.level, tc.n, got, tc.want)
		}
		if lv, n, _ := matchOrdinal(tc.want + "文字"); lv != tc.level || n != tc.n {
			t.Errorf("matchOrdinal(%q) = %d, %d; want %d, %d", tc.want, lv, n, tc.level, tc.n)
		}
	}
}

// FuzzParseText: no panic, and no character lost — every non-space character of
// the input is in the blocks, in order.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{
		"一、服务产业\r\n\u3000\u3000一是校企共建。\r（一）标题\n1.　要点\n（1）细目\n3.5万\n2022年",
		"(一)\n1、\n十、 x\n\v\f\u2028\u2029\u0085",
		"\xff\xfe一、\t\xe4\xb8",
		"\xe4\xb8\u2028\xa9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		body := ParseText(s)
		var got []rune // block by block: bytes of a broken character split by a line break stay apart
		for _, b := range body {
			if b.Text == "" || b.Heading < 0 || b.Heading > 4 {
				t.Fatalf("bad block %+v", b)
			}
			if b.Heading > 0 {
				if ord, _ := SplitOrdinal(b.Heading, b.Text); ord == "" {
					t.Fatalf("heading %q has no ordinal of level %d", b.Text, b.Heading)
				}
			}
			got = append(got, nonSpace(b.Text)...)
		}
		if want := nonSpace(s); !slices.Equal(got, want) {
			t.Fatalf("characters lost:\n in %q\nout %q", string(want), string(got))
		}
		body.Numbered()
	})
}

// nonSpace lists the characters of s other than white space, as decoded from s
// itself (a broken UTF-8 sequence gives one U+FFFD a byte).
func nonSpace(s string) []rune {
	var rs []rune
	for _, r := range s {
		if !unicode.IsSpace(r) {
			rs = append(rs, r)
		}
	}
	return rs
}
