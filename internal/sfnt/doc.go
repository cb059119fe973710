// Package sfnt reads TrueType (glyf-outline) fonts and cuts per-document subsets
// of them.
//
// It exists for two reasons. First, fpdf's own UTF-8 font parser prints and then
// ignores errors, can panic on unusual or damaged input, only understands BMP
// cmaps, and re-parses the whole file for every document — about 50 ms for a
// 15 MB CJK font. Parse here only reads the table directory and a few fixed
// headers and never panics; glyph lookups search the raw cmap in place, so a
// parsed Font costs a few hundred bytes and can be shared by every request.
//
// Second, fpdf embeds whatever font bytes it is given and re-cuts them on every
// Output. Handing it Subset's output — .notdef plus the few hundred glyphs the
// document actually uses — keeps both fpdf's work and the PDF small (a few
// milliseconds and a few tens of kilobytes instead of megabytes).
//
// Only single TrueType fonts are accepted: OpenType/CFF (.otf), collections
// (.ttc) and WOFF are rejected with errors that say so (see ErrCFF and the other
// sentinels). A *Font is immutable after Parse and safe for concurrent use.
package sfnt
