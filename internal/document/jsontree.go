package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// node is a JSON value read as a tree. Objects keep their members in input
// order and keep duplicate keys, which map-based decoding would silently merge:
// problems come out in the order the user wrote them, and a key given twice is
// reported instead of losing one of its values.
type node struct {
	kind  nodeKind
	b     bool        // kBool
	str   string      // kString
	num   json.Number // kNumber, as written
	keys  []string    // kObject
	vals  []*node     // kObject, parallel to keys
	elems []*node     // kArray
}

type nodeKind int

const (
	kNull nodeKind = iota
	kBool
	kNumber
	kString
	kObject
	kArray
)

// describe names a JSON kind in Chinese for "应为…，实际为…" messages.
func (k nodeKind) describe() string {
	return [...]string{"空值 null", "布尔值", "数字", "字符串", "对象", "数组"}[k]
}

func (n *node) get(key string) *node {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// appendJSON writes the tree back as JSON, for decoding what is left of it
// after the problems were pruned.
func (n *node) appendJSON(b []byte) []byte {
	switch n.kind {
	case kNull:
		return append(b, "null"...)
	case kBool:
		return strconv.AppendBool(b, n.b)
	case kNumber:
		return append(b, n.num...)
	case kString:
		s, _ := json.Marshal(n.str)
		return append(b, s...)
	case kObject:
		b = append(b, '{')
		for i, k := range n.keys {
			if i > 0 {
				b = append(b, ',')
			}
			s, _ := json.Marshal(k)
			b = n.vals[i].appendJSON(append(append(b, s...), ':'))
		}
		return append(b, '}')
	}
	b = append(b, '[')
	for i, e := range n.elems {
		if i > 0 {
			b = append(b, ',')
		}
		b = e.appendJSON(b)
	}
	return append(b, ']')
}

// parseTree reads data, which must already be known to be valid JSON.
func parseTree(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return readValue(dec)
}

func readValue(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return &node{kind: kNull}, nil
	case bool:
		return &node{kind: kBool, b: t}, nil
	case json.Number:
		return &node{kind: kNumber, num: t}, nil
	case string:
		return &node{kind: kString, str: t}, nil
	}
	n := &node{kind: kArray}
	if tok == json.Delim('{') {
		n.kind = kObject
	}
	for dec.More() {
		if n.kind == kObject {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, key.(string))
		}
		v, err := readValue(dec)
		if err != nil {
			return nil, err
		}
		if n.kind == kObject {
			n.vals = append(n.vals, v)
		} else {
			n.elems = append(n.elems, v)
		}
	}
	_, err = dec.Token() // the closing delimiter
	return n, err
}

// checkSyntax reports bytes that are not JSON, with the line and column a text
// editor shows, and a hint in Chinese for the usual slips (Chinese quotes or
// commas, a trailing comma, a missing bracket).
func checkSyntax(data []byte) Problems {
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := position(data, off)
		return Problems{{Message: fmt.Sprintf("输入不是有效的 UTF-8 编码（第 %d 行第 %d 列）；请将文件另存为 UTF-8 编码", line, col)}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Problems{{Message: "输入为空；请给出一个 JSON 对象 {…}"}}
	}
	var raw json.RawMessage
	err := json.Unmarshal(data, &raw)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return Problems{{Message: "JSON 格式错误：" + err.Error()}}
	}
	off := int(se.Offset)
	if !strings.Contains(se.Error(), "end of JSON input") && off > 0 {
		off-- // Offset counts the offending byte as read; point at it
	}
	line, col := position(data, off)
	return Problems{{Message: fmt.Sprintf("JSON 格式错误（第 %d 行第 %d 列）：%s", line, col, syntaxHint(data, off, se.Error()))}}
}

// position turns a byte offset into a 1-based line and a 1-based column counted
// in characters, as editors count them.
func position(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, 1 + utf8.RuneCount(before[lineStart:])
}

func syntaxHint(data []byte, off int, msg string) string {
	if off < len(data) {
		if r, _ := utf8.DecodeRune(data[off:]); strings.ContainsRune("“”‘’：，［］｛｝", r) {
			return fmt.Sprintf("此处的“%c”是中文标点；JSON 的引号、冒号、逗号和括号须用英文半角 \" : , [ ] { }", r)
		}
	}
	switch {
	case strings.Contains(msg, "end of JSON input"):
		return "内容意外结束，缺少右括号 } 或 ]，或字符串缺少结尾的引号"
	case strings.Contains(msg, "looking for beginning of object key string"):
		return "此处应为用英文双引号括起的字段名；对象最后一项之后不能有逗号"
	case strings.Contains(msg, "after object key:value pair"):
		return "字段之间应以英文逗号分隔，或对象缺少右括号 }"
	case strings.Contains(msg, "after object key"):
		return "字段名之后应为英文冒号 :"
	case strings.Contains(msg, "after array element"):
		return "数组元素之间应以英文逗号分隔，或数组缺少右括号 ]"
	case strings.Contains(msg, "in string literal"):
		return "字符串中不能直接换行或含控制字符，换行请写作 \\n"
	case strings.Contains(msg, "after top-level value"):
		return "JSON 值结束后还有多余内容"
	case strings.Contains(msg, "looking for beginning of value"):
		return "此处应为一个值：字符串须用英文双引号，数组最后一项之后不能有逗号"
	}
	return "请检查此处附近的引号、逗号和括号（" + msg + "）"
}
