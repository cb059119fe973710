package layout

const eps = 1e-6

// span is one line's share of a paragraph's atoms.
type span struct{ from, to int }

// allowedBefore says whether a line may break before atoms[k] (CLREQ GB level:
// no prohibited mark at a line's start or end, nothing glued split, spaces end lines).
func allowedBefore(atoms []atom, k int) bool {
	if k <= 0 || k >= len(atoms) {
		return true
	}
	a, p := &atoms[k], &atoms[k-1]
	if a.split {
		return true
	}
	if a.glue || a.cls == clSpace {
		return false
	}
	if isNoStart(a.first) || isNoEnd(p.last) {
		return false
	}
	// Latin words break at spaces only; a face change inside a word is glued above.
	return !(a.cls == clLatin && p.cls == clLatin)
}

// width of atoms[from:to] as slots, leading and trailing spaces not counted.
func spanWidth(atoms []atom, from, to int) float64 {
	for from < to && atoms[from].cls == clSpace {
		from++
	}
	for to > from && atoms[to-1].cls == clSpace {
		to--
	}
	w := 0.0
	for i := from; i < to; i++ {
		w += atoms[i].slot()
	}
	return w
}

// squeeze compresses marks in atoms[from:to] until the span fits in w, in the
// order CLREQ gives: the line-end mark, spaces between Western words, then
// brackets and ，、； from the end of the line. It reports whether it fits.
func squeeze(atoms []atom, from, to int, w float64, cell float64) bool {
	over := spanWidth(atoms, from, to) - w
	if over <= eps {
		return true
	}
	// Measure first so a failed squeeze leaves the atoms as they were.
	end := to - 1
	for end > from && atoms[end].cls == clSpace {
		end--
	}
	var plan []int
	avail := 0.0
	if a := &atoms[end]; (a.cls == clClose || a.cls == clStop) && !a.half {
		plan = append(plan, end)
		avail += a.width / 2
	}
	spaceShrink := 0.0
	for i := from; i < end && avail+spaceShrink < over-eps; i++ {
		if atoms[i].cls == clSpace {
			spaceShrink += atoms[i].width - 0.25*cell
		}
	}
	for i := end - 1; i >= from && avail+spaceShrink < over-eps; i-- {
		a := &atoms[i]
		if !a.half && isCompressibleInLine(a.first, a.cls) {
			plan = append(plan, i)
			avail += a.width / 2
		}
	}
	if avail+spaceShrink < over-eps {
		return false
	}
	for _, i := range plan {
		atoms[i].half = true
	}
	if rest := spanWidth(atoms, from, to) - w; rest > eps {
		for i := from; i < end; i++ {
			if atoms[i].cls == clSpace {
				atoms[i].width = 0.25 * cell
			}
		}
	}
	return true
}

// breakLines splits atoms into lines: the first line firstW wide, the others
// restW. It squeezes before it pushes (先挤进，后推出) and avoids a last line of
// one character by pulling one down from the line above. atoms is modified
// (compression flags); callers pass a copy they own.
func breakLines(atoms []atom, firstW, restW, cell float64) ([]atom, []span) {
	atoms = splitWide(atoms, min(firstW, restW))
	orig := append([]atom(nil), atoms...)
	spans := breakWith(atoms, firstW, restW, cell, -1, 0)
	if n := len(spans); n >= 2 && isOrphan(atoms[spans[n-1].from:spans[n-1].to]) {
		retry := append([]atom(nil), orig...)
		alt := breakWith(retry, firstW, restW, cell, n-2, spans[n-2].to-1)
		if m := len(alt); m >= 2 && !isOrphan(retry[alt[m-1].from:alt[m-1].to]) && m <= n {
			return retry, alt
		}
	}
	return atoms, spans
}

// splitWide cuts a Latin run wider than a line (a long URL or number) into
// pieces that fit, so it can be set at all.
func splitWide(atoms []atom, w float64) []atom {
	wide := false
	for i := range atoms {
		if atoms[i].cls == clLatin && atoms[i].width > w+eps {
			wide = true
		}
	}
	if !wide {
		return atoms
	}
	var out []atom
	for _, a := range atoms {
		if a.cls != clLatin || a.width <= w+eps {
			out = append(out, a)
			continue
		}
		start, byteStart, acc := 0, 0, 0.0
		byteAt := 0
		for i, r := range []rune(a.text) {
			if acc+a.advs[i] > w && i > start {
				out = append(out, a.piece(start, i, byteStart, byteAt, start > 0))
				start, byteStart, acc = i, byteAt, 0
			}
			acc += a.advs[i]
			byteAt += len(string(r))
		}
		out = append(out, a.piece(start, len(a.advs), byteStart, len(a.text), start > 0))
	}
	return out
}

// piece is characters [i, j) of a Latin run, bytes [bi, bj).
func (a atom) piece(i, j, bi, bj int, split bool) atom {
	p := a
	p.text = a.text[bi:bj]
	p.runes = j - i
	p.advs = a.advs[i:j]
	p.src = a.src + i
	p.first, p.last = []rune(p.text)[0], lastRune(p.text)
	p.ink = 0
	for _, v := range p.advs {
		p.ink += v
	}
	p.width, p.snapped, p.split = p.ink, false, split
	if i > 0 {
		p.glue = false
	}
	return p
}

// breakWith breaks greedily; line capLine may end no later than capAt.
func breakWith(atoms []atom, firstW, restW, cell float64, capLine, capAt int) []span {
	var spans []span
	pos := 0
	for pos < len(atoms) {
		for pos < len(atoms) && atoms[pos].cls == clSpace && len(spans) > 0 {
			pos++ // a space that ended the previous line is dropped
		}
		if pos >= len(atoms) {
			break
		}
		w := restW
		if len(spans) == 0 {
			w = firstW
		}
		limit := len(atoms)
		if len(spans) == capLine && capAt > pos {
			limit = capAt
		}
		k, acc := pos, 0.0
		for k < limit {
			next := acc + atoms[k].slot()
			if atoms[k].cls != clSpace && next > w+eps {
				break
			}
			acc = next
			k++
		}
		if k == pos {
			k = pos + 1 // one atom wider than the line: it goes alone
		}
		if k < len(atoms) && !allowedBefore(atoms, k) {
			k = repairBreak(atoms, pos, k, w, cell, k < limit || limit == len(atoms))
		}
		spans = append(spans, span{pos, k})
		pos = k
	}
	return spans
}

// repairBreak finds where a line that would break before a prohibited atom k
// ends instead: squeezed to take the atoms up to the next allowed break, or
// pushed back to the previous one.
func repairBreak(atoms []atom, pos, k int, w, cell float64, maySqueeze bool) int {
	if maySqueeze {
		k2 := k + 1
		for k2 < len(atoms) && !allowedBefore(atoms, k2) {
			k2++
		}
		if k2-k <= 3 && squeeze(atoms, pos, k2, w, cell) {
			return k2
		}
	}
	for k3 := k - 1; k3 > pos; k3-- {
		if allowedBefore(atoms, k3) {
			return k3
		}
	}
	// No allowed break in the whole line (a very long word): break where it is full.
	return k
}

// isOrphan reports a line of one character (plus marks).
func isOrphan(line []atom) bool {
	n := 0
	for i := range line {
		switch line[i].cls {
		case clOpen, clClose, clStop, clSpace:
		case clHan:
			n++
		default:
			return false
		}
	}
	return n == 1
}
