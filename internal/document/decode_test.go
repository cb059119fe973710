package document

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// check runs what a request goes through: Decode, then Validate.
func check(data []byte) Problems {
	d, err := Decode(data)
	if err != nil {
		var ps Problems
		if !errors.As(err, &ps) {
			return Problems{{Message: "not Problems: " + err.Error()}}
		}
		return ps
	}
	return d.Validate()
}

func checkAnnex(data []byte) Problems {
	a, err := DecodeAnnex(data)
	if err != nil {
		var ps Problems
		if !errors.As(err, &ps) {
			return Problems{{Message: "not Problems: " + err.Error()}}
		}
		return ps
	}
	return a.Validate()
}

func TestExamplesAreValid(t *testing.T) {
	for _, name := range []string{"fenban-1234.json", "fenban-1234.proposal.json"} {
		t.Run(name, func(t *testing.T) {
			if ps := check(readTestdata(t, name)); len(ps) > 0 {
				t.Fatalf("problems:\n%v", ps)
			}
		})
	}
	t.Run("annex-ceramics.json", func(t *testing.T) {
		if ps := checkAnnex(readTestdata(t, "annex-ceramics.json")); len(ps) > 0 {
			t.Fatalf("problems:\n%v", ps)
		}
	})
}

func TestDecodeSeed(t *testing.T) {
	d, err := Decode(readTestdata(t, "fenban-1234.json"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Signature.Seal.Mode != SealStamp {
		t.Errorf("seal mode = %q, want stamp", d.Signature.Seal.Mode)
	}
	if got := len(d.Body); got != 13 {
		t.Errorf("body has %d blocks, want 13", got)
	}
	if d.Body[1].Heading != 1 || d.Body[1].Text != "服务产业，积极培育技能人才" {
		t.Errorf("body[1] = %+v", d.Body[1])
	}
}

func TestSealImage(t *testing.T) {
	png := readTestdata(t, "seal-sample.png")
	for _, tc := range []struct{ name, image string }{
		{"standard", base64.StdEncoding.EncodeToString(png)},
		{"data URL", "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)},
		{"no padding", base64.RawStdEncoding.EncodeToString(png)},
		{"wrapped", wrap(base64.StdEncoding.EncodeToString(png), 76)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := minimalDoc(`,"signature":{"name":"株洲市人力资源和社会保障局","date":"2022-07-05","seal":{"image":` + quote(tc.image) + `}}`)
			d, err := Decode([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if ps := d.Validate(); len(ps) > 0 {
				t.Fatal(ps)
			}
			if d.Signature.Seal.Mode != SealImage || !bytes.Equal(d.Signature.Seal.Image, png) {
				t.Fatalf("seal = %q with %d bytes, want image with %d", d.Signature.Seal.Mode, len(d.Signature.Seal.Image), len(png))
			}
			// Marshal writes what Decode reads.
			out, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Decode(out)
			if err != nil {
				t.Fatalf("round trip: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(back, d) {
				t.Fatalf("round trip changed the document")
			}
		})
	}
}

func TestPlainTextBody(t *testing.T) {
	in := docWithBody(`"　　您提出的建议收悉。\r\n一、服务产业\r\n（一）校企共建\n2022年共培训3539人次。"`, "")
	d, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Body{
		{Text: "您提出的建议收悉。"},
		{Heading: 1, Text: "一、服务产业"},
		{Heading: 2, Text: "（一）校企共建"},
		{Text: "2022年共培训3539人次。"},
	}
	if !reflect.DeepEqual(d.Body, want) {
		t.Fatalf("body = %+v\nwant %+v", d.Body, want)
	}
}

func TestRowNumbersKeepTheirForm(t *testing.T) {
	in := minimalDoc(`,"attachments":[{"title":"统计表","table":{"columns":[{"key":"n","label":"数","type":"number"}],"rows":[{"n":19.10}]}}]`)
	d, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Attachments[0].Table.Rows[0]["n"]; got != json.Number("19.10") {
		t.Fatalf("cell = %#v, want json.Number 19.10", got)
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{{Path: "signature.date", Message: "缺少日期"}, {Message: "JSON 格式错误"}}
	if got, want := ps.Error(), "signature.date: 缺少日期\nJSON 格式错误"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	if Problems(nil).Err() != nil {
		t.Fatal("Err of no problems is not nil")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(readTestdata(f, "fenban-1234.json"))
	f.Add([]byte(docWithBody(`"一、标题\n正文"`, `,"signature":{"date":"2022-02-30","seal":{"image":"AAAA"}}`)))
	f.Add([]byte(`{"body":[{"table":{"columns":[{"key":"a"}],"rows":[{"a":1e400}]}}]}`))
	f.Add([]byte(`[1, {"a": null}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %v (%T) is not a non-empty Problems", err, err)
			}
			return
		}
		d.Validate()
	})
}

// minimalDoc is the smallest valid document plus extra members.
func minimalDoc(extra string) string {
	return docWithBody(`[{"text":"正文。"}]`, extra)
}

func docWithBody(body, extra string) string {
	return `{"issuer":"株洲市人力资源和社会保障局","title":"关于某事的通知","body":` + body + extra + `}`
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func wrap(s string, n int) string {
	var b bytes.Buffer
	for len(s) > n {
		b.WriteString(s[:n] + "\n")
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}
