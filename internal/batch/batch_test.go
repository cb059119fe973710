package batch

import (
	"bytes"
	"context"
	"testing"
	"time"
)

func TestBatchJSONLines(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	ctx := context.Background()
	st, err := e.Create(ctx, Input{Data: seedLines(t, 5), Name: "replies.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 5 || len(st.Errors) != 0 {
		t.Fatalf("status %+v", st)
	}
	p := waitEnded(t, e, st.ID, time.Minute)
	if p.State != Done || p.Rendered != 5 {
		t.Fatalf("progress %+v", p)
	}
	a := readResult(t, e, st.ID)
	want := []string{"株人社字〔2022〕28号.pdf", "株人社字〔2022〕29号.pdf", "株人社字〔2022〕30号.pdf", "株人社字〔2022〕31号.pdf", "株人社字〔2022〕32号.pdf"}
	got := a.pdfs()
	if len(got) != len(want) {
		t.Fatalf("PDFs %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("PDF %d is %s, want %s", i, got[i], want[i])
		}
		if !bytes.HasPrefix(a.files[got[i]], []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", got[i])
		}
	}
	if len(a.summary) != 6 {
		t.Fatalf("summary has %d rows, want 6: %v", len(a.summary), a.summary)
	}
	t.Log(a.summary[0], a.summary[1])
}
