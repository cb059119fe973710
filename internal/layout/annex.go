package layout

import (
	"fmt"

	"gongwen/internal/document"
)

// LayoutAnnex sets a statistical annex as attachment pages in the style of a
// reply (§7.3.7): label ("附件" or "附件2", empty for none) flush left on the
// first line, the annex's title centred on the third, its period under it,
// then each table with its title, unit line, ruled rows whose header repeats
// on every page, and totals. Page numbers follow the standard.
func LayoutAnnex(a *document.Annex, faces Faces, label string) (*Result, error) {
	if ps := a.Validate(); len(ps) > 0 {
		return nil, ps
	}
	sts, ps := a.StatTables()
	if len(ps) > 0 {
		return nil, ps
	}
	b := &builder{doc: &document.Document{Issuer: a.Issuer}, faces: faces, opt: Options{Simplex: true},
		res: &Result{Used: map[int]map[rune]bool{}}}
	b.flow = newFlow(b.res, faces)
	b.flow.newPage()
	if label != "" {
		p, err := b.set(HeiTi, SizeSan, "label").single(label, BoxLeft)
		if err != nil {
			return nil, err
		}
		b.flow.put(row{kind: "attachment", p: p, size: SizeSan}, 0)
	}
	b.flow.line = 2
	title, err := b.set(XiaoBiaoSong, SizeEr, "title").titleLines(a.Title)
	if err != nil {
		return nil, err
	}
	b.flow.place(rowsOf("title", title, SizeEr, Black))
	if a.Period != "" {
		p, err := b.set(FangSong, SizeSan, "period").single("（"+a.Period+"）", 0)
		if err != nil {
			return nil, err
		}
		p = p.shift(BoxLeft + (BoxWidth-(p.x1-p.x0))/2 - p.x0)
		b.flow.place([]row{{kind: "period", p: p, size: SizeSan}})
	}
	for i, st := range sts {
		b.flow.place([]row{{blank: true}})
		if err := b.table(st, fmt.Sprintf("tables[%d]", i), true); err != nil {
			return nil, err
		}
	}
	if err := b.pageNumbers(); err != nil {
		return nil, err
	}
	return b.res, nil
}
