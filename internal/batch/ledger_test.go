package batch

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

var update = flag.Bool("update", false, "rewrite testdata/ledger-example.xlsx")

// ledgerHeaders are the columns of the example ledger, in LEDGER.md's order.
var ledgerHeaders = []string{"序号", "类型", "会议", "编号", "标题", "提出人", "答复类型", "主办单位",
	"答复类别", "办文单位", "发文字号", "成文日期", "印发日期", "公开属性", "答复正文", "附注"}

// writeLedger writes a ledger workbook: a sheet 台账 with headers, then rows.
// A time.Time cell is written as an Excel date, as offices type them.
func writeLedger(t testing.TB, headers []string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "台账"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("台账")
	if err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			if d, ok := v.(time.Time); ok {
				cells[i] = excelize.Cell{StyleID: dateStyle, Value: d}
			} else {
				cells[i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const exampleBody = "一、服务产业，积极培育技能人才\n我市在陶瓷行业龙头企业及规模企业中建立了8家企业培训中心，重点培养陶瓷产业紧缺急需的专业技术人才。\n二、结合需求，畅通职称评审路径\n2021年我市开展工美系列中、初级职称专场评审，参评中级36名，通过30名，认定初级46名。"

// exampleRows are one proposal of each reply kind. (The built-in liling-hrss
// profile cannot render yet: it is 信函格式 yet gives a 印发机关, which
// validation refuses for letters.)
func exampleRows() [][]any {
	d := time.Date(2022, 7, 5, 0, 0, 0, 0, time.UTC)
	return [][]any{
		{1, "建议", "市十六届人大一次会议", "1234", "关于加强产业人才培养的建议", "刘新华", "分办意见", "", "", "zhuzhou-hrss", "", d, d, "同意对外公开", exampleBody, ""},
		{2, "建议", "市十六届人大一次会议", "1240", "关于支持陶瓷产业工人技能提升的建议", "张某、李某", "主办答复", "", "A", "株洲市人力资源和社会保障局", "", "2022-07-06", "2022-07-06", "同意对外公开", exampleBody, ""},
		{3, "建议", "市十六届人大一次会议", "1251", "关于完善职称评审绿色通道的建议", "王某", "协办意见", "市工业和信息化局", "", "zhuzhou-hrss", "", "2022年7月7日", "2022年7月7日", "", exampleBody, ""},
		{4, "提案", "十届二次会议", "88", "关于做优招才引智平台的提案", "赵某", "提案答复", "", "B", "zhuzhou-hrss", "", "2022/7/8", "2022/7/8", "同意对外公开", exampleBody, "联系人：张某，联系电话：0731-28680001"},
	}
}

// TestLedgerExample writes (with -update) and reads back the example ledger
// of LEDGER.md, and renders it.
func TestLedgerExample(t *testing.T) {
	path := filepath.Join("testdata", "ledger-example.xlsx")
	if *update {
		if err := os.WriteFile(path, writeLedger(t, ledgerHeaders, exampleRows()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	e := openEngine(t, testConfig(t, t.TempDir()))
	st, err := e.Create(context.Background(), Input{Data: data, Name: "ledger-example.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Errors) > 0 {
		t.Fatalf("the example ledger has problems: %v", st.Errors)
	}
	if p := waitEnded(t, e, st.ID, time.Minute); p.State != Done || p.Rendered != 4 {
		t.Fatalf("batch ended %+v", p)
	}
	a := readResult(t, e, st.ID)
	want := []string{"株人社字〔2022〕28号.pdf", "株人社字〔2022〕29号.pdf", "株人社字〔2022〕30号.pdf", "株人社字〔2022〕31号.pdf"}
	if got := a.pdfs(); !slices.Equal(got, want) {
		t.Errorf("PDFs %v, want %v", got, want)
	}
	wantRows := [][]string{
		{"1", "株人社字〔2022〕28号", "刘新华", "对市十六届人大一次会议第1234号建议的分办意见", "分办意见", "", "2022-07-05"},
		{"2", "株人社字〔2022〕29号", "张某、李某", "", "主办答复", "A", "2022-07-06"},
		{"3", "株人社字〔2022〕30号", "", "", "协办意见", "", "2022-07-07"},
		{"4", "株人社字〔2022〕31号", "赵某", "", "提案答复", "B", "2022-07-08"},
	}
	for i, w := range wantRows {
		row := a.summary[i+1]
		for j, cell := range w {
			if cell != "" && row[j] != cell {
				t.Errorf("summary row %d column %s = %q, want %q", i+1, a.summary[0][j], row[j], cell)
			}
		}
		if row[8] != statusRendered {
			t.Errorf("summary row %d: status %q", i+1, row[8])
		}
	}
}

// TestLedgerDocumented keeps LEDGER.md and the columns the code reads in step.
func TestLedgerDocumented(t *testing.T) {
	doc, err := os.ReadFile("LEDGER.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ledgerColumns {
		line := "| " + c.header + " |"
		if !bytes.Contains(doc, []byte(line)) {
			t.Errorf("LEDGER.md has no row for column %s", c.header)
			continue
		}
		i := bytes.Index(doc, []byte(line))
		row := string(doc[i : i+bytes.IndexByte(doc[i:], '\n')])
		for _, a := range c.aliases {
			if !strings.Contains(row, a) {
				t.Errorf("LEDGER.md: column %s does not list its alias %s", c.header, a)
			}
		}
		if c.path != "" && !strings.Contains(row, "`"+c.path+"`") {
			t.Errorf("LEDGER.md: column %s does not say it fills %s", c.header, c.path)
		}
	}
	if !slices.Equal(ledgerHeaders, func() []string {
		var hs []string
		for _, c := range ledgerColumns {
			hs = append(hs, c.header)
		}
		return hs
	}()) {
		t.Error("the example ledger's columns differ from ledgerColumns")
	}
}

// TestLedgerProblems: a bad header stops the whole ledger; a bad row is
// reported by row and column while the others render.
func TestLedgerProblems(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	ctx := context.Background()
	good := exampleRows()[0]

	t.Run("unknown header", func(t *testing.T) {
		headers := slices.Clone(ledgerHeaders)
		headers[4] = "建议题目"
		_, err := e.Create(ctx, Input{Data: writeLedger(t, headers, [][]any{good}), Name: "x.xlsx"})
		if err == nil || !strings.Contains(err.Error(), "建议题目") || !strings.Contains(err.Error(), "E1") {
			t.Fatalf("want an error naming the header and its cell, got %v", err)
		}
	})
	t.Run("duplicate header", func(t *testing.T) {
		headers := append(slices.Clone(ledgerHeaders), "建议编号")
		_, err := e.Create(ctx, Input{Data: writeLedger(t, headers, [][]any{good}), Name: "x.xlsx"})
		if err == nil || !strings.Contains(err.Error(), "重复") {
			t.Fatalf("want a duplicate-column error, got %v", err)
		}
	})
	t.Run("rows", func(t *testing.T) {
		badDate := slices.Clone(good)
		badDate[11] = "七月五日"
		noNumber := slices.Clone(good)
		noNumber[3] = ""
		badKind := slices.Clone(good)
		badKind[6] = "转办"
		badCategory := slices.Clone(exampleRows()[1])
		badCategory[8] = "E"
		rows := [][]any{good, badDate, noNumber, {}, badKind, badCategory}
		st, err := e.Create(ctx, Input{Data: writeLedger(t, ledgerHeaders, rows), Name: "x.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			row   int
			field string
			text  string
		}{
			{3, "成文日期", "不是日期"},
			{4, "编号", "分办意见需要"},
			// row 5 is blank and skipped
			{6, "答复类型", "分办意见（fenban）"},
			{7, "答复类别", "zhuzhou-hrss 的方案为：A、B、C"},
		}
		if len(st.Errors) != len(want) || st.Invalid != 4 || st.Total != 5 {
			t.Fatalf("status: total %d, invalid %d, errors %v", st.Total, st.Invalid, st.Errors)
		}
		for i, w := range want {
			got := st.Errors[i]
			if got.Row != w.row || got.Field != w.field || !strings.Contains(got.Message, w.text) {
				t.Errorf("error %d = %+v, want row %d field %s containing %q", i, got, w.row, w.field, w.text)
			}
		}
		if p := waitEnded(t, e, st.ID, time.Minute); p.State != Done || p.Rendered != 1 || p.Invalid != 4 {
			t.Fatalf("batch ended %+v", p)
		}
		a := readResult(t, e, st.ID)
		if len(a.pdfs()) != 1 || len(a.summary) != 6 {
			t.Fatalf("ZIP %v, summary %d rows", a.names, len(a.summary))
		}
		if row := a.summary[2]; row[8] != statusInvalid || !strings.Contains(row[9], "成文日期") {
			t.Errorf("summary of the bad date: %v", row)
		}
	})
	t.Run("all invalid", func(t *testing.T) {
		bad := slices.Clone(good)
		bad[11] = "明天"
		_, err := e.Create(ctx, Input{Data: writeLedger(t, ledgerHeaders, [][]any{bad, bad}), Name: "x.xlsx"})
		if err == nil || !strings.Contains(err.Error(), "第2行.成文日期") || !strings.Contains(err.Error(), "第3行.成文日期") {
			t.Fatalf("want both rows' problems, got %v", err)
		}
	})
}

// TestFindColumn: names as offices write them.
func TestFindColumn(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"编号", "编号"}, {"建议编号", "编号"}, {" 成文日期（YYYY-MM-DD）* ", "成文日期"},
		{"proposal.deputies", "提出人"}, {"领衔代表", "提出人"}, {"办文单位", "办文单位"},
		{"建议题目", ""}, {"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			c, ok := findColumn(tc.in)
			got := ""
			if ok {
				got = c.header
			}
			if got != tc.want {
				t.Errorf("findColumn(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestLedgerDates: date cells and the ways people type dates.
func TestLedgerDates(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"44747", "2022-07-05"}, {"2022-07-05", "2022-07-05"}, {"2022/7/5", "2022-07-05"},
		{"2022.7.5", "2022-07-05"}, {"2022年7月5日", "2022-07-05"}, {"2022-07-05T00:00:00Z", "2022-07-05"},
		{"2022", ""}, {"七月", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			l := &ledgerRow{doc: &document.Document{}}
			msg := setDate(l, tc.in)
			got := ""
			if l.doc.Signature != nil {
				got = l.doc.Signature.Date
			}
			if got != tc.want || (tc.want == "") != (msg != "") {
				t.Errorf("setDate(%q) = %q, %q; want %q", tc.in, got, msg, tc.want)
			}
		})
	}
}

func ExampleItemError() {
	fmt.Println(ItemError{Row: 5, Where: "第5行", Field: "成文日期", Message: "“七月五日”不是日期"})
	// Output: 第5行 成文日期：“七月五日”不是日期
}
