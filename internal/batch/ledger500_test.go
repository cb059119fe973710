package batch

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestLedger500 renders a ledger of 500 proposals of every reply kind. The ZIP
// holds 500 PDFs, and its summary workbook lists all 500 in ledger order.
// With GONGWEN_GWCHECK naming the gwcheck tool (../shared/tools/gwcheck),
// every PDF is also measured against GB/T 9704.
func TestLedger500(t *testing.T) {
	if testing.Short() {
		t.Skip("500 documents: not with -short")
	}
	const n = 500
	kinds := []struct{ typ, kind, lead, category string }{
		{"建议", "分办意见", "", ""},
		{"建议", "主办答复", "", "A"},
		{"建议", "协办意见", "市工业和信息化局", ""},
		{"提案", "提案答复", "", "B"},
	}
	surnames := []rune("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨")
	var rows [][]any
	for i := range n {
		k := kinds[i%len(kinds)]
		session := "市十六届人大一次会议"
		if k.typ == "提案" {
			session = "十届二次会议"
		}
		deputy := string(surnames[i%len(surnames)]) + "某" + strconv.Itoa(i)
		date := time.Date(2022, 7, 1+i%28, 0, 0, 0, 0, time.UTC)
		rows = append(rows, []any{i + 1, k.typ, session, strconv.Itoa(2000 + i),
			fmt.Sprintf("关于第%d项产业人才工作的%s", i+1, k.typ), deputy, k.kind, k.lead, k.category,
			"zhuzhou-hrss", "", date, date, "同意对外公开", exampleBody, ""})
	}
	e := openEngine(t, testConfig(t, t.TempDir()))
	st, err := e.Create(context.Background(), Input{Data: writeLedger(t, ledgerHeaders, rows), Name: "台账.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Errors) > 0 {
		t.Fatalf("problems: %v", st.Errors[:min(5, len(st.Errors))])
	}
	if p := waitEnded(t, e, st.ID, 3*time.Minute); p.State != Done || p.Rendered != n {
		t.Fatalf("batch ended %+v", p)
	}
	a := readResult(t, e, st.ID)
	if got := len(a.pdfs()); got != n {
		t.Fatalf("ZIP holds %d PDFs, want %d", got, n)
	}
	if len(a.summary) != n+1 {
		t.Fatalf("summary lists %d proposals, want %d", len(a.summary)-1, n)
	}
	for i, row := range a.summary[1:] {
		number := fmt.Sprintf("株人社字〔2022〕%d号", 28+i)
		want := rows[i]
		if row[0] != strconv.Itoa(i+1) || row[1] != number || row[4] != kinds[i%len(kinds)].kind ||
			row[8] != statusRendered || row[10] != number+".pdf" {
			t.Fatalf("summary row %d: %v", i+1, row)
		}
		if kinds[i%len(kinds)].kind != "协办意见" && row[2] != want[5] {
			t.Errorf("summary row %d: 提出人 %q, want %q", i+1, row[2], want[5])
		}
		if pages, err := strconv.Atoi(row[7]); err != nil || pages < 1 {
			t.Errorf("summary row %d: pages %q", i+1, row[7])
		}
		if _, ok := a.files[row[10]]; !ok {
			t.Errorf("summary row %d names %s, which the ZIP lacks", i+1, row[10])
		}
	}
	if tool := os.Getenv("GONGWEN_GWCHECK"); tool != "" {
		gwcheck(t, tool, a)
	}
}

// gwcheck writes the archive's PDFs out and measures them all with the tool.
func gwcheck(t *testing.T, tool string, a *archive) {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for i, name := range a.pdfs() {
		p := filepath.Join(dir, strconv.Itoa(i)+".pdf")
		if err := os.WriteFile(p, a.files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	for start := 0; start < len(files); start += 50 {
		out, err := exec.Command(tool, files[start:min(start+50, len(files))]...).CombinedOutput()
		if err != nil {
			t.Fatalf("gwcheck: %v\n%s", err, out)
		}
	}
	t.Logf("gwcheck: %d PDFs, no errors", len(files))
}
