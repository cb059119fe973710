package xlsx

import (
	"encoding/json"
	"io"
	"strconv"
	"testing"

	"gongwen/internal/document"
)

func BenchmarkWriteCeramics(b *testing.B) {
	a := ceramics(b)
	for b.Loop() {
		if err := Write(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteGeneric10k writes a 10,000-row generic table: time per row
// at scale, without the 100,000-row test's child process.
func BenchmarkWriteGeneric10k(b *testing.B) {
	a := largeAnnex(10_000)
	for b.Loop() {
		if err := Write(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}

// largeAnnex is a generic table as the decoder delivers it (json.Number cells):
// names, a count, an amount and a rate, with the count and amount summed.
func largeAnnex(rows int) *document.Annex {
	t := document.AnnexTable{Name: "明细", Table: document.Table{
		Title: "就业见习补贴发放明细",
		Unit:  "人、元",
		Columns: []document.Column{
			{Key: "no", Label: "序号", Type: document.ColText},
			{Key: "unit", Label: "见习单位", Type: document.ColText},
			{Key: "county", Label: "县市区", Type: document.ColText},
			{Key: "trainees", Label: "见习人数", Type: document.ColInt, Sum: true},
			{Key: "amount", Label: "补贴金额", Type: document.ColNumber, Sum: true},
			{Key: "rate", Label: "留用率", Type: document.ColPercent},
		},
		Rows: make([]map[string]any, rows),
	}}
	counties := []string{"荷塘区", "芦淞区", "石峰区", "天元区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县"}
	for i := range rows {
		t.Rows[i] = map[string]any{
			"no":       strconv.Itoa(i + 1),
			"unit":     "株洲市第" + strconv.Itoa(i%997+1) + "陶瓷有限公司",
			"county":   counties[i%len(counties)],
			"trainees": json.Number(strconv.Itoa(i%50 + 1)),
			"amount":   json.Number(strconv.Itoa(i%50+1) + "500.5"),
			"rate":     json.Number("0." + strconv.Itoa(i%100)),
		}
	}
	return &document.Annex{Title: "就业见习补贴", Issuer: "株洲市人力资源和社会保障局", Period: "2022年", Tables: []document.AnnexTable{t}}
}
