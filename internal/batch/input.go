package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"gongwen/internal/document"
)

// Format of a batch's input.
type Format string

// Input formats.
const (
	FormatJSON   Format = "json"  // a JSON array of documents
	FormatJSONL  Format = "jsonl" // JSON Lines: one document a line
	FormatLedger Format = "xlsx"  // an Excel ledger (台账): one proposal a row, see LEDGER.md
)

// MaxInputBytes bounds one batch's input: a ledger of ten thousand rows with
// their reply texts fits well within it.
const MaxInputBytes = 256 << 20

// Input is a batch to create.
type Input struct {
	Data   []byte
	Name   string // file name (ledger.xlsx): names the ZIP, and its extension the format
	Format Format // "" to tell from Name and Data
	Options
}

// Options apply to every item of a batch.
type Options struct {
	// Profile is the office profile of items that name no profile and no
	// issuer (ledger rows without 办文单位).
	Profile string `json:"profile,omitempty"`
	// Kind is the reply kind of items that give a proposal but no kind.
	Kind string `json:"kind,omitempty"`
	// Date is the 成文日期 (YYYY-MM-DD) of items that give none.
	Date string `json:"date,omitempty"`
	// Simplex: one-sided printing (the 版记 stays on the last page).
	Simplex bool `json:"simplex,omitempty"`
	// NoNumbering leaves documents without a 发文字号 unnumbered. By default
	// each gets the next free number of its office's scheme (profiles'
	// docNumber), kept in a register shared by every batch.
	NoNumbering bool `json:"noNumbering,omitempty"`
}

// ItemError is one problem of one item: where, and what to do about it.
type ItemError struct {
	Item int `json:"item"` // position in the input, from 0
	// Row is where the user finds the item: the ledger's row number, the line
	// of JSON Lines, or the array element counting from 1.
	Row int `json:"row"`
	// Where says the same in words: 第5行 (ledger, JSON Lines) or 第3个文档 (array).
	Where string `json:"where"`
	// Field is the ledger column (its header) or the JSON path within the
	// item; empty for the item as a whole.
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (e ItemError) String() string {
	s := e.Where
	if e.Field != "" {
		s += " " + e.Field
	}
	return s + "：" + e.Message
}

// item is one input item as read: a document's JSON, a document built from a
// ledger row, or the problems that kept the row from being one.
type item struct {
	row   int
	where string
	raw   []byte             // JSON input: the document, decoded when prepared
	doc   *document.Document // ledger input: the row's document
	errs  []ItemError
	// columns maps the document fields a ledger's columns fill to their
	// headers as typed, so a problem names the column; nil for JSON input.
	columns map[string]string
}

// detect tells the format from the file name, else from the first bytes.
func detect(name string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return FormatLedger
	case ".jsonl", ".ndjson":
		return FormatJSONL
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return FormatLedger
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return FormatJSON
	}
	return FormatJSONL
}

// decodeJSON reads a JSON array of documents, one at a time, so that a large
// batch is never held decoded all at once. A syntax error outside the items
// is a problem of the whole input.
func decodeJSON(data []byte, yield func(item)) error {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return inputProblem("", "输入应为文档的 JSON 数组 [{…}, {…}]、JSON Lines（每行一个文档）或 Excel 台账（.xlsx）")
	}
	for n := 0; dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return inputProblem(fmt.Sprintf("[%d]", n), "JSON 格式错误："+err.Error())
		}
		yield(item{row: n + 1, where: fmt.Sprintf("第%d个文档", n+1), raw: raw})
	}
	if _, err := dec.Token(); err != nil {
		return inputProblem("", "JSON 数组没有正确结束："+err.Error())
	}
	return nil
}

// decodeJSONL reads JSON Lines: one document a line, blank lines ignored. A
// single document laid out over many lines (a .json file) is a batch of one.
func decodeJSONL(data []byte, yield func(item)) error {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if trimmed := bytes.TrimSpace(data); bytes.HasPrefix(trimmed, []byte("{")) && bytes.IndexByte(trimmed, '\n') >= 0 && json.Valid(trimmed) {
		yield(item{row: 1, where: "第1行", raw: trimmed})
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), document.MaxInputBytes+1)
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		yield(item{row: line, where: fmt.Sprintf("第%d行", line), raw: bytes.Clone(text)})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return inputProblem("", fmt.Sprintf("有一行超过 %d MB；JSON Lines 每行一个文档", document.MaxInputBytes>>20))
		}
		return err
	}
	return nil
}

// inputProblem is a problem of the input as a whole, as document.Problems so
// that callers show it the way they show any input's problems.
func inputProblem(path, msg string) error {
	return document.Problems{{Path: path, Message: msg}}
}
