// Package render turns a validated document into PDF bytes: it checks the
// document, lays it out on the GB/T 9704 grid with the process's fonts, and
// draws it. It is the one entry point the CLI, the HTTP service and batches use.
package render
