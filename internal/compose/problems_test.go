package compose

import (
	"slices"
	"testing"

	"gongwen/internal/document"
)

// What is missing for the chosen kind comes back as problems with JSON paths,
// all of them at once.
func TestApplyProblems(t *testing.T) {
	lib := builtIn(t)
	tests := []struct {
		name string
		edit func(d *document.Document)
		want document.Problems
	}{
		{"建议编号", func(d *document.Document) { d.Proposal.Number = "" },
			document.Problems{{Path: "proposal.number", Message: "分办意见需要建议编号"}}},
		{"协办无主办单位", func(d *document.Document) { d.Kind = "xieban" },
			document.Problems{{Path: "proposal.leadUnit", Message: "协办意见需要主办单位"}}},
		{"主办无答复类别", func(d *document.Document) { d.Kind = "zhuban" },
			document.Problems{{Path: "category", Message: "主办答复需要答复类别，可选：A、B、C"}}},
		{"答复类别不在方案内", func(d *document.Document) { d.Kind, d.Category = "zhuban", "甲" },
			document.Problems{{Path: "category", Message: "答复类别“甲”无效，zhuzhou-hrss 的方案为：A、B、C"}}},
		{"几项同时缺", func(d *document.Document) { d.Proposal = &document.Proposal{Type: "提案"} },
			document.Problems{
				{Path: "proposal.session", Message: "分办意见需要届次会议（如 十届二次会议）"},
				{Path: "proposal.number", Message: "分办意见需要提案编号"},
				{Path: "proposal.title", Message: "分办意见需要提案标题"},
				{Path: "proposal.deputies", Message: "分办意见需要委员姓名"},
			}},
		{"空的代表姓名", func(d *document.Document) { d.Proposal.Deputies = []string{"张某", " "} },
			document.Problems{{Path: "proposal.deputies[1]", Message: "代表姓名为空"}}},
		{"姓名带了称谓", func(d *document.Document) { d.Proposal.Deputies = []string{"刘新华代表"} },
			document.Problems{{Path: "proposal.deputies[0]", Message: "只写姓名“刘新华”，称谓“代表”由模板添加"}}},
		{"提案答复不答建议", func(d *document.Document) { d.Kind, d.Proposal.Type = "tian", "建议" },
			document.Problems{{Path: "proposal.type", Message: "提案答复不能答复“建议”，可选：提案"}}},
		{"未知答复类型", func(d *document.Document) { d.Kind = "fenbn" },
			document.Problems{{Path: "kind", Message: "未知的答复类型“fenbn”，可选：fenban、tian、xieban、zhuban"}}},
		{"未知办文单位配置", func(d *document.Document) { d.Profile = "zhuzhou" },
			document.Problems{{Path: "profile", Message: "未知的办文单位配置“zhuzhou”，可选：liling-hrss、zhuzhou-hrss"}}},
		{"配置与发文机关不一致", func(d *document.Document) { d.Profile = "liling-hrss" },
			document.Problems{{Path: "issuer", Message: "“株洲市人力资源和社会保障局”与办文单位配置 liling-hrss 的发文机关“醴陵市人力资源和社会保障局”不一致；删去 issuer，或换用该机关的配置"}}},
		// Without an office, the closing has no 领域 to thank for.
		{"主办无办文单位", func(d *document.Document) { d.Kind, d.Category, d.Issuer = "zhuban", "A", "某某局" },
			document.Problems{{Path: "profile", Message: "主办答复需要办文单位配置中的领域（field），用于结束语：请用 profile 指明办文单位，或使 issuer 与某个办文单位配置一致"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := reply("fenban", "刘新华")
			tt.edit(doc)
			got, err := lib.Apply(doc)
			if err == nil {
				t.Fatalf("Apply succeeded with %+v, want %v", got, tt.want)
			}
			if got != nil {
				t.Errorf("Apply returned a document with an error")
			}
			if ps := problems(t, err); !slices.Equal(ps, tt.want) {
				t.Errorf("problems:\n%v\nwant:\n%v", ps, tt.want)
			}
		})
	}
}

// A document without kind or proposal is not templated, and a document with
// neither a template nor a profile comes back as it is.
func TestApplyWithoutTemplate(t *testing.T) {
	lib := builtIn(t)
	doc := &document.Document{Kind: "fenban", Profile: "zhuzhou-hrss", Title: "通知"}
	got, err := lib.Apply(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got.Issuer != "株洲市人力资源和社会保障局" || got.Body != nil || got.Addressees != nil {
		t.Errorf("got issuer %q body %q addressees %q: a named profile fills the office only", got.Issuer, texts(got.Body), got.Addressees)
	}
	if got.CC != nil {
		t.Errorf("cc = %q: 抄送 depends on the proposal type, and there is no proposal", got.CC)
	}
}
