package web

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// testTables runs the page's own tableFromTSV (tsv.js) in the browser on
// what spreadsheets put on the clipboard, and compares the tables it makes
// with the contract's {columns, rows}.
func testTables(t *testing.T, ctx context.Context) {
	tests := []struct {
		name string
		tsv  string
		want string // {table, problems} as JSON
	}{
		{"labels and number columns",
			"地区\t场次\t求职人次\t占比\r\n荷塘区\t19\t1,880\t12.5%\r\n芦淞区\t9\t520\t8%\r\n",
			`{"table":{"columns":[{"key":"c1","label":"地区","type":"text"},{"key":"c2","label":"场次","type":"int"},{"key":"c3","label":"求职人次","type":"int"},{"key":"c4","label":"占比","type":"percent"}],
			"rows":[{"c1":"荷塘区","c2":19,"c3":1880,"c4":0.125},{"c1":"芦淞区","c2":9,"c3":520,"c4":0.08}]},"problems":[]}`},
		{"a 合计 row becomes the renderer's sum",
			"地区\t金额\n甲\t1.5\n乙\t2\n合计\t3.5\n",
			`{"table":{"columns":[{"key":"c1","label":"地区","type":"text"},{"key":"c2","label":"金额","type":"number","sum":true}],
			"rows":[{"c1":"甲","c2":1.5},{"c1":"乙","c2":2}]},"problems":[]}`},
		{"a title row, a quoted cell with a line break, blanks left out",
			"2022年招聘情况\t\t\n地区\t说明\t人数\n\"荷塘区\n（第1批）\"\t\t３\n芦淞区\t含\"夜场\"\t—\n",
			`{"table":{"title":"2022年招聘情况","columns":[{"key":"c1","label":"地区","type":"text"},{"key":"c2","label":"说明","type":"text"},{"key":"c3","label":"人数","type":"text"}],
			"rows":[{"c1":"荷塘区\n（第1批）","c3":"３"},{"c1":"芦淞区","c2":"含\"夜场\"","c3":"—"}]},"problems":[]}`},
		{"a cell beyond the header is a problem, not a loss",
			"地区\t人数\n甲\t1\t多余\n",
			`{"table":{"columns":[{"key":"c1","label":"地区","type":"text"},{"key":"c2","label":"人数","type":"int"}],"rows":[{"c1":"甲","c2":1}]},
			"problems":[{"path":"rows[0]","message":"有 3 格内容，表头只有 2 列；请补全表头或删去多余的格"}]}`},
		{"nothing pasted", "\n\t\n",
			`{"table":null,"problems":[{"path":"","message":"表格为空：请在 Excel 中选中表格（含表头）复制，再粘贴到这里"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arg, _ := json.Marshal(tt.tsv)
			got := value(t, ctx, "tableFromTSV", 10*time.Second,
				evalAsync[string](fmt.Sprintf(`import('/assets/js/tsv.js').then(m => JSON.stringify(m.tableFromTSV(%s)))`, arg)))
			if !sameJSON(t, got, tt.want) {
				t.Errorf("tableFromTSV(%q)\n got %s\nwant %s", tt.tsv, got, tt.want)
			}
		})
	}
}

func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return fmt.Sprint(x) == fmt.Sprint(y)
}
