// Package xlsx writes a statistical annex (附件) as an Excel workbook with
// excelize: one sheet per table, set out as Chinese offices exchange annual
// statistics — a merged title, the issuer, period and unit, a styled header
// that is frozen, filtered and repeated on every printed page, numbers kept as
// numbers in Chinese-style formats, and totals and derived columns (pass rate,
// agreement rate) as real formulas that also carry their computed values, so a
// viewer that never recalculates still shows the figures. Each preset table
// gets a chart.
//
// The figures and the formulas' meaning come from package document
// (StatTable, Derived), which a PDF writer uses too; this package only decides
// how they look in a workbook. Every sheet is written through excelize's
// StreamWriter, so a generic table of 100,000 rows costs little memory.
package xlsx
