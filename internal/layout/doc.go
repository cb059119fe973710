// Package layout sets a document on the GB/T 9704-2012 page: the 28 × 22 grid of
// the 版心, CLREQ line breaking with punctuation compression and justification,
// balanced titles, the 版头, the signature block, the 版记 and page numbers.
//
// Its output is pages of positioned text segments, rules and images, in
// millimetres from the paper's top-left corner. It contains no PDF code: the pdf
// package draws what this package places, and tests read the placement as data.
package layout
