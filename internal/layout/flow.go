package layout

// row is one grid line of flowing content (or a blank grid line).
type row struct {
	kind      string
	p         placed
	size      float64
	color     Color
	blank     bool
	keepNext  bool   // must stay on the page of the row after it
	droppable bool   // a blank that may go when a signature block lacks room
	tight     bool   // part of a signature block: may tighten its page's line spacing
	image     *Image // drawn with the row; Y relative to the row's line top
	rule      *Rule  // likewise
}

// flow places rows on consecutive grid lines, starting on page.line, opening
// pages as needed. Chains of rows joined by keepNext move to a new page whole
// when they do not fit (unless a chain is longer than a page).
type flow struct {
	doc   *Result
	page  *Page
	line  int // next free grid line on page
	faces Faces
}

func newFlow(r *Result, faces Faces) *flow { return &flow{doc: r, faces: faces} }

func (f *flow) newPage() {
	f.doc.Pages = append(f.doc.Pages, Page{})
	f.page = &f.doc.Pages[len(f.doc.Pages)-1]
	f.line = 0
}

// newLandscapePage opens a page turned for a wide table.
func (f *flow) newLandscapePage() {
	f.newPage()
	f.page.Landscape = true
}

// frame is the current page's 版心.
func (f *flow) frame() frame {
	if f.page.Landscape {
		return landscapeFrame
	}
	return uprightFrame
}

// lines is how many rows the current page holds.
func (f *flow) lines() int {
	if f.page.Landscape {
		return landscapeFrame.lines
	}
	return f.page.Tightened()
}

// place puts rows on the grid.
func (f *flow) place(rows []row) {
	for i := 0; i < len(rows); {
		// The chain starting at i: rows joined by keepNext.
		j := i
		for j < len(rows)-1 && rows[j].keepNext {
			j++
		}
		chain := rows[i : j+1]
		if f.line > 0 && f.line+len(chain) > f.lines() && len(chain) <= f.lines() {
			var ok bool
			if chain, ok = f.makeRoom(chain); !ok {
				f.newPage()
			}
		}
		for _, r := range chain {
			if f.line >= f.lines() {
				f.newPage()
			}
			if r.blank && f.line == 0 {
				continue // a blank line never opens a page
			}
			f.put(r, f.line)
			f.line++
		}
		i = j + 1
	}
}

// maxTighten is how many rows a page may take beyond 22 by tightening its line
// spacing (by at most 3/25, about 12 %).
const maxTighten = 3

// makeRoom lets a signature block stay with the text before it when the page
// is short of room, as GB/T 9704 §7.3.5.5 asks instead of moving the seal and
// date alone to a new page: first it drops a droppable blank line, then it
// tightens the page's line spacing, as long as the page keeps at most 22
// lines of text. It returns the chain to place.
func (f *flow) makeRoom(chain []row) ([]row, bool) {
	tight := false
	for _, r := range chain {
		tight = tight || r.tight
	}
	if !tight || f.page.Landscape {
		return chain, false
	}
	over := f.line + len(chain) - GridLines
	var kept []row
	for _, r := range chain {
		if r.droppable && over > 0 {
			over--
			continue
		}
		kept = append(kept, r)
	}
	if over <= 0 {
		return kept, true
	}
	text := 0
	for _, l := range f.page.Lines {
		if l.Grid >= 0 && l.Size == SizeSan {
			text++
		}
	}
	for _, r := range kept {
		if !r.blank {
			text++
		}
	}
	if over > maxTighten || text > GridLines {
		return chain, false
	}
	f.page.rows = GridLines + over
	return kept, true
}

// put draws r on grid line ln of the current page.
func (f *flow) put(r row, ln int) {
	top := f.frame().lineTop(ln)
	if r.image != nil {
		im := *r.image
		im.Y += top
		f.page.Images = append(f.page.Images, im)
	}
	if r.rule != nil {
		ru := *r.rule
		ru.Y += top
		f.page.Rules = append(f.page.Rules, ru)
	}
	if r.blank {
		return
	}
	y := baselineIn(top, r.size)
	f.emit(r.kind, ln, r.p, r.size, y, r.color)
}

// emit adds a placed line's segments to the current page, recording what was set.
func (f *flow) emit(kind string, grid int, p placed, size, y float64, color Color) {
	f.page.Segments = append(f.page.Segments, segments(p.glyphs, size, y, color)...)
	text := make([]rune, 0, len(p.glyphs))
	for _, g := range p.glyphs {
		text = append(text, g.r)
		m := f.doc.Used[g.face]
		if m == nil {
			m = map[rune]bool{}
			f.doc.Used[g.face] = m
		}
		m[g.r] = true
	}
	f.page.Lines = append(f.page.Lines, LineInfo{Kind: kind, Grid: grid, X0: round2(p.x0), X1: round2(p.x1),
		Y: round2(y), Size: size, Chars: p.chars, Text: string(text)})
}

func round2(v float64) float64 {
	if v < 0 {
		return -round2(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}
