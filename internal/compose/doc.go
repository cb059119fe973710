// Package compose turns a reply given as kind + proposal data into a complete
// Document: the kind's template (templates/*.tmpl) supplies the title,
// addressees, opening and closing paragraphs, and the office profile
// (templates/profiles/*.json) supplies the issuer, 标志, 抄送, 印发机关, 署名 and
// the contact line of the 附注. Whatever the document states itself wins; the
// template only fills what is left empty, so a fully explicit document passes
// through unchanged.
//
// Everything is parsed once by Load or LoadDir at start-up, so a broken
// template stops the program with its file and line instead of failing a
// request later. A Library is read-only afterwards and safe for concurrent use.
//
// Templates never invent a date: 成文日期 and 印发日期 come from the input, or
// from an explicit profile setting (printer.dateFromSignature).
package compose
