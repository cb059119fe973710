package document

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The forms of the 版头 marks (GB/T 9704-2012 §7.2). Each check works out the
// corrected form from what was typed, so the message can show it.

// docNumberLoose matches what people type for 代字〔年份〕序号号, brackets and all.
var docNumberLoose = regexp.MustCompile(`^(\D+?)\s*([\[\(（［〔【﹝〖{<〈《]?)\s*(\d+)\s*([\]\)）］〕】﹞〗}>〉》]?)\s*(第?)\s*(\d+)\s*(号?)$`)

const docNumberForm = "发文字号应为 代字〔年份〕序号号 的形式（年份4位、六角括号〔〕、序号不加“第”和前导0），如 株人社字〔2022〕27号"

func (ps *Problems) docNumber(path, s string) {
	if s == "" {
		return
	}
	norm := halfWidthDigits(s)
	m := docNumberLoose.FindStringSubmatch(norm)
	if m == nil {
		ps.add(path, "%s", docNumberForm)
		return
	}
	code, open, year, close, di, num, hao := m[1], m[2], m[3], m[4], m[5], m[6], m[7]
	var issues []string
	if norm != s {
		issues = append(issues, "数字应使用半角阿拉伯数字")
	}
	switch {
	case open == "" && close == "":
		issues = append(issues, "年份应加六角括号〔〕")
	case open != "〔" || close != "〕":
		issues = append(issues, fmt.Sprintf("年份应使用六角括号〔〕而不是 %s%s", open, close))
	}
	switch len(year) {
	case 4:
	case 2:
		issues = append(issues, "年份应写全4位")
		year = "20" + year
	default:
		ps.add(path, "年份 %s 应为4位数字；%s", year, docNumberForm)
		return
	}
	if di != "" {
		issues = append(issues, "序号前不加“第”")
	}
	n, _ := strconv.Atoi(num)
	if n == 0 {
		ps.add(path, "序号应从 1 起；%s", docNumberForm)
		return
	}
	if num[0] == '0' {
		issues = append(issues, "序号不编虚位（不加前导0）")
	}
	if hao == "" {
		issues = append(issues, "序号后应加“号”")
	}
	if strings.ContainsFunc(norm, unicode.IsSpace) {
		issues = append(issues, "不应含空格")
	}
	if len(issues) > 0 {
		ps.add(path, "%s，应写作 %s〔%s〕%d号", strings.Join(issues, "，"), strings.TrimSpace(code), year, n)
	}
}

func (ps *Problems) copyNumber(path, s string) {
	if s == "" || len(s) == 6 && strings.Trim(s, "0123456789") == "" {
		return
	}
	if d := halfWidthDigits(s); strings.Trim(d, "0123456789") == "" && len(d) < 6 {
		ps.add(path, "份号应为6位阿拉伯数字，应写作 %s", strings.Repeat("0", 6-len(d))+d)
		return
	}
	ps.add(path, "份号应为6位阿拉伯数字，如 000001")
}

// dateLoose matches 2022-07-05 and the forms people type instead: 2022/7/5,
// 2022.7.5, 2022年7月5日.
var dateLoose = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

func (ps *Problems) date(path, s string) {
	if s == "" {
		ps.add(path, "缺少日期；写作 YYYY-MM-DD，如 2022-07-05")
		return
	}
	m := dateLoose.FindStringSubmatch(halfWidthDigits(strings.TrimSpace(s)))
	if m == nil {
		ps.add(path, "日期 %q 应写作 YYYY-MM-DD（阿拉伯数字），如 2022-07-05", s)
		return
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	switch days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); {
	case mo < 1 || mo > 12:
		ps.add(path, "日期 %s 的月份 %d 不存在；月份应为 01–12", s, mo)
	case d < 1 || d > days:
		ps.add(path, "日期 %s 不存在：%d年%d月只有 %d 天", s, y, mo, days)
	case y < 1949 || y > 2100:
		ps.add(path, "日期 %s 的年份 %d 不合理；请检查", s, y)
	case !isISODate(s):
		ps.add(path, "日期应写作 YYYY-MM-DD，应写作 %04d-%02d-%02d", y, mo, d)
	}
}

func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	return strings.Trim(s[:4]+s[5:7]+s[8:], "0123456789") == ""
}

// secrecyForm is 密级 with an optional 保密期限 in Arabic digits (§7.2.2).
var secrecyForm = regexp.MustCompile(`^(秘密|机密|绝密)(★(\d+(年|个月)|长期))?$`)

func (ps *Problems) secrecy(path, s string) {
	if s == "" || secrecyForm.MatchString(s) {
		return
	}
	fixed := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case strings.ContainsRune("☆*＊", r):
			return '★'
		}
		return r
	}, halfWidthDigits(s))
	if i := strings.Index(fixed, "★"); i >= 0 {
		i += len("★")
		if num, n := leadingChinese(fixed[i:]); num > 0 { // 秘密★一年 → 秘密★1年
			fixed = fixed[:i] + strconv.Itoa(num) + fixed[i+n:]
		}
	}
	if secrecyForm.MatchString(fixed) {
		ps.add(path, "密级和保密期限的数字用阿拉伯数字、以★隔开，不含空格，应写作 %s", fixed)
		return
	}
	ps.add(path, "密级应为 秘密、机密 或 绝密，可加★和保密期限（阿拉伯数字），如 秘密★1年")
}

func (ps *Problems) urgency(path, s string) {
	switch s {
	case "", "特急", "加急":
	case "特提", "平急":
		ps.add(path, "%s 只用于电报；公文的紧急程度应为 特急 或 加急", s)
	default:
		ps.add(path, "紧急程度应为 特急 或 加急")
	}
}

func (ps *Problems) category(path, s string) {
	switch {
	case s == "":
	case strings.TrimSpace(s) == "":
		ps.add(path, "答复类别不能只有空白；写作 A、B、C 等，或不写此字段")
	case utf8.RuneCountInString(s) > 4:
		ps.add(path, "答复类别不超过4个字，如 A、B、C 或 甲；“类别：”由程序加")
	default:
		ps.text(path, s, 4)
	}
}

// halfWidthDigits turns full-width digits ０–９ into 0–9.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if '０' <= r && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
