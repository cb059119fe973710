package batch

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"株人社字〔2022〕27号", "株人社字〔2022〕27号"},
		{"a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"},
		{"  ..关于\t某事的\n答复.. ", "关于 某事的 答复"},
		{"con", "_con"},
		{"\x00\x1f", ""},
		{strings.Repeat("长", 100), strings.Repeat("长", maxNameRunes)},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := sanitize(tc.in); got != tc.want {
				t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFileNames(t *testing.T) {
	valid := func(number, title string) *prepared {
		return &prepared{meta: itemMeta{Number: number, Title: title}, doc: []byte("{}")}
	}
	items := []*prepared{
		valid("株人社字〔2022〕27号", "x"),
		valid("株人社字〔2022〕27号", "y"),               // the same number twice (typed so in the ledger)
		{meta: itemMeta{Number: "株人社字〔2022〕28号"}}, // invalid: no file
		valid("", "关于某事的答复"),
		valid("", ""),
		valid("A/1", ""),
		valid("a_1", ""), // the same as A/1 once sanitised and case folded
		valid("办理情况汇总表.xlsx", ""),
	}
	for i, p := range items {
		p.meta.Item = i
	}
	fileNames(items)
	want := []string{"株人社字〔2022〕27号.pdf", "株人社字〔2022〕27号 (2).pdf", "", "关于某事的答复.pdf",
		"文档5.pdf", "A_1.pdf", "a_1 (2).pdf", "办理情况汇总表.xlsx.pdf"}
	for i, p := range items {
		if p.meta.File != want[i] {
			t.Errorf("item %d: %q, want %q", i, p.meta.File, want[i])
		}
	}
}
