// Package fontset gives each typeface role of GB/T 9704 (仿宋, 小标宋, 黑体, 楷体,
// 宋体) its chain of font files, reads every file once per process, answers which
// face sets a character (falling back along the chain), and cuts per-document
// subsets for the PDF. Files a user drops into fonts/ win over the open
// defaults fetched into the cache.
package fontset
