package layout

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"gongwen/internal/document"
)

// sealDiameter is the printed size of an organ's seal (42 mm is the common size
// of a 机关印章; the image is scaled to it).
const sealDiameter = 42.0

// signature sets the 署名 and 成文日期 in the seal layout the document asks for
// (§7.3.5): with a seal, the date right + 4字 and the name centred over it, with
// room for the seal (or the seal image pressed on both); without, the name right
// + 2字 one blank line under the text and the date under it, 2字 further in.
func (b *builder) signature() ([]row, error) {
	sig := b.doc.Signature
	if sig == nil {
		return nil, nil
	}
	name := sig.Name
	if name == "" {
		name = b.doc.Issuer
	}
	s := b.set(FangSong, SizeSan, "signature.name")
	np, err := s.single(name, 0)
	if err != nil {
		return nil, err
	}
	s.path = "signature.date"
	dp, err := s.single(dateText(sig.Date), 0)
	if err != nil {
		return nil, err
	}
	nw, dw := np.x1-np.x0, dp.x1-dp.x0
	mode := sig.Seal.Mode
	if mode == "" {
		mode = document.SealNone
	}
	if len(b.doc.JointIssuers) > 0 {
		return b.jointSignature(name, dp, mode)
	}
	var rows []row
	switch mode {
	case document.SealNone:
		nx := BoxRight - 2*Cell - nw
		dx := nx + 2*Cell
		if dx+dw > BoxRight-2*Cell+eps {
			dx = BoxRight - 2*Cell - dw
			nx = dx - 2*Cell
		}
		rows = []row{
			{blank: true},
			{kind: "signature", p: np.shift(nx - np.x0), size: SizeSan},
			{kind: "date", p: dp.shift(dx - dp.x0), size: SizeSan},
		}
	default: // stamp or image
		dx := BoxRight - 4*Cell - dw
		cx := dx + dw/2
		rows = []row{
			{blank: true},
			{blank: true, droppable: true}, // one blank still keeps the seal within a line of the text
			{kind: "signature", p: np.shift(cx - nw/2 - np.x0), size: SizeSan},
			{kind: "date", p: dp.shift(dx - dp.x0), size: SizeSan},
		}
		if mode == document.SealImage {
			w, h := sealDiameter, sealDiameter
			if pw, ph, ok := pngSize(sig.Seal.Image); ok && pw > 0 {
				h = sealDiameter * float64(ph) / float64(pw)
			}
			// The seal's top falls within one line under the text; name and date
			// sit a little below its centre (§7.3.5.1).
			rows[0].image = &Image{X: cx - w/2, Y: 1, W: w, H: h, PNG: sig.Seal.Image}
		}
	}
	for i := range rows {
		rows[i].tight = true
	}
	return keepLast(rows), nil
}

// jointSignature signs for every issuer of a joint document (§7.3.5): without
// seals the lead's name first and the others under it, the date under them;
// with seals two organs a row, each name centred under its own seal space, the
// rows far enough apart that no two seals touch, and the last organ's seal
// pressing on its name and the date.
func (b *builder) jointSignature(lead string, dp placed, mode string) ([]row, error) {
	names := append([]string{lead}, b.doc.JointIssuers...)
	s := b.set(FangSong, SizeSan, "signature.name")
	var ps []placed
	widest := 0.0
	for i, n := range names {
		if i > 0 {
			s.path = "jointIssuers[" + itoa(i-1) + "]"
		}
		p, err := s.single(n, 0)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
		widest = max(widest, p.x1-p.x0)
	}
	dw := dp.x1 - dp.x0
	var rows []row
	if mode == document.SealNone {
		nx := BoxRight - 2*Cell - widest
		dx := nx + 2*Cell
		if dx+dw > BoxRight-2*Cell+eps {
			dx = BoxRight - 2*Cell - dw
			nx = dx - 2*Cell
		}
		rows = append(rows, row{blank: true})
		for _, p := range ps {
			rows = append(rows, row{kind: "signature", p: p.shift(nx - p.x0), size: SizeSan})
		}
		rows = append(rows, row{kind: "date", p: dp.shift(dx - dp.x0), size: SizeSan})
	} else {
		// Columns: the right one centred on the date, the left one a column further.
		dx := BoxRight - 4*Cell - dw
		right := dx + dw/2
		col := min(BoxWidth/2, 2*(right-BoxLeft)/3)
		left := right - col
		perRow := 2
		if widest > col-Cell {
			perRow = 1 // names too long to stand side by side: one organ a row
		}
		// Rows fill from the end, so the last organ takes the right column of the last row.
		var grid [][]int
		for idx := len(names) - 1; idx >= 0; idx -= perRow {
			r := []int{idx}
			if perRow == 2 {
				r = []int{idx - 1, idx}
			}
			grid = append([][]int{r}, grid...)
		}
		for ri, r := range grid {
			if ri > 0 {
				// A 42 mm seal spans about 4.1 lines; five lines a row keep seals apart.
				rows = append(rows, row{blank: true}, row{blank: true})
			}
			rows = append(rows, row{blank: true}, row{blank: true})
			var line placed
			for ci, ni := range r {
				if ni < 0 {
					continue
				}
				c := right
				if len(r) == 2 && ci == 0 {
					c = left
				}
				p := ps[ni]
				p = p.shift(c - (p.x1-p.x0)/2 - p.x0)
				line.glyphs = append(line.glyphs, p.glyphs...)
				line.chars += p.chars
				if len(line.glyphs) == len(p.glyphs) {
					line.x0, line.x1 = p.x0, p.x1
				} else {
					line.x0, line.x1 = min(line.x0, p.x0), max(line.x1, p.x1)
				}
			}
			rows = append(rows, row{kind: "signature", p: line, size: SizeSan})
		}
		rows = append(rows, row{kind: "date", p: dp.shift(dx - dp.x0), size: SizeSan})
	}
	for i := range rows {
		rows[i].tight = true
	}
	return keepLast(rows), nil
}

// pngSize reads a PNG's width and height from its IHDR chunk.
func pngSize(b []byte) (w, h int, ok bool) {
	if len(b) < 24 || string(b[1:4]) != "PNG" || string(b[12:16]) != "IHDR" {
		return 0, 0, false
	}
	return int(binary.BigEndian.Uint32(b[16:20])), int(binary.BigEndian.Uint32(b[20:24])), true
}

// attachments sets each 附件 on pages of its own after the main text (§7.3.7):
// "附件N" in 黑体 on the first line, its title centred on the third, then its body.
func (b *builder) attachments() error {
	for i, a := range b.doc.Attachments {
		if a.Body == nil && a.Table == nil {
			continue // named in the 附件说明 only: bound in from elsewhere
		}
		path := fmt.Sprintf("attachments[%d]", i)
		var st document.StatTable
		landscape := false
		if a.Table != nil {
			var err error
			if st, err = statTable(*a.Table, path+".table"); err != nil {
				return err
			}
			if _, landscape, err = b.tableWidths(st, path+".table"); err != nil {
				return err
			}
		}
		// An attachment that is a wide table starts on a landscape page, its label
		// and title with it.
		if landscape {
			b.flow.newLandscapePage()
		} else {
			b.flow.newPage()
		}
		fr := b.flow.frame()
		label := "附件"
		if len(b.doc.Attachments) > 1 {
			label += strconv.Itoa(i + 1)
		}
		p, err := b.set(HeiTi, SizeSan, path).single(label, fr.left)
		if err != nil {
			return err
		}
		// Line 1 holds the label; the title goes on line 3.
		b.flow.put(row{kind: "attachment", p: p, size: SizeSan}, 0)
		b.flow.line = 2
		title, err := b.set(XiaoBiaoSong, SizeEr, path+".title").titleLines(a.Title)
		if err != nil {
			return err
		}
		for j := range title {
			title[j] = title[j].shift(fr.left + fr.width/2 - (BoxLeft + BoxWidth/2))
		}
		b.flow.place(rowsOf("title", title, SizeEr, Black))
		if a.Table != nil {
			b.flow.line++ // one blank line under the title
			// The attachment's title names the table; a different table title is shown too.
			if err := b.table(st, path+".table", st.Title != a.Title); err != nil {
				return err
			}
			continue
		}
		body, err := b.bodyParts(a.Body, path+".body")
		if err != nil {
			return err
		}
		b.flow.place([]row{{blank: true}})
		if err := b.placeParts(body); err != nil {
			return err
		}
	}
	return nil
}

// record sets the 版记 (§7.4) at the foot of the last page: rules, 抄送 and
// 印发机关/日期, on an even page unless the document is printed one-sided.
func (b *builder) record() error {
	d := b.doc
	var rows []row
	s := b.set(FangSong, SizeSi, "cc")
	one := PtToMM(SizeSi) // 1字 of 4号
	if len(d.CC) > 0 {
		text := "抄送：" + strings.TrimRight(strings.Join(d.CC, "，"), "。") + "。"
		label, err := s.measure("抄送：")
		if err != nil {
			return err
		}
		lines, err := s.para(text, BoxLeft+one, BoxWidth-2*one, BoxLeft+one+label, BoxWidth-2*one-label)
		if err != nil {
			return shiftMissing(err, 3)
		}
		rows = append(rows, rowsOf("cc", lines, SizeSi, Black)...)
	}
	letter := d.Format == document.FormatLetter
	if d.Printer != nil && !letter {
		s.path = "printer.name"
		np, err := s.single(d.Printer.Name, BoxLeft+one)
		if err != nil {
			return err
		}
		s.path = "printer.date"
		dp, err := s.single(dateText(d.Printer.Date)+"印发", 0)
		if err != nil {
			return err
		}
		rows = append(rows, row{kind: "printer", p: np, size: SizeSi})
		rows = append(rows, row{kind: "printer", p: dp.shift(BoxRight - one - dp.x1), size: SizeSi})
	}
	if len(rows) == 0 {
		return nil
	}
	need := len(rows)
	if d.Printer != nil && !letter {
		need-- // organ and date share a line
	}
	f := b.flow
	if f.line+need > GridLines || f.page.Landscape {
		f.newPage()
	}
	if !b.opt.Simplex && len(b.res.Pages)%2 == 1 {
		// The 版记 is on the back of the last sheet: an even page.
		f.newPage()
	}
	first := GridLines - need
	thick := func(ln int, t float64) {
		if !letter { // the letter format's 版记 has no rules (§10.1)
			f.page.Rules = append(f.page.Rules, Rule{X: BoxLeft, Y: lineTop(ln), W: BoxWidth, Thickness: t})
		}
	}
	thick(first, 0.35)
	for i, r := range rows {
		ln := first + i
		if r.kind == "printer" {
			ln = GridLines - 1
			if i > 0 && rows[i-1].kind == "cc" {
				thick(ln, 0.25)
			}
		}
		f.put(r, ln)
	}
	thick(GridLines, 0.35)
	return nil
}

// pageNumbers prints "— N —" in 4号 宋体 7 mm under the 版心 (§7.5): odd pages
// right + 1字, even pages left + 1字; a page that holds nothing but the 版记, and
// a blank page before it, carry none.
func (b *builder) pageNumbers() error {
	s := b.set(SongTi, SizeSi, "pageNumber")
	one := PtToMM(SizeSi)
	for i := range b.res.Pages {
		pg := &b.res.Pages[i]
		if i == 0 && b.doc.Format == document.FormatLetter {
			continue // the letter format shows no number on page 1 (§10.1)
		}
		// A blank page before the 版记 page carries no number, nor does the 版记
		// page after it (§7.5).
		if blankPage(pg) || (onlyRecord(pg) && i > 0 && blankPage(&b.res.Pages[i-1])) {
			continue
		}
		n := i + 1
		p, err := s.single("— "+strconv.Itoa(n)+" —", 0)
		if err != nil {
			return err
		}
		if n%2 == 1 {
			p = p.shift(BoxRight - one - p.x1)
		} else {
			p = p.shift(BoxLeft + one - p.x0)
		}
		pg.Number = n
		b.flow.page = pg
		before := len(pg.Segments)
		b.flow.emit("pagenumber", -1, p, SizeSi, baselineForTop(BoxBottom+7, SizeSi), Black)
		// The folio stands upright on every page, a landscape one too.
		pg.Folio = append(pg.Folio, pg.Segments[before:]...)
		pg.Segments = pg.Segments[:before]
	}
	return nil
}

// blankPage reports a page with nothing on it.
func blankPage(pg *Page) bool { return len(pg.Lines) == 0 && len(pg.Images) == 0 }

// onlyRecord reports a page with nothing on it but (perhaps) the 版记.
func onlyRecord(pg *Page) bool {
	for _, l := range pg.Lines {
		if l.Kind != "cc" && l.Kind != "printer" {
			return false
		}
	}
	return true
}
