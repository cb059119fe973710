package xlsx

import "gongwen/internal/document"

// layout places the parts of a sheet on rows (1-based, as Excel counts):
//
//	1  title, merged across the table
//	2  issuer, period and unit, merged
//	3  header: frozen, filtered, repeated on every printed page
//	4… data rows
//	   合计 row, when a column is summed
//	   注：notes, merged
type layout struct {
	title, info, header int
	firstData, lastData int
	totals, notes, last int // totals and notes are 0 when absent
	cols                int
}

func layoutOf(s *document.StatTable) layout {
	l := layout{title: 1, info: 2, header: 3, firstData: 4, cols: len(s.Columns)}
	l.lastData = l.firstData + len(s.Rows) - 1
	l.last = l.lastData
	if s.HasTotals() {
		l.last++
		l.totals = l.last
	}
	if s.Notes != "" {
		l.last++
		l.notes = l.last
	}
	return l
}
