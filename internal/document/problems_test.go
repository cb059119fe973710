package document

import (
	"encoding/base64"
	"strings"
	"testing"
)

// want is one expected problem: its exact path and a piece of its message.
type want struct{ path, msg string }

func TestDocumentProblems(t *testing.T) {
	table := func(cols, rows string) string {
		return `[{"table":{"columns":` + cols + `,"rows":` + rows + `}}]`
	}
	sig := func(date string) string {
		return `,"signature":{"name":"株洲市人力资源和社会保障局","date":"` + date + `","seal":"stamp"}`
	}
	jpeg := base64.StdEncoding.EncodeToString([]byte("\xff\xd8\xff\xe0 not really a jpeg"))
	for _, tc := range []struct {
		name string
		in   string
		want []want
	}{
		{"malformed JSON", "{\n  \"issuer\": \"x\",\n}", []want{{"", "第 3 行第 1 列"}}},
		{"truncated JSON", `{"issuer": "x"`, []want{{"", "缺少右括号"}}},
		{"Chinese quotes", `{“issuer”: "x"}`, []want{{"", "第 1 行第 2 列"}}},
		{"invalid UTF-8", "{\"issuer\": \"\xff\"}", []want{{"", "UTF-8"}}},
		{"not an object", `[1]`, []want{{"", "应为一个 JSON 对象"}}},
		{"empty input", " \n", []want{{"", "输入为空"}}},
		{"input too large", strings.Repeat(" ", MaxInputBytes+1), []want{{"", "上限为 32 MB"}}},
		{"unknown top-level field", minimalDoc(`,"signatur":{}`), []want{{"signatur", "是否应为 signature"}}},
		{"unknown nested field", minimalDoc(`,"signature":{"date":"2022-07-05","seel":"stamp"}`), []want{{"signature.seel", "是否应为 seal"}}},
		{"field in wrong case", minimalDoc(`,"DocNumber":"株人社字〔2022〕27号"`), []want{{"DocNumber", "docNumber"}}},
		{"field given twice", minimalDoc(`,"title":"又一个标题"`), []want{{"title", "重复"}}},
		{"three wrong types", docWithBody(`[{"heading":"1","text":"标题"}]`, `,"copyNumber":123,"addressees":"刘新华代表"`), []want{
			{"body[0].heading", "应为整数"}, {"copyNumber", `"123"`}, {"addressees", `["刘新华代表"]`}}},
		{"shape and meaning at once", minimalDoc(`,"docNumber":"株人社字[2022]27号","signature":{"date":"2022-02-30","seal":{"image":"not base64!"}}`), []want{
			{"signature.seal.image", "base64"}, {"signature.date", "只有 28 天"}, {"docNumber", "应写作 株人社字〔2022〕27号"}}},
		{"no echo of a pruned value", `{"issuer":"某局","title":42,"body":"正文","addressees":["市教育局",7]}`, []want{
			{"title", "应为字符串"}, {"addressees[1]", "应为字符串"}}},
		{"body of wrong type", docWithBody(`42`, ""), []want{{"body", "纯文本字符串"}}},
		{"heading not whole", docWithBody(`[{"heading":1.5,"text":"标题"}]`, ""), []want{{"body[0].heading", "整数"}}},
		{"row cell of wrong JSON type", docWithBody(table(`[{"key":"a","label":"甲"}]`, `[{"a":true}]`), ""), []want{{"body[0].table.rows[0].a", "字符串或数字"}}},
		{"docNumber square brackets and zero", minimalDoc(`,"docNumber":"株人社字[2022]027号"`), []want{{"docNumber", "六角括号〔〕而不是 []，序号不编虚位（不加前导0），应写作 株人社字〔2022〕27号"}}},
		{"docNumber parentheses", minimalDoc(`,"docNumber":"株人社字（2022）27号"`), []want{{"docNumber", "应写作 株人社字〔2022〕27号"}}},
		{"docNumber small brackets", minimalDoc(`,"docNumber":"株人社字﹝2022﹞27号"`), []want{{"docNumber", "应写作 株人社字〔2022〕27号"}}},
		{"docNumber two-digit year", minimalDoc(`,"docNumber":"株人社字〔22〕27号"`), []want{{"docNumber", "年份应写全4位，应写作 株人社字〔2022〕27号"}}},
		{"docNumber 第", minimalDoc(`,"docNumber":"株人社字〔2022〕第27号"`), []want{{"docNumber", "序号前不加“第”"}}},
		{"docNumber without 号", minimalDoc(`,"docNumber":"株人社字〔2022〕27"`), []want{{"docNumber", "应写作 株人社字〔2022〕27号"}}},
		{"docNumber shapeless", minimalDoc(`,"docNumber":"27号"`), []want{{"docNumber", "代字〔年份〕序号号"}}},
		{"month 13", minimalDoc(sig("2022-13-01")), []want{{"signature.date", "月份 13 不存在"}}},
		{"February 30", minimalDoc(sig("2022-02-30")), []want{{"signature.date", "2022年2月只有 28 天"}}},
		{"slashes", minimalDoc(sig("2022/07/05")), []want{{"signature.date", "应写作 2022-07-05"}}},
		{"no leading zeros", minimalDoc(sig("2022-7-5")), []want{{"signature.date", "应写作 2022-07-05"}}},
		{"date missing", minimalDoc(`,"signature":{"seal":"none"}`), []want{{"signature.date", "缺少日期"}}},
		{"printer date", minimalDoc(`,"printer":{"name":"办公室","date":"2023-02-29"}`), []want{{"printer.date", "只有 28 天"}}},
		{"short copyNumber", minimalDoc(`,"copyNumber":"123"`), []want{{"copyNumber", "应写作 000123"}}},
		{"copyNumber with letter", minimalDoc(`,"copyNumber":"00012a"`), []want{{"copyNumber", "6位阿拉伯数字"}}},
		{"seal bad base64", minimalDoc(`,"signature":{"date":"2022-07-05","seal":{"image":"not base64!"}}`), []want{{"signature.seal.image", "base64"}}},
		{"seal not PNG", minimalDoc(`,"signature":{"date":"2022-07-05","seal":{"image":"aGVsbG8="}}`), []want{{"signature.seal.image", "不是 PNG"}}},
		{"seal JPEG", minimalDoc(`,"signature":{"date":"2022-07-05","seal":{"image":"` + jpeg + `"}}`), []want{{"signature.seal.image", "JPEG"}}},
		{"seal mode typo", minimalDoc(`,"signature":{"date":"2022-07-05","seal":"stmap"}`), []want{{"signature.seal", `"stamp"`}}},
		{"seal of wrong type", minimalDoc(`,"signature":{"date":"2022-07-05","seal":true}`), []want{{"signature.seal", `"none"`}}},
		{"heading 5", docWithBody(`[{"heading":5,"text":"标题"}]`, ""), []want{{"body[0].heading", "应为 1–4"}}},
		{"heading of another level", docWithBody(`[{"heading":2,"text":"一、标题"}]`, ""), []want{{"body[0].text", "改 heading 为 1"}}},
		{"text and table", docWithBody(`[{"text":"说明","table":{"columns":[{"key":"a","label":"甲"}],"rows":[{"a":"1"}]}}]`, ""), []want{{"body[0]", "只能有 text 或 table 之一"}}},
		{"empty block", docWithBody(`[{}]`, ""), []want{{"body[0]", "块为空"}}},
		{"row type mismatch", docWithBody(table(`[{"key":"a","label":"甲"},{"key":"n","label":"数","type":"int"}]`, `[{"a":"x","n":"abc"}]`), ""), []want{{"body[0].table.rows[0].n", "整数"}}},
		{"fraction in int column", docWithBody(table(`[{"key":"a","label":"甲"},{"key":"n","label":"数","type":"int"}]`, `[{"a":"x","n":1.5}]`), ""), []want{{"body[0].table.rows[0].n", "整数"}}},
		{"duplicate column key", docWithBody(table(`[{"key":"a","label":"甲"},{"key":"a","label":"乙"}]`, `[{"a":"x"}]`), ""), []want{{"body[0].table.columns[1].key", "重复"}}},
		{"unknown row key", docWithBody(table(`[{"key":"a","label":"甲"}]`, `[{"a":"x","b":"y"}]`), ""), []want{{"body[0].table.rows[0].b", "b"}}},
		{"bad column type", docWithBody(table(`[{"key":"a","label":"甲","type":"money"}]`, `[{"a":"x"}]`), ""), []want{{"body[0].table.columns[0].type", "money"}}},
		{"missing issuer", `{"title":"标题","body":"正文"}`, []want{{"issuer", "缺少发文机关全称"}}},
		{"missing title", `{"issuer":"某局","body":"正文"}`, []want{{"title", "缺少标题"}}},
		{"format typo", minimalDoc(`,"format":"letters"`), []want{{"format", "是否应为 letter"}}},
		{"kind typo", minimalDoc(`,"kind":"fenbna"`), []want{{"kind", "是否应为 fenban"}}},
		{"urgency for telegrams", minimalDoc(`,"urgency":"特提"`), []want{{"urgency", "只用于电报"}}},
		{"urgency unknown", minimalDoc(`,"urgency":"急"`), []want{{"urgency", "特急 或 加急"}}},
		{"secrecy with hollow star", minimalDoc(`,"secrecy":"秘密☆一年"`), []want{{"secrecy", "应写作 秘密★1年"}}},
		{"secrecy unknown", minimalDoc(`,"secrecy":"内部"`), []want{{"secrecy", "秘密、机密 或 绝密"}}},
		{"category too long", minimalDoc(`,"category":"已经解决了"`), []want{{"category", "不超过4个字"}}},
		{"empty signer", minimalDoc(`,"signers":["张三",""]`), []want{{"signers[1]", "名称为空"}}},
		{"empty cc", minimalDoc(`,"cc":["市政府督查室","  "]`), []want{{"cc[1]", "名称为空"}}},
		{"control character", docWithBody(`[{"text":"正文\u0007。"}]`, ""), []want{{"body[0].text", "U+0007"}}},
		{"newline in a paragraph", docWithBody(`[{"text":"第一段\n第二段"}]`, ""), []want{{"body[0].text", "换行符"}}},
		{"attachment without title", minimalDoc(`,"attachments":[{"body":"正文"}]`), []want{{"attachments[0].title", "缺少附件名称"}}},
		{"attachment with body and table", minimalDoc(`,"attachments":[{"title":"表","body":"说明","table":{"columns":[{"key":"a","label":"甲"}],"rows":[{"a":"1"}]}}]`), []want{{"attachments[0]", "body 或 table 之一"}}},
		{"too many blocks", docWithBody(quote(strings.Repeat("一段。\n", MaxBlocks+1)), ""), []want{{"body", "超过上限 2000 个"}}},
		{"body too long", docWithBody(quote(strings.Repeat("字", MaxBodyChars+1)), ""), []want{{"body", "超过上限 200000 字"}}},
		{"title too long", `{"issuer":"某局","body":"正文","title":"` + strings.Repeat("标", MaxTitleChars+1) + `"}`, []want{{"title", "超过上限 200 字"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, check([]byte(tc.in)), tc.want)
		})
	}
}

func TestAnnexProblems(t *testing.T) {
	annex := func(tables string) string {
		return `{"title":"统计","issuer":"某局","tables":` + tables + `}`
	}
	for _, tc := range []struct {
		name string
		in   string
		want []want
	}{
		{"unknown field", `{"titel":"统计","issuer":"某局","tables":[{"kind":"jobfair","rows":[{"region":"全市"}]}]}`, []want{{"titel", "是否应为 title"}}},
		{"columns in a preset", annex(`[{"kind":"jobfair","columns":[],"rows":[{"region":"全市"}]}]`), []want{{"tables[0].columns", "预设表格"}}},
		{"row of wrong JSON type", annex(`[{"kind":"jobfair","rows":["全市"]}]`), []want{{"tables[0].rows[0]", "应为对象"}}},
		{"sheet name Excel refuses", annex(`[{"name":"培训/评审","kind":"jobfair","rows":[{"region":"全市"}]}]`), []want{{"tables[0].name", "不允许的字符"}}},
		{"no title", `{"issuer":"某局","tables":[{"kind":"jobfair","rows":[{"region":"全市"}]}]}`, []want{{"title", "缺少附件标题"}}},
		{"control character in a cell", annex(`[{"kind":"jobfair","rows":[{"region":"全\u0001市"}]}]`), []want{{"tables[0].rows[0].region", "U+0001"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expect(t, checkAnnex([]byte(tc.in)), tc.want)
		})
	}
}

// expect fails unless got holds exactly the wanted problems.
func expect(t *testing.T, got Problems, wants []want) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, p := range got {
			if p.Path == w.path && strings.Contains(p.Message, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem at %q containing %q", w.path, w.msg)
		}
	}
	if len(got) != len(wants) || t.Failed() {
		t.Errorf("got %d problems, want %d:\n%v", len(got), len(wants), got)
	}
}
