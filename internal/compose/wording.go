package compose

import (
	"strconv"
	"strings"
	"text/template"
)

// honorifics are the proposal types and how their authors are addressed.
var honorifics = map[string]string{"建议": "代表", "提案": "委员"}

// funcs are the functions templates may call.
var funcs = template.FuncMap{
	"addressee":  addressee,
	"withPrefix": withPrefix,
}

// addressee is how a reply names its authors (replies.md): 刘新华代表 for one,
// 张某、李某代表 for two, 张某等3名代表 for more, since listing five names in the
// 主送 line is not the practice.
func addressee(names []string, honorific string) string {
	switch len(names) {
	case 0:
		return ""
	case 1, 2:
		return strings.Join(names, "、") + honorific
	default:
		return names[0] + "等" + strconv.Itoa(len(names)) + "名" + honorific
	}
}

// withPrefix adds prefix unless s starts with it, so a session written either
// as 十届二次会议 or as 市政协十届二次会议 reads 市政协十届二次会议.
func withPrefix(prefix, s string) string {
	if strings.HasPrefix(s, prefix) {
		return s
	}
	return prefix + s
}

// labels name the fields a kind may require, in the words of the message
// "分办意见需要建议编号"; typ is the proposal type (建议 or 提案).
var labels = map[string]func(typ string) string{
	"proposal.session": func(typ string) string {
		if typ == "提案" {
			return "届次会议（如 十届二次会议）"
		}
		return "会议名称（如 市十六届人大一次会议）"
	},
	"proposal.number":   func(typ string) string { return typ + "编号" },
	"proposal.title":    func(typ string) string { return typ + "标题" },
	"proposal.deputies": func(typ string) string { return honorifics[typ] + "姓名" },
	"proposal.leadUnit": func(string) string { return "主办单位" },
	"category":          func(string) string { return "答复类别" },
	"profile.field":     func(string) string { return "办文单位配置中的领域（field），用于结束语" },
}
