package document

import (
	"fmt"
	"strings"
)

// unknownField explains an unknown key: the known name it most likely meant
// (guess, from closest; may be empty) and the full list, so the user can fix it
// without the manual.
func unknownField(guess string, known []string) string {
	msg := "未知字段；"
	if guess != "" {
		msg = fmt.Sprintf("未知字段，是否应为 %s？", guess)
	}
	return msg + "可用字段：" + strings.Join(known, ", ")
}

// closest returns the known name a typo most likely meant, or "". Case and the
// separators of snake_case or kebab-case are ignored first (doc_number,
// DocNumber → docNumber); otherwise a small edit distance, relative to the
// length, counts as a typo.
func closest(key string, known []string) string {
	fold := func(s string) string {
		return strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(s))
	}
	for _, k := range known {
		if fold(k) == fold(key) {
			return k
		}
	}
	best, bestD := "", -1
	for _, k := range known {
		d := editDistance(strings.ToLower(key), strings.ToLower(k))
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	limit := 1
	if len([]rune(key)) >= 5 {
		limit = 2
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance counted in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
