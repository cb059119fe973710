package document

var (
	bodyType       = reflect.TypeFor[Body]()
	blockType      = reflect.TypeFor[Block]()
	sealType       = reflect.TypeFor[Seal]()
	annexTableType = reflect.TypeFor[AnnexTable]()
)

// checkValue walks n against the Go type t, the same schema encoding/json
// uses, so a field added to a domain type is known here without more code.
func checkValue(ps *Problems, path string, t reflect.Type, n *node) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == bodyType:
		if n.kind == kString {
			return
		}
		if n.kind != kArray {
			ps.add(path, `应为块数组（如 [{"text": "…"}, {"heading": 1, "text": "…"}]）或一段纯文本字符串，实际为%s`, n.kind.describe())
			return
		}
		for i, e := range n.elems {
			checkValue(ps, at(path, i), blockType, e)
		}
		return
	case t == sealType:
		checkSeal(ps, path, n)
		return
	}
	switch t.Kind() {
	case reflect.String:
		if n.kind != kString {
			mismatch(ps, path, "字符串", n)
		}
	case reflect.Bool:
		if n.kind != kBool {
			mismatch(ps, path, "布尔值 true 或 false", n)
		}
	case reflect.Int, reflect.Int32, reflect.Int64:
		if n.kind != kNumber {
			mismatch(ps, path, "整数", n)
		} else if _, err := strconv.ParseInt(n.num.String(), 10, 32); err != nil {
			ps.add(path, "应为整数（不带小数点），实际为 %s", n.num)
		}
	case reflect.Slice:
		if n.kind != kArray {
			mismatch(ps, path, arrayName(t), n)
			return
		}
		for i, e := range n.elems {
			checkValue(ps, at(path, i), t.Elem(), e)
		}
	case reflect.Map: // a table row: any keys, values strings or numbers
		eachMember(ps, path, n, "对象（表格的一行）", func(p, _ string, v *node) {
			if v.kind != kString && v.kind != kNumber {
				ps.add(p, "单元格应为字符串或数字，实际为%s；空单元格请省略该键", v.kind.describe())
			}
		})
	case reflect.Struct:
		checkObject(ps, path, t, n)
	}
}

func checkObject(ps *Problems, path string, t reflect.Type, n *node) {
	fields := jsonFields(t)
	presetKind := ""
	if t == annexTableType {
		if k := n.get("kind"); k != nil && k.kind == kString && IsPreset(k.str) {
			presetKind = k.str
		}
	}
	eachMember(ps, path, n, "对象", func(p, key string, v *node) {
		ft, ok := fields.types[key]
		if !ok {
			ps.add(p, "%s", unknownField(key, fields.names))
			return
		}
		if presetKind != "" && !presetFields[key] {
			ps.add(p, "预设表格（kind: %q）的列和注释由程序生成，不能给出 %s；删去 %s，或删去 kind 改为普通表格", presetKind, key, key)
			return
		}
		if v.kind != kNull { // null stands for an absent field
			checkValue(ps, p, ft, v)
		}
	})
}

// presetFields are the only fields of an annex table with a preset kind.
var presetFields = map[string]bool{"name": true, "kind": true, "title": true, "unit": true, "rows": true}

// eachMember calls f for each member of the object n, after reporting a non-object
// and keys given twice (encoding/json would keep only the last).
func eachMember(ps *Problems, path string, n *node, want string, f func(path, key string, v *node)) {
	if n.kind != kObject {
		mismatch(ps, path, want, n)
		return
	}
	seen := make(map[string]bool, len(n.keys))
	for i, key := range n.keys {
		p := join(path, key)
		if seen[key] {
			ps.add(p, "字段重复出现；每个字段只能写一次，请删去多余的一处")
			continue
		}
		seen[key] = true
		f(p, key, n.vals[i])
	}
}

func mismatch(ps *Problems, path, want string, n *node) {
	hint := ""
	switch {
	case want == "字符串" && n.kind == kNumber:
		hint = fmt.Sprintf("；数字也须加英文双引号，写作 %q", n.num.String())
	case strings.HasSuffix(want, "字符串数组") && n.kind == kString:
		hint = fmt.Sprintf("；只有一项也须写成数组，如 [%q]", n.str)
	}
	ps.add(path, "应为%s，实际为%s%s", want, n.kind.describe(), hint)
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
