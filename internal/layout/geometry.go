package layout

// Page geometry of GB/T 9704-2012 §5.2 and §7.1, in millimetres.
const (
	PaperW = 210.0
	PaperH = 297.0

	BoxLeft   = 28.0  // 订口: the 版心's left edge
	BoxTop    = 37.0  // 天头: the 版心's top edge
	BoxWidth  = 156.0 // 版心 width
	BoxHeight = 225.0 // 版心 height
	BoxRight  = BoxLeft + BoxWidth
	BoxBottom = BoxTop + BoxHeight

	GridChars = 28 // characters a line
	GridLines = 22 // lines a page

	Cell  = BoxWidth / GridChars  // one grid character: 5.571 mm
	Pitch = BoxHeight / GridLines // one grid line: 10.227 mm

	mmPerPt = 25.4 / 72
)

// Chinese point sizes (字号) used by the standard.
const (
	SizeXiaoChu = 36.0 // 小初
	SizeEr      = 22.0 // 2号: titles
	SizeSan     = 16.0 // 3号: body and most elements
	SizeSi      = 14.0 // 4号: 版记 and page numbers
)

// emAscent is where the baseline falls inside an ideographic em box, measured from
// its top: CJK faces put the em box 0.88 em above and 0.12 em below the baseline.
const emAscent = 0.88

// PtToMM converts points to millimetres.
func PtToMM(pt float64) float64 { return pt * mmPerPt }

// lineTop is the top of grid line i (0-based) of a page.
func lineTop(i int) float64 { return BoxTop + float64(i)*Pitch }

// baselineIn returns the baseline that centres an em box of size pt in the line
// box starting at top: text sits in the middle of its grid line.
func baselineIn(top, size float64) float64 {
	em := PtToMM(size)
	return top + (Pitch-em)/2 + emAscent*em
}

// baselineForTop returns the baseline of text whose em box top is at y.
func baselineForTop(y, size float64) float64 { return y + emAscent*PtToMM(size) }

// frame is the 版心 of a page in the page's own coordinates: the upright A4
// page, or a landscape page (turned a quarter clockwise, so the upright 版心's
// bottom edge is its left edge).
type frame struct {
	left, top, width float64
	lines            int
}

var (
	uprightFrame = frame{left: BoxLeft, top: BoxTop, width: BoxWidth, lines: GridLines}
	// The upright 版心 (x 28–184, y 37–262) seen on the turned page: u = 297 − y, v = x.
	landscapeFrame = frame{left: PaperH - BoxBottom, top: BoxLeft, width: BoxHeight, lines: 15} // 156 mm / 10.227 mm a line
)

func (fr frame) right() float64        { return fr.left + fr.width }
func (fr frame) lineTop(i int) float64 { return fr.top + float64(i)*Pitch }
