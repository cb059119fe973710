package document

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// MaxInputBytes bounds one JSON input (document or annex): enough for a long
// body, large tables and an image seal, small enough that a stray upload of a
// whole archive is refused before it is parsed.
const MaxInputBytes = 32 << 20

// Decode reads a document as JSON. The body may be an array of blocks or one
// plain-text string (see ParseText).
//
// On bad input it returns Problems listing every problem at once: malformed
// JSON with its line and column, unknown fields with the closest known name,
// values of the wrong JSON type, and — decoding what does fit — what Validate
// finds in the rest. On success the caller runs Validate itself (before and
// after compose.Apply), so a typo never vanishes silently either way.
func Decode(data []byte) (*Document, error) {
	var d Document
	if err := decodeStrict(data, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// DecodeAnnex reads a statistical annex as JSON with the same checks as Decode.
// A preset table (kind training, evaluation or jobfair) may give only name,
// kind, title, unit and rows.
func DecodeAnnex(data []byte) (*Annex, error) {
	var a Annex
	if err := decodeStrict(data, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// validator is a decoded input that checks its own semantic rules.
type validator interface{ Validate() Problems }

// decodeStrict checks data against the Go type of v through a generic tree,
// where every problem can be found (json.Unmarshal stops at the first and
// ignores unknown fields), and only then decodes it into v. Numbers in table
// rows decode as json.Number, keeping what the user wrote; see CellNumber.
func decodeStrict(data []byte, v validator) error {
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // Windows editors save a BOM; it is not content
	if len(data) > MaxInputBytes {
		return Problems{{Message: fmt.Sprintf("输入过大（%d 字节）；上限为 %d MB", len(data), MaxInputBytes>>20)}}
	}
	if ps := checkSyntax(data); ps != nil {
		return ps
	}
	root, err := parseTree(data)
	if err != nil {
		return Problems{{Message: "JSON 格式错误：" + err.Error()}}
	}
	var w walk
	if !checkValue(&w, "", reflect.TypeOf(v).Elem(), root) {
		return w.Problems // not even an object: nothing to decode
	}
	ps := w.Problems
	if len(ps) == 0 {
		if err := decodeNumbers(data, v); err != nil {
			// The walk accepts only what the typed decode accepts; landing here is our bug.
			return Problems{{Message: "内部错误：" + err.Error()}}
		}
		return nil
	}
	// The walk pruned what does not fit; validating the rest lets one answer
	// list every problem instead of one round trip per kind of mistake.
	if decodeNumbers(root.appendJSON(nil), v) == nil {
		known := slices.Clone(ps)
		for _, p := range w.shadows {
			known = append(known, Problem{Path: p})
		}
		ps = append(ps, outside(v.Validate(), known)...)
	}
	return ps
}

func decodeNumbers(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// outside keeps the problems of found that are not at or under a path of
// known: those are echoes of a pruned value ("缺少标题" after a title of the
// wrong type).
func outside(found, known Problems) Problems {
	var out Problems
	for _, p := range found {
		echo := false
		for _, k := range known {
			if p.Path == k.Path || strings.HasPrefix(p.Path, k.Path+".") || strings.HasPrefix(p.Path, k.Path+"[") {
				echo = true
				break
			}
		}
		if !echo {
			out = append(out, p)
		}
	}
	return out
}
