package layout

import (
	"math"
	"strings"

	"gongwen/internal/document"
)

// Placement of the 发文机关标志 (§7.2.4), in mm from the paper's top.
const (
	markTopDown = BoxTop + 35 // 下行文 and 平行文: 35 mm below the 版心's top
	markTopUp   = BoxTop + 80 // 上行文
	markMaxW    = BoxWidth - 6
	markMinScl  = 70.0 // narrowest horizontal scaling before the size shrinks
)

// header sets page 1's 版头 in the file format and returns the grid line the
// title starts on.
func (b *builder) header() (int, error) {
	d := b.doc
	if d.Format == document.FormatLetter {
		return b.letterHeader()
	}
	if err := b.topMarks(); err != nil {
		return 0, err
	}
	markTop := markTopDown
	if len(d.Signers) > 0 {
		markTop = markTopUp
	}
	markBottom, err := b.issuerMark(markTop)
	if err != nil {
		return 0, err
	}
	// 发文字号: two blank lines under the 标志, centred (上行文: flush left + 1字 on
	// the line of the last 签发人); the red rule 4 mm under it.
	numTop := markBottom + 2*Pitch
	if len(d.Signers) > 0 {
		if numTop, err = b.signers(numTop); err != nil {
			return 0, err
		}
	}
	numBase := baselineIn(numTop, SizeSan)
	if d.DocNumber != "" {
		p, err := b.set(FangSong, SizeSan, "docNumber").single(d.DocNumber, 0)
		if err != nil {
			return 0, err
		}
		if len(d.Signers) > 0 {
			p = p.shift(BoxLeft + Cell - p.x0)
		} else {
			p = p.shift(BoxLeft + (BoxWidth-(p.x1-p.x0))/2 - p.x0)
		}
		b.flow.emit("docnumber", -1, p, SizeSan, numBase, Black)
	}
	emBottom := numBase + (1-emAscent)*PtToMM(SizeSan)
	ruleY := emBottom + 4
	b.flow.page.Rules = append(b.flow.page.Rules, Rule{X: BoxLeft, Y: ruleY, W: BoxWidth, Thickness: 0.5, Color: Red})
	// The title: two blank lines under the rule, on the grid.
	firstFree := int(math.Ceil((ruleY - BoxTop) / Pitch))
	return firstFree + 2, nil
}

// topMarks sets 份号, 密级, 紧急程度 flush left on the first lines of page 1, the
// 公开属性 on the line above the 标志, and the 答复类别 at the top right.
func (b *builder) topMarks() error {
	d := b.doc
	ln := 0
	left := []struct {
		text, path string
		role       Role
	}{
		{d.CopyNumber, "copyNumber", FangSong},
		{d.Secrecy, "secrecy", HeiTi},
		{d.Urgency, "urgency", HeiTi},
	}
	for _, m := range left {
		if m.text == "" {
			continue
		}
		p, err := b.set(m.role, SizeSan, m.path).single(m.text, BoxLeft)
		if err != nil {
			return err
		}
		b.flow.emit("mark", ln, p, SizeSan, baselineIn(lineTop(ln), SizeSan), Black)
		ln++
	}
	if d.Category != "" {
		p, err := b.set(HeiTi, SizeSan, "category").single(d.Category, 0)
		if err != nil {
			return err
		}
		b.flow.emit("category", 0, p.shift(BoxRight-p.x1), SizeSan, baselineIn(lineTop(0), SizeSan), Black)
	}
	if d.Disclosure != "" {
		p, err := b.set(HeiTi, SizeSan, "disclosure").single(d.Disclosure, BoxLeft)
		if err != nil {
			return err
		}
		at := 2 // the line just above the 标志
		if ln > at {
			p = p.shift(BoxRight - p.x1) // the left is taken by three marks: set it right
		}
		b.flow.emit("disclosure", at, p, SizeSan, baselineIn(lineTop(at), SizeSan), Black)
	}
	return nil
}

// issuerMark sets the red 发文机关标志 centred with its top at top, and returns
// its bottom. Joint issuers stack, lead first, with "文件" right of the stack,
// centred on it.
func (b *builder) issuerMark(top float64) (float64, error) {
	d := b.doc
	mark := d.IssuerMark
	if mark == "" {
		mark = d.Issuer + "文件"
	}
	if len(d.JointIssuers) > 0 && d.IssuerMark == "" {
		return b.jointMark(top)
	}
	return b.centredMark(mark, top)
}

// centredMark sets a one-line 标志 in red 小标宋, fitted to the 版心 and centred,
// its top at top; it returns its bottom.
func (b *builder) centredMark(mark string, top float64) (float64, error) {
	size, scale, w, err := b.fitMark(mark, "issuerMark")
	if err != nil {
		return 0, err
	}
	p, err := b.set(XiaoBiaoSong, size, "issuerMark").single(mark, 0)
	if err != nil {
		return 0, err
	}
	b.emitScaled("issuermark", p, size, scale, BoxLeft+(BoxWidth-w)/2, baselineForTop(top, size), Red)
	return top + PtToMM(size), nil
}

// fitMark chooses the size and horizontal scaling that set text at most
// markMaxW wide: 小初 by default, condensed down to 70 % as long marks are in
// practice, and smaller only beyond that.
func (b *builder) fitMark(text, path string) (size, scale, width float64, err error) {
	size, scale = SizeXiaoChu, 100
	w, err := b.set(XiaoBiaoSong, size, path).measure(text)
	if err != nil {
		return 0, 0, 0, err
	}
	if w > markMaxW {
		scale = 100 * markMaxW / w
		if scale < markMinScl {
			size = size * scale / markMinScl
			scale = markMinScl
		}
		w = w * (size / SizeXiaoChu) * scale / 100
	}
	return size, scale, w, nil
}

// emitScaled emits a placed line condensed horizontally to scale percent, with
// its left edge at x.
func (b *builder) emitScaled(kind string, p placed, size, scale, x, y float64, c Color) {
	k := scale / 100
	gs := make([]glyph, len(p.glyphs))
	for i, g := range p.glyphs {
		g.x = x + (g.x-p.x0)*k
		g.adv *= k
		gs[i] = g
	}
	p.glyphs = gs
	p.x1 = x + (p.x1-p.x0)*k
	p.x0 = x
	before := len(b.flow.page.Segments)
	b.flow.emit(kind, -1, p, size, y, c)
	if scale < 100-eps {
		for i := before; i < len(b.flow.page.Segments); i++ {
			seg := &b.flow.page.Segments[i]
			seg.Scale = scale
		}
	}
}

// jointMark stacks the issuers' names, lead first, each centred in a column,
// with "文件" to the right, centred vertically on the stack (§7.2.4).
func (b *builder) jointMark(top float64) (float64, error) {
	d := b.doc
	names := append([]string{d.Issuer}, d.JointIssuers...)
	longest := ""
	for _, n := range names {
		if len([]rune(n)) > len([]rune(longest)) {
			longest = n
		}
	}
	size, scale, _, err := b.fitMark(longest+"\u3000文件", "jointIssuers") // the gap before 文件 is one em
	if err != nil {
		return 0, err
	}
	s := b.set(XiaoBiaoSong, size, "jointIssuers")
	k := scale / 100
	nameW, err := s.measure(longest)
	if err != nil {
		return 0, err
	}
	suffixW, err := s.measure("文件")
	if err != nil {
		return 0, err
	}
	gap := PtToMM(size) * k
	total := (nameW+suffixW)*k + gap
	x := BoxLeft + (BoxWidth-total)/2
	lead := PtToMM(size) * 1.25
	for i, n := range names {
		s.path = "jointIssuers"
		if i == 0 {
			s.path = "issuer"
		}
		// Names of a joint mark are spread to one width (分散对齐), so the stack reads as a block.
		atoms, err := s.tokenize(n)
		if err != nil {
			return 0, err
		}
		p := s.placeLine(atoms, 0, len(atoms), 0, nameW, len(atoms) > 1)
		b.emitScaled("issuermark", p, size, scale, x, baselineForTop(top+float64(i)*lead, size), Red)
	}
	stackH := float64(len(names)-1)*lead + PtToMM(size)
	p, err := s.single("文件", 0)
	if err != nil {
		return 0, err
	}
	b.emitScaled("issuermark", p, size, scale, x+nameW*k+gap, baselineForTop(top+(stackH-PtToMM(size))/2, size), Red)
	return top + stackH, nil
}

// dateText writes an ISO date (validated upstream) as the standard prints it:
// 2022年7月5日, full year, no leading zeros (§7.3.5.4).
func dateText(iso string) string {
	parts := strings.SplitN(iso, "-", 3)
	if len(parts) != 3 {
		return iso
	}
	return parts[0] + "年" + strings.TrimLeft(parts[1], "0") + "月" + strings.TrimLeft(parts[2], "0") + "日"
}

// signers sets "签发人：" and the names of a 上行文 (§7.2.6): right + 1字, two
// names a line in 楷体, the first line at top. It returns the top of the last
// line, where the 发文字号 goes.
func (b *builder) signers(top float64) (float64, error) {
	d := b.doc
	label, err := b.set(FangSong, SizeSan, "signers").single("签发人：", 0)
	if err != nil {
		return 0, err
	}
	ks := b.set(KaiTi, SizeSan, "signers")
	var lines []placed
	var widest float64
	for i := 0; i < len(d.Signers); i += 2 {
		names := d.Signers[i:min(i+2, len(d.Signers))]
		ks.path = "signers[" + itoa(i) + "]"
		p, err := ks.single(strings.Join(names, "　"), 0)
		if err != nil {
			return 0, err
		}
		lines = append(lines, p)
		widest = math.Max(widest, p.x1-p.x0)
	}
	lw := label.x1 - label.x0
	x := BoxRight - Cell - widest - lw
	for i, p := range lines {
		y := baselineIn(top+float64(i)*Pitch, SizeSan)
		if i == 0 {
			b.flow.emit("signer", -1, label.shift(x-label.x0), SizeSan, y, Black)
		}
		b.flow.emit("signer", -1, p.shift(x+lw-p.x0), SizeSan, y, Black)
	}
	return top + float64(len(lines)-1)*Pitch, nil
}

// Letter format (信函格式, §10.1), in mm from the paper's top.
const (
	letterMarkTop  = 30.0
	letterRuleX    = (PaperW - 170) / 2
	letterRuleW    = 170.0
	letterThick    = 1.0
	letterThin     = 0.35
	letterRuleGap  = 0.8 // white between the two lines of a double rule
	letterBottomAt = PaperH - 20
)

// letterHeader sets the letter format's head: the red 标志 30 mm from the top,
// the red double rules (thick over thin under the 标志; thin over thick 20 mm
// above the paper's bottom), 份号/密级/紧急 flush left and the 发文字号 flush
// right under the first rule. It returns the grid line the title starts on.
func (b *builder) letterHeader() (int, error) {
	d := b.doc
	mark := d.IssuerMark
	if mark == "" {
		mark = d.Issuer
	}
	markBottom, err := b.centredMark(mark, letterMarkTop)
	if err != nil {
		return 0, err
	}
	// Thick over thin, 4 mm under the 标志.
	y := markBottom + 4
	b.doubleRule(y, letterThick, letterThin)
	ruleBottom := y + letterThick + letterRuleGap + letterThin
	// Thin over thick, its bottom 20 mm above the paper's bottom.
	b.doubleRule(letterBottomAt-letterThick-letterRuleGap-letterThin, letterThin, letterThick)

	first := ruleBottom + 7.0/8*PtToMM(SizeSan) // 7/8 of a 3号 character under the rule
	last := first
	ln := 0
	for _, m := range []struct {
		text, path string
		role       Role
	}{{d.CopyNumber, "copyNumber", FangSong}, {d.Secrecy, "secrecy", HeiTi}, {d.Urgency, "urgency", HeiTi}} {
		if m.text == "" {
			continue
		}
		p, err := b.set(m.role, SizeSan, m.path).single(m.text, BoxLeft)
		if err != nil {
			return 0, err
		}
		top := first + float64(ln)*Pitch
		b.flow.emit("mark", -1, p, SizeSan, baselineForTop(top, SizeSan), Black)
		last = top
		ln++
	}
	if d.DocNumber != "" {
		p, err := b.set(FangSong, SizeSan, "docNumber").single(d.DocNumber, 0)
		if err != nil {
			return 0, err
		}
		b.flow.emit("docnumber", -1, p.shift(BoxRight-p.x1), SizeSan, baselineForTop(first, SizeSan), Black)
	}
	if d.Category != "" || d.Disclosure != "" {
		// Marks of proposal replies go on the first line under the rule, left of the
		// 发文字号 when the left is taken.
		for _, m := range []struct{ text, path string }{{d.Disclosure, "disclosure"}, {d.Category, "category"}} {
			if m.text == "" {
				continue
			}
			p, err := b.set(HeiTi, SizeSan, m.path).single(m.text, BoxLeft)
			if err != nil {
				return 0, err
			}
			top := first + float64(ln)*Pitch
			b.flow.emit(m.path, -1, p, SizeSan, baselineForTop(top, SizeSan), Black)
			last = top
			ln++
		}
	}
	bottom := last + PtToMM(SizeSan)
	if ln == 0 && d.DocNumber == "" {
		bottom = ruleBottom
	}
	// The title: two blank lines under the last element, on the grid.
	return int(math.Ceil((bottom-BoxTop)/Pitch-eps)) + 2, nil
}

// doubleRule draws the letter format's red double rule with its top at y.
func (b *builder) doubleRule(y, upper, lower float64) {
	pg := b.flow.page
	pg.Rules = append(pg.Rules,
		Rule{X: letterRuleX, Y: y + upper/2, W: letterRuleW, Thickness: upper, Color: Red},
		Rule{X: letterRuleX, Y: y + upper + letterRuleGap + lower/2, W: letterRuleW, Thickness: lower, Color: Red})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
