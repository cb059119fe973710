package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"strings"

	"gongwen/internal/document"
	"gongwen/internal/fontset"
	"gongwen/internal/render"
	"gongwen/internal/xlsx"
)

func runAnnex(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("annex", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output: a .xlsx workbook or a .pdf of attachment pages (- for standard output with --format)")
	format := fs.String("format", "", "xlsx or pdf (default: from the output's extension)")
	label := fs.String("label", "附件", "the 附件 line over the PDF pages (empty for none)")
	fontDir := fs.String("fonts", "fonts", "directory of user-supplied fonts")
	var opt render.Options
	fixedDateFlag(fs, &opt.Date, "fix the PDF's creation date for byte-identical output")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: gongwen annex [flags] annex.json|- -o out.xlsx|out.pdf\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || *out == "" {
		fs.Usage()
		return exitUsage
	}
	kind := *format
	if kind == "" {
		switch {
		case strings.HasSuffix(*out, ".xlsx"):
			kind = "xlsx"
		case strings.HasSuffix(*out, ".pdf"):
			kind = "pdf"
		default:
			fmt.Fprintf(e.stderr, "gongwen annex: cannot tell the format of %q: name it .xlsx or .pdf, or give --format\n", *out)
			return exitUsage
		}
	}
	data, err := readInput(e, pos[0])
	if err != nil {
		return report(e, err)
	}
	a, err := document.DecodeAnnex(data)
	if err != nil {
		return report(e, err)
	}
	if ps := a.Validate(); len(ps) > 0 {
		return report(e, ps)
	}
	var body []byte
	switch kind {
	case "xlsx":
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, a); err != nil {
			return report(e, err)
		}
		body = buf.Bytes()
	case "pdf":
		set, err := fontset.Load(fontset.Options{UserDir: *fontDir})
		if err != nil {
			fmt.Fprintf(e.stderr, "gongwen annex: %v\n", err)
			return exitFailure
		}
		res, err := (&render.Renderer{Fonts: set}).RenderAnnex(a, *label, opt)
		if err != nil {
			return report(e, err)
		}
		body = res.PDF
	default:
		fmt.Fprintf(e.stderr, "gongwen annex: --format %q: want xlsx or pdf\n", kind)
		return exitUsage
	}
	if err := writeOutput(e, *out, body); err != nil {
		fmt.Fprintf(e.stderr, "gongwen annex: %v\n", err)
		return exitFailure
	}
	return exitOK
}
