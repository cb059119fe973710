// Package document is the domain of gongwen: a Chinese official document (公文) as
// data — its 版头 marks, title, addressees, body blocks, attachments, signature,
// 附注 and 版记 — together with the statistical Table and Annex types, and the
// validation that turns bad input into problems naming a JSON path and the fix.
//
// It imports nothing of ours; every other package points toward it.
package document
