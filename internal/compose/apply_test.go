package compose

import (
	"reflect"
	"slices"
	"testing"

	"gongwen/internal/document"
)

var (
	one  = []string{"刘新华"}
	two  = []string{"张某", "李某"}
	five = []string{"张某", "李某", "王某", "赵某", "陈某"}
)

const (
	thanks   = "感谢您对人力资源和社会保障工作的关心和支持！"
	feedback = "对以上答复有不满意的地方，请及时与我单位联系。"
)

// Each kind with one, two and five deputies: the parts the template writes.
func TestApplyKinds(t *testing.T) {
	lib := builtIn(t)
	tests := []struct {
		name      string
		kind      string
		deputies  []string
		title     string
		addressee string
		opening   string
		closing   []string
	}{
		{"分办一人", "fenban", one, "对市十六届人大一次会议第1234号建议的分办意见", "刘新华代表",
			"您提出的《关于加强产业人才培养的建议》收悉。经研究，现将我单位分办意见答复如下。", nil},
		{"分办二人", "fenban", two, "对市十六届人大一次会议第1234号建议的分办意见", "张某、李某代表",
			"您提出的《关于加强产业人才培养的建议》收悉。经研究，现将我单位分办意见答复如下。", nil},
		{"分办五人", "fenban", five, "对市十六届人大一次会议第1234号建议的分办意见", "张某等5名代表",
			"您提出的《关于加强产业人才培养的建议》收悉。经研究，现将我单位分办意见答复如下。", nil},
		{"主办一人", "zhuban", one, "对市十六届人大一次会议第1234号建议的答复", "刘新华代表",
			"您提出的《关于加强产业人才培养的建议》收悉。经认真研究，现答复如下：", []string{feedback, thanks}},
		{"主办二人", "zhuban", two, "对市十六届人大一次会议第1234号建议的答复", "张某、李某代表",
			"您提出的《关于加强产业人才培养的建议》收悉。经认真研究，现答复如下：", []string{feedback, thanks}},
		{"主办五人", "zhuban", five, "对市十六届人大一次会议第1234号建议的答复", "张某等5名代表",
			"您提出的《关于加强产业人才培养的建议》收悉。经认真研究，现答复如下：", []string{feedback, thanks}},
		// 协办意见 goes to the lead unit whatever the number of deputies.
		{"协办一人", "xieban", one, "对市十六届人大一次会议第1234号建议的协办意见", "市教育局",
			"《关于加强产业人才培养的建议》收悉。经研究，现将我单位协办意见函告如下：", nil},
		{"协办二人", "xieban", two, "对市十六届人大一次会议第1234号建议的协办意见", "市教育局",
			"《关于加强产业人才培养的建议》收悉。经研究，现将我单位协办意见函告如下：", nil},
		{"协办五人", "xieban", five, "对市十六届人大一次会议第1234号建议的协办意见", "市教育局",
			"《关于加强产业人才培养的建议》收悉。经研究，现将我单位协办意见函告如下：", nil},
		{"提案一人", "tian", one, "对市政协十届二次会议第56号提案的答复", "刘新华委员",
			"您提出的《关于加强产业人才培养的提案》收悉。经认真研究，现答复如下：", []string{feedback, thanks}},
		{"提案二人", "tian", two, "对市政协十届二次会议第56号提案的答复", "张某、李某委员",
			"您提出的《关于加强产业人才培养的提案》收悉。经认真研究，现答复如下：", []string{feedback, thanks}},
		{"提案五人", "tian", five, "对市政协十届二次会议第56号提案的答复", "张某等5名委员",
			"您提出的《关于加强产业人才培养的提案》收悉。经认真研究，现答复如下：", []string{feedback, thanks}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := reply(tt.kind, tt.deputies...)
			switch tt.kind {
			case "zhuban":
				doc.Category = "A"
			case "xieban":
				doc.Proposal.LeadUnit = "市教育局"
			case "tian":
				doc.Proposal = &document.Proposal{Type: "提案", Session: "十届二次会议", Number: "56",
					Title: "关于加强产业人才培养的提案", Deputies: tt.deputies}
			}
			got, err := lib.Apply(doc)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if got.Title != tt.title {
				t.Errorf("title = %q, want %q", got.Title, tt.title)
			}
			if want := []string{tt.addressee}; !slices.Equal(got.Addressees, want) {
				t.Errorf("addressees = %q, want %q", got.Addressees, want)
			}
			want := slices.Concat([]string{tt.opening, "正文。"}, tt.closing)
			if !slices.Equal(texts(got.Body), want) {
				t.Errorf("body = %q, want %q", texts(got.Body), want)
			}
		})
	}
}

// A CPPCC reply is copied to the 提案委员会, not to the congress's office, and
// a session already written with 市政协 is not prefixed twice.
func TestApplyTian(t *testing.T) {
	lib := builtIn(t)
	for _, session := range []string{"十届二次会议", "市政协十届二次会议"} {
		t.Run(session, func(t *testing.T) {
			doc := reply("tian", "王某")
			doc.Proposal.Type, doc.Proposal.Session, doc.Proposal.Number = "提案", session, "56"
			got, err := lib.Apply(doc)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if want := "对市政协十届二次会议第56号提案的答复"; got.Title != want {
				t.Errorf("title = %q, want %q", got.Title, want)
			}
			if want := []string{"王某委员"}; !slices.Equal(got.Addressees, want) {
				t.Errorf("addressees = %q, want %q", got.Addressees, want)
			}
			if !slices.Contains(got.CC, "市政协提案委员会") || slices.Contains(got.CC, "市人大常委会选举任免代表工作委员会") {
				t.Errorf("cc = %q, want 市政协提案委员会 and not the congress's office", got.CC)
			}
		})
	}
	// Without a type, a tian proposal is a 提案: the kind's first proposal type.
	doc := reply("tian", "王某")
	got, err := lib.Apply(doc)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got.Proposal.Type != "" {
		t.Errorf("proposal.type = %q: Apply must not write into the proposal", got.Proposal.Type)
	}
	if !slices.Contains(got.CC, "市政协提案委员会") {
		t.Errorf("cc = %q, want 市政协提案委员会", got.CC)
	}
}

// Everything a document states is kept; the office profile fills the rest.
func TestApplyExplicitWins(t *testing.T) {
	lib := builtIn(t)
	t.Run("from the profile", func(t *testing.T) {
		got, err := lib.Apply(reply("fenban", "刘新华"))
		if err != nil {
			t.Fatal(err)
		}
		want := &document.Document{
			Format: "file", IssuerMark: "株洲市人力资源和社会保障局文件",
			Note:      "联系人：李某，联系电话：0731-28680000",
			CC:        []string{"市人大常委会选举任免代表工作委员会", "市人民政府督查室"},
			Signature: &document.Signature{Name: "株洲市人力资源和社会保障局", Seal: document.Seal{Mode: "stamp"}},
			Printer:   &document.Printer{Name: "株洲市人力资源和社会保障局办公室"},
		}
		checkOffice(t, got, want)
	})
	t.Run("stated in the document", func(t *testing.T) {
		doc := reply("fenban", "刘新华")
		doc.Format, doc.IssuerMark, doc.Note = "letter", "株洲市人力资源和社会保障局", "联系人：张某"
		doc.Title, doc.Addressees, doc.CC = "关于某事的答复", []string{"某某代表"}, []string{"市长"}
		doc.Signature = &document.Signature{Name: "某局", Date: "2022-07-05", Seal: document.Seal{Mode: "none"}}
		doc.Printer = &document.Printer{Name: "某局办公室", Date: "2022-07-06"}
		got, err := lib.Apply(doc)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != doc.Title || !slices.Equal(got.Addressees, doc.Addressees) {
			t.Errorf("title %q, addressees %q: the document's own must be kept", got.Title, got.Addressees)
		}
		checkOffice(t, got, doc)
	})
	t.Run("opening already written", func(t *testing.T) {
		doc := reply("fenban", "刘新华")
		doc.Body = document.Body{{Text: "您提出的《关于加强产业人才培养的建议》收悉。经研究，现将我单位分办意见答复如下。"}, {Text: "正文。"}}
		got, err := lib.Apply(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(texts(got.Body), texts(doc.Body)) {
			t.Errorf("body = %q, want it unchanged", texts(got.Body))
		}
	})
}

func checkOffice(t *testing.T, got, want *document.Document) {
	t.Helper()
	if got.Format != want.Format || got.IssuerMark != want.IssuerMark || got.Note != want.Note {
		t.Errorf("format/issuerMark/note = %q/%q/%q, want %q/%q/%q",
			got.Format, got.IssuerMark, got.Note, want.Format, want.IssuerMark, want.Note)
	}
	if !slices.Equal(got.CC, want.CC) {
		t.Errorf("cc = %q, want %q", got.CC, want.CC)
	}
	if !reflect.DeepEqual(got.Signature, want.Signature) {
		t.Errorf("signature = %+v, want %+v", got.Signature, want.Signature)
	}
	if !reflect.DeepEqual(got.Printer, want.Printer) {
		t.Errorf("printer = %+v, want %+v", got.Printer, want.Printer)
	}
}

// Dates are content: a template never supplies one. The 印发日期 follows the
// 成文日期 only where the profile says so (liling-hrss), never today.
func TestApplyDates(t *testing.T) {
	lib := builtIn(t)
	tests := []struct {
		name, profile, sigDate, printerDate string
	}{
		{"株洲：印发日期须写明", "zhuzhou-hrss", "2022-07-05", ""},
		{"醴陵：印发日期随成文日期", "liling-hrss", "2022-07-05", "2022-07-05"},
		{"醴陵：没有成文日期就没有印发日期", "liling-hrss", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := reply("fenban", "刘新华")
			doc.Issuer, doc.Profile = "", tt.profile
			if tt.sigDate != "" {
				doc.Signature = &document.Signature{Date: tt.sigDate}
			}
			got, err := lib.Apply(doc)
			if err != nil {
				t.Fatal(err)
			}
			if got.Signature.Date != tt.sigDate {
				t.Errorf("signature.date = %q, want %q", got.Signature.Date, tt.sigDate)
			}
			if got.Printer.Date != tt.printerDate {
				t.Errorf("printer.date = %q, want %q", got.Printer.Date, tt.printerDate)
			}
		})
	}
}

// Apply never changes its input, and its output shares no memory with it.
func TestApplyLeavesInputAlone(t *testing.T) {
	lib := builtIn(t)
	doc := decodeFile(t, "fenban-1234.proposal.json")
	before := decodeFile(t, "fenban-1234.proposal.json")
	got, err := lib.Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc, before) {
		compareFields(t, doc, before)
	}
	got.Body[1].Text = "改动"
	got.CC[0] = "改动"
	got.Signature.Name = "改动"
	got.Proposal.Deputies[0] = "改动"
	if !reflect.DeepEqual(doc, before) {
		t.Error("changing Apply's output changed its input")
		compareFields(t, doc, before)
	}

	// Applying twice adds nothing the first did not.
	twice, err := lib.Apply(got)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(twice, got) {
		compareFields(t, twice, got)
	}
}

// A letter-format reply gets no 印发机关 from its office: the letter format
// prints none (GB/T 9704 §10.1), and validation would refuse it.
func TestApplyLetterHasNoPrinter(t *testing.T) {
	lib := builtIn(t)
	doc := reply("fenban", "刘新华")
	doc.Issuer, doc.Profile, doc.Format = "", "liling-hrss", document.FormatLetter
	doc.Signature = &document.Signature{Date: "2022-07-05"}
	got, err := lib.Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got.Printer != nil {
		t.Errorf("printer = %+v, want none in the letter format", got.Printer)
	}
	if ps := got.Validate(); len(ps) > 0 {
		t.Errorf("the composed letter is invalid: %v", ps)
	}
}
