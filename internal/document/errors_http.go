package document

import "bytes"

// SyntaxProblems returns the problem Decode and DecodeAnnex report when data is
// not JSON at all — not UTF-8, or malformed, with line and column — and nil
// when data is well-formed JSON. Decode folds both kinds of input error into
// Problems; a caller that must tell them apart (the HTTP service answers 400
// for a body it cannot parse and 422 for a document with problems) asks this
// after Decode failed, so valid input pays nothing for it.
func SyntaxProblems(data []byte) Problems {
	return checkSyntax(bytes.TrimPrefix(data, []byte("\uFEFF")))
}
