package xlsx

import (
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// columns maps the keys of a table to column letters.
type columns struct {
	letter map[string]string
	index  map[string]int
}

func columnsOf(s *document.StatTable) columns {
	cs := columns{letter: map[string]string{}, index: map[string]int{}}
	for i, c := range s.Columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		cs.letter[c.Key], cs.index[c.Key] = name, i
	}
	return cs
}

func (cs columns) ref(key string, row int) string {
	return cs.letter[key] + strconv.Itoa(row)
}

// rowFormula is d written as an Excel formula on one row; it must give what
// d.Eval gives, blanks included.
func (cs columns) rowFormula(d *document.Derived, row int) string {
	switch d.Op {
	case document.OpSum:
		idx := make([]int, len(d.Of))
		for i, k := range d.Of {
			idx[i] = cs.index[k]
		}
		if contiguous(idx) {
			return "SUM(" + cs.ref(d.Of[0], row) + ":" + cs.ref(d.Of[len(d.Of)-1], row) + ")"
		}
		refs := make([]string, len(d.Of))
		for i, k := range d.Of {
			refs[i] = cs.ref(k, row)
		}
		return "SUM(" + strings.Join(refs, ",") + ")"
	case document.OpRatio:
		num, den := cs.ref(d.Of[0], row), cs.ref(d.Of[1], row)
		// Blank, not #DIV/0!, when a figure is missing or the divisor is 0.
		return `IF(OR(` + num + `="",N(` + den + `)=0),"",` + num + `/` + den + `)`
	}
	return ""
}

// columnSum is the totals-row formula of a summed column.
func (cs columns) columnSum(key string, from, to int) string {
	return "SUM(" + cs.ref(key, from) + ":" + cs.ref(key, to) + ")"
}

func contiguous(idx []int) bool {
	return len(idx) > 0 && slices.IsSorted(idx) && idx[len(idx)-1]-idx[0] == len(idx)-1
}

// sheetRef is an absolute reference to cells of sheet for charts and defined
// names: 'name'!$A$4:$A$7. The name is always quoted, quotes doubled.
func sheetRef(sheet, from, to string) string {
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + from
	if to != "" {
		ref += ":" + to
	}
	return ref
}

func absCell(col string, row int) string {
	return "$" + col + "$" + strconv.Itoa(row)
}
