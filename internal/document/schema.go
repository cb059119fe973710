package document

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

var (
	bodyType       = reflect.TypeFor[Body]()
	blockType      = reflect.TypeFor[Block]()
	sealType       = reflect.TypeFor[Seal]()
	annexTableType = reflect.TypeFor[AnnexTable]()
)

// walk is the state of a check of a JSON tree against a Go type.
type walk struct {
	Problems
	// shadows are paths whose absence is already explained: the field that a
	// misspelt key most likely meant ("titel" for title).
	shadows []string
}

// checkValue walks n against the Go type t, the schema encoding/json uses, so
// a field added to a domain type is known here without more code. It reports
// what does not fit and prunes it from the tree, so that the rest can still be
// decoded and validated; it returns false when n itself does not fit and the
// caller must drop it.
func checkValue(w *walk, path string, t reflect.Type, n *node) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == bodyType:
		if n.kind == kString {
			return true
		}
		if n.kind != kArray {
			w.add(path, `应为块数组（如 [{"text": "…"}, {"heading": 1, "text": "…"}]）或一段纯文本字符串，实际为%s`, n.kind.describe())
			return false
		}
		checkElems(w, path, blockType, n)
		return true
	case t == sealType:
		return checkSeal(w, path, n)
	}
	switch t.Kind() {
	case reflect.String:
		return n.kind == kString || mismatch(w, path, "字符串", n)
	case reflect.Bool:
		return n.kind == kBool || mismatch(w, path, "布尔值 true 或 false", n)
	case reflect.Int, reflect.Int32, reflect.Int64:
		if n.kind != kNumber {
			return mismatch(w, path, "整数", n)
		}
		if _, err := strconv.ParseInt(n.num.String(), 10, 32); err != nil {
			w.add(path, "应为整数（不带小数点），实际为 %s", n.num)
			return false
		}
	case reflect.Slice:
		if n.kind != kArray {
			return mismatch(w, path, arrayName(t), n)
		}
		checkElems(w, path, t.Elem(), n)
	case reflect.Map: // a table row: any keys, values strings or numbers
		return eachMember(w, path, n, "对象（表格的一行）", func(p, _ string, v *node) bool {
			if v.kind != kString && v.kind != kNumber {
				w.add(p, "单元格应为字符串或数字，实际为%s；空单元格请省略该键", v.kind.describe())
				return false
			}
			return true
		})
	case reflect.Struct:
		return checkObject(w, path, t, n)
	}
	return true
}

// checkElems checks the elements of an array, turning the ones that do not fit
// into null rather than removing them, so the indexes in later paths still
// point where the user looks.
func checkElems(w *walk, path string, t reflect.Type, n *node) {
	for i, e := range n.elems {
		if !checkValue(w, at(path, i), t, e) {
			n.elems[i] = &node{kind: kNull}
		}
	}
}

func checkObject(w *walk, path string, t reflect.Type, n *node) bool {
	fields := jsonFields(t)
	presetKind := ""
	if t == annexTableType {
		if k := n.get("kind"); k != nil && k.kind == kString && IsPreset(k.str) {
			presetKind = k.str
		}
	}
	return eachMember(w, path, n, "对象", func(p, key string, v *node) bool {
		ft, ok := fields.types[key]
		switch {
		case !ok:
			guess := closest(key, fields.names)
			w.add(p, "%s", unknownField(guess, fields.names))
			if guess != "" {
				w.shadows = append(w.shadows, join(path, guess))
			}
			return false
		case presetKind != "" && !presetFields[key]:
			w.add(p, "预设表格（kind: %q）的列和注释由程序生成，不能给出 %s；删去 %s，或删去 kind 改为普通表格", presetKind, key, key)
			return false
		case v.kind == kNull: // null stands for an absent field
			return true
		}
		return checkValue(w, p, ft, v)
	})
}

// presetFields are the only fields of an annex table with a preset kind.
var presetFields = map[string]bool{"name": true, "kind": true, "title": true, "unit": true, "rows": true}

// eachMember reports a non-object and keys given twice (encoding/json would
// keep only the last), calls f for each member and drops those f refuses.
func eachMember(w *walk, path string, n *node, want string, f func(path, key string, v *node) bool) bool {
	if n.kind != kObject {
		return mismatch(w, path, want, n)
	}
	seen := make(map[string]bool, len(n.keys))
	var keys []string
	var vals []*node
	for i, key := range n.keys {
		p := join(path, key)
		if seen[key] {
			w.add(p, "字段重复出现；每个字段只能写一次，请删去多余的一处")
			continue
		}
		seen[key] = true
		if f(p, key, n.vals[i]) {
			keys, vals = append(keys, key), append(vals, n.vals[i])
		}
	}
	n.keys, n.vals = keys, vals
	return true
}

// mismatch reports a value of the wrong JSON type; it returns false for the
// caller to pass on.
func mismatch(w *walk, path, want string, n *node) bool {
	hint := ""
	switch {
	case path == "":
		want = "一个 JSON 对象 {…}"
	case want == "字符串" && n.kind == kNumber:
		hint = fmt.Sprintf("；数字也须加英文双引号，写作 %q", n.num.String())
	case strings.HasSuffix(want, "字符串数组") && n.kind == kString:
		hint = fmt.Sprintf("；只有一项也须写成数组，如 [%q]", n.str)
	}
	w.add(path, "应为%s，实际为%s%s", want, n.kind.describe(), hint)
	return false
}

func arrayName(t reflect.Type) string {
	switch t.Elem().Kind() {
	case reflect.String:
		return "字符串数组"
	case reflect.Map, reflect.Struct:
		return "对象数组"
	}
	return "数组"
}

type fieldSet struct {
	names []string // in declaration order, for messages
	types map[string]reflect.Type
}

var fieldCache sync.Map // reflect.Type -> fieldSet

// jsonFields lists the JSON fields of a struct as encoding/json sees them:
// tag names, "-" skipped, embedded structs flattened.
func jsonFields(t reflect.Type) fieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(fieldSet)
	}
	fs := fieldSet{types: map[string]reflect.Type{}}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			switch {
			case !f.IsExported() || tag == "-":
			case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
				add(f.Type)
			default:
				if name == "" {
					name = f.Name
				}
				fs.names = append(fs.names, name)
				fs.types[name] = f.Type
			}
		}
	}
	add(t)
	fieldCache.Store(t, fs)
	return fs
}
