package document

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Presets of an annex table: the kind names the figures a reply quotes, and the
// columns, derived columns and totals follow from it (spec/input.md, Annex).
const (
	KindTraining   = "training"
	KindEvaluation = "evaluation"
	KindJobfair    = "jobfair"
)

// Operations of a derived column.
const (
	OpSum   = "sum"   // the sum of the Of cells of the same row; blanks count as 0
	OpRatio = "ratio" // Of[0] / Of[1]; blank when either is blank or the divisor is 0
)

// Derived says how the cells of one column follow from other cells of the same
// row. A workbook writes it as a formula, a PDF page prints Eval's value: both
// come from this one description, so they cannot disagree.
type Derived struct {
	Key string   // the column it fills
	Op  string   // OpSum or OpRatio
	Of  []string // the columns it reads: summands, or numerator and divisor
}

// Eval computes the derived cell of row; ok is false for a blank cell.
func (d Derived) Eval(row map[string]any) (v float64, ok bool) {
	switch d.Op {
	case OpSum:
		for _, k := range d.Of {
			x, _ := CellNumber(row[k])
			v += x
		}
		return v, true
	case OpRatio:
		num, ok1 := CellNumber(row[d.Of[0]])
		den, ok2 := CellNumber(row[d.Of[1]])
		if !ok1 || !ok2 || den == 0 {
			return 0, false
		}
		return num / den, true
	}
	return 0, false
}

// StatTable is an annex table made ready for a workbook sheet or a PDF
// attachment page: a preset expanded into real columns (labels in Chinese,
// derived columns included), rows with typed values (int64 for int columns,
// float64 for number and percent, string for text) and the derived cells filled
// in, and a totals row when any column has Sum.
type StatTable struct {
	Name string // sheet name: as given, or a default; checked against Excel's rules
	Kind string // the preset, empty for a generic table
	Table
	Derived []Derived // by column, in column order
}

// DerivedFor returns the description of column key, or nil for a column of data.
func (s *StatTable) DerivedFor(key string) *Derived {
	for i := range s.Derived {
		if s.Derived[i].Key == key {
			return &s.Derived[i]
		}
	}
	return nil
}

// HasTotals reports whether a 合计 row follows the data rows.
func (s *StatTable) HasTotals() bool {
	return slices.ContainsFunc(s.Columns, func(c Column) bool { return c.Sum })
}

// TotalsLabel is the text of the totals row under the first column.
const TotalsLabel = "合计"

// Totals is the 合计 row: TotalsLabel under the first column unless that column
// is summed, the sum of every Sum column, and each other derived column
// computed on those sums (a pass rate of the totals, not a sum of rates).
func (s *StatTable) Totals() map[string]any {
	tot := map[string]any{}
	if len(s.Columns) == 0 {
		return tot
	}
	for _, c := range s.Columns {
		if !c.Sum {
			continue
		}
		var sum float64
		for _, r := range s.Rows {
			x, _ := CellNumber(r[c.Key])
			sum += x
		}
		tot[c.Key] = typed(c, sum)
	}
	for _, d := range s.Derived {
		c := s.column(d.Key)
		if c.Sum {
			continue
		}
		if v, ok := d.Eval(tot); ok {
			tot[c.Key] = typed(c, v)
		}
	}
	if first := s.Columns[0]; !first.Sum {
		tot[first.Key] = TotalsLabel
	}
	return tot
}

func (s *StatTable) column(key string) Column {
	for _, c := range s.Columns {
		if c.Key == key {
			return c
		}
	}
	return Column{}
}

// typed stores a computed value the way rows store values of column c.
func typed(c Column, v float64) any {
	if c.Type == ColInt {
		return int64(math.Round(v))
	}
	return v
}

// CellNumber reads a cell value as a number: json.Number or float64 as decoders
// leave them, any Go integer or float, or the int64 and float64 of a StatTable.
// ok is false for a blank cell and for anything that is not a finite number.
func CellNumber(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return 0, false
		}
	case float64:
		f = n
	case int64:
		f = float64(n)
	default: // other Go numbers, named number types included
		rv := reflect.ValueOf(v)
		switch {
		case rv.CanInt():
			f = float64(rv.Int())
		case rv.CanUint():
			f = float64(rv.Uint())
		case rv.CanFloat():
			f = rv.Float()
		default:
			return 0, false
		}
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// FormatValue shows a cell as Chinese statistical tables print it and as the
// workbook's number formats display it: int 3,539 (#,##0); number 19.17
// (#,##0.00); percent 83.3% (0.0%); text as it is. A blank cell is "".
func FormatValue(c Column, v any) string {
	if v == nil {
		return ""
	}
	if c.Type == ColText || c.Type == "" {
		if s, ok := v.(string); ok {
			return s
		}
		return fmt.Sprint(v)
	}
	f, ok := CellNumber(v)
	if !ok {
		return fmt.Sprint(v)
	}
	switch c.Type {
	case ColInt:
		return groupThousands(strconv.FormatFloat(math.Round(f), 'f', 0, 64))
	case ColPercent:
		return strconv.FormatFloat(roundHalfAway(f*100, 1), 'f', 1, 64) + "%"
	}
	return groupThousands(strconv.FormatFloat(roundHalfAway(f, 2), 'f', 2, 64))
}

// roundHalfAway rounds as Excel displays: halves away from zero.
func roundHalfAway(f float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(f*p) / p
}

func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}
