package document

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Problem is one thing wrong with the input: where (a JSON path such as
// signature.date, body[3].text or attachments[0].table.rows[2].passed; empty
// for the input as a whole) and what to do about it, in Chinese, with the
// valid values — the person reading it fixes a JSON file, not Go code.
type Problem struct {
	Path    string
	Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems is every problem found in one input. Decoding and validation
// collect them all instead of stopping at the first, so that one round trip
// shows the user everything to fix.
type Problems []Problem

// Error lists the problems one a line as "path: message".
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there is no problem. Returning a nil
// Problems as an error would give a non-nil interface; this avoids that trap.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func (ps *Problems) add(path, format string, args ...any) {
	*ps = append(*ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// join builds a JSON path: join("signature", "date") is "signature.date". A key
// that is not a plain name (a row key such as "a.b") is quoted in brackets so the
// path stays unambiguous.
func join(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(key string) bool {
	if key == "" {
		return false
	}
	for _, r := range key {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// at builds the path of an array element: at("body", 3) is "body[3]".
func at(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
