package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gongwen/internal/compose"
	"gongwen/internal/document"
	"gongwen/internal/fontset"
	"gongwen/internal/render"
	"gongwen/templates"
)

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runRender(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output PDF file, or - for standard output (default: the input's name with .pdf)")
	textFile := fs.String("text", "", "plain-text body file (one paragraph a line; 一、 （一） 1. （1） start headings), or - for standard input")
	fontDir := fs.String("fonts", "fonts", "directory of user-supplied fonts (licensed fonts dropped in win over the open ones)")
	tmplDir := fs.String("templates", "", "directory overriding the built-in templates")
	var opt render.Options
	fixedDateFlag(fs, &opt.Date, "fix the PDF's creation date for byte-identical output")
	simplex := fs.Bool("simplex", false, "one-sided printing: leave the 版记 on the last page instead of an even page")
	var meta docFlags
	meta.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: gongwen render [flags] document.json|-\n       gongwen render --text body.txt --issuer … --title … [flags]\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	doc, name, err := readDocument(e, pos, *textFile, &meta)
	if err != nil {
		return report(e, err)
	}
	opt.Simplex = *simplex
	lib, err := loadTemplates(*tmplDir)
	if err != nil {
		return report(e, err)
	}
	if doc, err = lib.Apply(doc); err != nil {
		return report(e, err)
	}
	set, err := fontset.Load(fontset.Options{UserDir: *fontDir})
	if err != nil {
		fmt.Fprintf(e.stderr, "gongwen render: %v\n", err)
		return exitFailure
	}
	r := &render.Renderer{Fonts: set}
	res, err := r.Render(doc, opt)
	if err != nil {
		return report(e, err)
	}
	dest := *out
	if dest == "" {
		dest = strings.TrimSuffix(name, ".json") + ".pdf"
		if name == "-" || name == "" {
			dest = "-"
		}
	}
	if err := writeOutput(e, dest, res.PDF); err != nil {
		fmt.Fprintf(e.stderr, "gongwen render: %v\n", err)
		return exitFailure
	}
	if dest != "-" {
		fmt.Fprintf(e.stderr, "%s: %d pages, %d bytes\n", dest, res.Pages, len(res.PDF))
	}
	return exitOK
}

// report prints a document's problems one per line ("path: message") and
// chooses the exit status.
func report(e *env, err error) int {
	var ps document.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintln(e.stderr, p.String())
		}
		return exitInvalid
	}
	fmt.Fprintf(e.stderr, "gongwen: %v\n", err)
	return exitFailure
}

// writeOutput writes data to dest (- for standard output) whole or not at all:
// a file is written beside its destination and renamed into place.
func writeOutput(e *env, dest string, data []byte) error {
	if dest == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	tmp, err := os.CreateTemp(dirOf(dest), ".gongwen-*.pdf")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	// CreateTemp makes the file private; an output is an ordinary document.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), dest)
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i+1]
	}
	return "."
}

func loadTemplates(dir string) (*compose.Library, error) {
	if dir != "" {
		return compose.LoadDir(dir)
	}
	return compose.Load(templates.FS)
}

// readInput reads a file, or standard input for "-".
func readInput(e *env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(e.stdin, 64<<20))
	}
	return os.ReadFile(name)
}
