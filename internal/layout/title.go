package layout

import (
	"math"
	"strings"
)

// titleLines breaks a title into balanced lines between words (GB/T 9704 §7.3.1:
// 梯形 or 菱形, no lone characters) and centres each line in the 版心.
func (s *setter) titleLines(text string) ([]placed, error) {
	atoms, err := s.tokenize(text)
	if err != nil {
		return nil, err
	}
	if len(atoms) == 0 {
		return nil, nil
	}
	atoms = splitWide(atoms, BoxWidth)
	total := s.natural(atoms)
	var cuts []int
	if total > BoxWidth+eps {
		cuts = bestTitleCuts(atoms, BoxWidth, s.cell)
	}
	bounds := append(append([]int{0}, cuts...), len(atoms))
	out := make([]placed, 0, len(bounds)-1)
	for i := 0; i+1 < len(bounds); i++ {
		w := spanWidth(atoms, bounds[i], bounds[i+1])
		x := BoxLeft + (BoxWidth-w)/2
		out = append(out, s.placeLine(atoms, bounds[i], bounds[i+1], x, w, false))
	}
	return out, nil
}

// bestTitleCuts chooses where to break a title that is wider than w, trying two,
// three and then more lines, and scoring balance, shape and word boundaries.
func bestTitleCuts(atoms []atom, w, cell float64) []int {
	total := spanWidth(atoms, 0, len(atoms))
	minLines := int(math.Ceil(total/w - eps))
	for n := minLines; n <= minLines+2 && n <= 4; n++ {
		if cuts, ok := searchCuts(atoms, n, w, cell); ok {
			return cuts
		}
	}
	// Give up on shape: break greedily where allowed.
	spans := breakWith(atoms, w, w, cell, -1, 0)
	cuts := make([]int, 0, len(spans)-1)
	for _, sp := range spans[1:] {
		cuts = append(cuts, sp.from)
	}
	return cuts
}

// searchCuts tries every way of cutting atoms into n lines (n ≤ 4, titles are
// short) and returns the cheapest.
func searchCuts(atoms []atom, n int, w, cell float64) ([]int, bool) {
	best, bestCost := []int(nil), math.Inf(1)
	cur := make([]int, 0, n-1)
	var rec func(from int)
	rec = func(from int) {
		if len(cur) == n-1 {
			if spanWidth(atoms, from, len(atoms)) > w+eps {
				return
			}
			if c := titleCost(atoms, cur, cell); c < bestCost {
				bestCost, best = c, append([]int(nil), cur...)
			}
			return
		}
		for k := from + 1; k < len(atoms); k++ {
			if spanWidth(atoms, from, k) > w+eps {
				break
			}
			if !allowedBefore(atoms, k) {
				continue
			}
			cur = append(cur, k)
			rec(k)
			cur = cur[:len(cur)-1]
		}
	}
	rec(0)
	return best, best != nil
}

// titleCost scores a set of cuts: lines of even length, the upper ones longer
// (梯形) or the middle longest (菱形), breaks at word boundaries, and never a
// line of one character.
func titleCost(atoms []atom, cuts []int, cell float64) float64 {
	bounds := append(append([]int{0}, cuts...), len(atoms))
	widths := make([]float64, len(bounds)-1)
	for i := range widths {
		widths[i] = spanWidth(atoms, bounds[i], bounds[i+1]) / cell
		if widths[i] < 1.5 {
			return math.Inf(1) // a lone character
		}
	}
	cost := 0.0
	for i := 0; i+1 < len(widths); i++ {
		d := widths[i] - widths[i+1]
		cost += math.Abs(d)
		diamond := len(widths) == 3 && i == 0 // a 菱形 grows into its middle line
		if d < 0 && !diamond {
			cost += 0.5 // 上长下短 is preferred
		}
	}
	for _, k := range cuts {
		cost += 2 - boundaryBonus(atoms, k)
	}
	return cost
}

// boundaryBonus says how good a word boundary lies before atoms[k] in an
// official title. Titles follow a few patterns (…关于…的通知, 对…会议第N号建议的…),
// so a handful of cues finds the boundaries without a dictionary.
func boundaryBonus(atoms []atom, k int) float64 {
	var before, after strings.Builder
	for i := max(0, k-3); i < k; i++ {
		before.WriteString(atoms[i].text)
	}
	for i := k; i < min(len(atoms), k+3); i++ {
		after.WriteString(atoms[i].text)
	}
	b, a := before.String(), after.String()
	bonus := 0.0
	switch {
	case strings.HasPrefix(a, "关于"):
		bonus = 3
	case hasAnySuffix(b, "会议", "大会", "》", "、", "，"):
		bonus = 3
	case strings.HasPrefix(a, "《"):
		bonus = 2.5
	case strings.HasPrefix(a, "的"):
		bonus = 2
	case strings.HasPrefix(a, "第"), hasAnySuffix(b, "的"):
		bonus = 1.5
	case hasAnySuffix(b, "局", "厅", "委员会", "政府", "办公室", "部", "院"):
		bonus = 1.5
	}
	if hasAnySuffix(b, "号", "第") || atoms[k].cls == clLatin || atoms[k-1].cls == clLatin {
		bonus -= 3 // 第1234号建议 stays whole
	}
	if insideBookTitle(atoms, k) {
		bonus -= 1
	}
	return bonus
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// insideBookTitle reports whether the break before atoms[k] falls inside 《…》.
func insideBookTitle(atoms []atom, k int) bool {
	depth := 0
	for i := 0; i < k; i++ {
		switch atoms[i].first {
		case '《':
			depth++
		case '》':
			depth--
		}
	}
	return depth > 0
}
