package batch

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want Format
	}{
		{"a.xlsx", "", FormatLedger},
		{"", "PK\x03\x04...", FormatLedger},
		{"a.jsonl", "[", FormatJSONL},
		{"", "\uFEFF  [{}]", FormatJSON},
		{"a.json", "{}\n{}", FormatJSONL},
	} {
		if got := detect(tc.name, []byte(tc.data)); got != tc.want {
			t.Errorf("detect(%q, %q) = %s, want %s", tc.name, tc.data, got, tc.want)
		}
	}
}

// TestInputProblems: problems of the whole input refuse it; problems of an
// item are reported with the item's place while the rest render.
func TestInputProblems(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	ctx := context.Background()
	good, err := json.Marshal(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, data string
		want       string // in the error
	}{
		{"empty", "", "没有文档"},
		{"not a document", `"x"`, "第1行: 应为一个 JSON 对象"},
		{"not an object", `[1]`, "第1个文档"},
		{"broken array", `[` + string(good) + `, {"issuer": }]`, "[1]"},
		{"unterminated", `[` + string(good), "没有正确结束"},
		{"all invalid", `[{"issuer": "x", "titel": "y"}]`, "第1个文档.titel"},
		{"bad xlsx", "PK\x03\x04garbage", "Excel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Create(ctx, Input{Data: []byte(tc.data)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	t.Run("some invalid", func(t *testing.T) {
		lines := string(good) + "\n\n" + `{"issuer": "x", "body": "正文", "titel": "y"}` + "\n" + string(good) + "\n"
		st, err := e.Create(ctx, Input{Data: []byte(lines), Format: FormatJSONL})
		if err != nil {
			t.Fatal(err)
		}
		if st.Total != 3 || st.Invalid != 1 || len(st.Errors) == 0 {
			t.Fatalf("status %+v", st)
		}
		if got := st.Errors[0]; got.Item != 1 || got.Row != 3 || got.Where != "第3行" || got.Field != "titel" {
			t.Errorf("error %+v, want item 1 on line 3 at titel", got)
		}
		if p := waitEnded(t, e, st.ID, time.Minute); p.State != Done || p.Rendered != 2 {
			t.Fatalf("batch ended %+v", p)
		}
	})
}

// TestJSONArray renders a JSON array given explicit numbers, options applied.
func TestJSONArray(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	doc := seed(t)
	delete(doc["signature"].(map[string]any), "date")
	doc["docNumber"] = "株人社字〔2022〕27号"
	two := []any{doc, doc}
	data, _ := json.Marshal(two)
	st, err := e.Create(context.Background(), Input{Data: data, Options: Options{Date: "2022-07-05", Simplex: true}})
	if err != nil {
		t.Fatal(err)
	}
	if p := waitEnded(t, e, st.ID, time.Minute); p.State != Done || p.Rendered != 2 {
		t.Fatalf("batch ended %+v", p)
	}
	a := readResult(t, e, st.ID)
	want := []string{"株人社字〔2022〕27号.pdf", "株人社字〔2022〕27号 (2).pdf"}
	if got := a.pdfs(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("PDFs %v, want %v", got, want)
	}
	if a.summary[1][6] != "2022-07-05" {
		t.Errorf("the date option was not applied: %v", a.summary[1])
	}
}
