// Package pdf draws laid-out pages (package layout) with go-pdf/fpdf: text
// segments in per-document font subsets, rules and seal images, and the
// document's metadata. It makes no layout decision of its own.
package pdf
