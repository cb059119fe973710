// Command gongwen renders Chinese official documents (公文) to PDF after GB/T
// 9704-2012, fills replies from templates, writes statistical annexes, and
// serves all of it over HTTP. This file only wires subcommands to packages.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses, for scripts.
const (
	exitOK      = 0
	exitInvalid = 1 // the input is wrong: the messages say where and how to fix it
	exitUsage   = 2 // the command line is wrong
	exitFailure = 3 // something else failed (fonts missing, disk full …)
)

type command struct {
	name, summary string
	run           func(ctx context.Context, env *env, args []string) int
}

// env is what a command may touch: arguments come separately.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"render", "render a document (JSON or plain text) to PDF", runRender},
		{"fonts", "show the fonts of each role and their coverage; `fonts fetch` obtains the open fonts", runFonts},
		{"templates", "list reply kinds and office profiles with their required fields", runTemplates},
		{"batch", "render a batch (JSON array, JSON Lines or an Excel ledger) into a ZIP", runBatch},
		{"annex", "write a statistical annex as an Excel workbook or PDF attachment pages", runAnnex},
		{"serve", "run the HTTP service", runServe},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "gongwen: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gongwen — 公文 (GB/T 9704-2012) rendering")
	fmt.Fprintln(w, "\nUsage: gongwen <command> [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `gongwen <command> -h` for a command's flags.")
}

// parseArgs parses flags that may stand before or after positional arguments
// (`gongwen render doc.json -o out.pdf`), returning the positional ones. A lone
// "-" is a positional argument (standard input).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
