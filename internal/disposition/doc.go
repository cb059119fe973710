// Package disposition names downloads: the Content-Disposition header (RFC 6266)
// of a PDF, workbook or ZIP whose name is Chinese, shared by the service and the
// batch routes so a file is named the same whichever route serves it.
package disposition
