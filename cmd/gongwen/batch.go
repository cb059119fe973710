package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"gongwen/internal/batch"
	"gongwen/internal/fontset"
	"gongwen/internal/render"
)

func runBatch(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output ZIP, or - for standard output (default: the input's name with .zip)")
	dataDir := fs.String("data", defaultDataDir(), "where the embedded NATS server keeps batches (env GONGWEN_DATA)")
	natsURL := fs.String("nats-url", "", "join this NATS cluster (with JetStream) instead of embedding a server; other gongwen instances on it share the work")
	listen := fs.String("nats-listen", "", "let the embedded NATS server also accept clients on this address, e.g. 127.0.0.1:4222")
	workers := fs.Int("workers", 0, "documents rendered at once in this process (default: the number of CPUs; -1: none, others render)")
	resume := fs.String("resume", "", "follow the batch with this id (one interrupted earlier) instead of creating one")
	detach := fs.Bool("detach", false, "queue the batch, print its id and exit; collect it later with --resume")
	var opt batch.Options
	fs.StringVar(&opt.Profile, "profile", "", "office profile of rows that name none (办文单位), e.g. zhuzhou-hrss")
	fs.StringVar(&opt.Kind, "kind", "", "reply kind of rows that give none (答复类型): fenban, zhuban, xieban, tian")
	fs.StringVar(&opt.Date, "date", "", "成文日期 YYYY-MM-DD of rows that give none")
	fs.BoolVar(&opt.Simplex, "simplex", false, "one-sided printing: leave the 版记 on the last page")
	fs.BoolVar(&opt.NoNumbering, "no-number", false, "leave documents without a 发文字号 unnumbered (default: the next numbers of the office's register)")
	fontDir := fs.String("fonts", "fonts", "directory of user-supplied fonts")
	tmplDir := fs.String("templates", "", "directory overriding the built-in templates")
	var fixed time.Time
	fixedDateFlag(fs, &fixed, "fix the PDFs' creation date for byte-identical output")
	memLimit := fs.Int("memory-limit", 256, "soft memory limit in MiB for the garbage collector (0: none; GOMEMLIMIT, when set, wins)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: gongwen batch [flags] ledger.xlsx|documents.json|documents.jsonl|-\n       gongwen batch --resume ID -o out.zip\n\n"+
			"Renders every document (a JSON array, JSON Lines, or an Excel ledger of proposals — columns in\n"+
			"internal/batch/LEDGER.md) into a ZIP of PDFs named after their 发文字号, with 办理情况汇总表.xlsx.\n"+
			"Invalid items are listed and left out; the rest are rendered. An interrupted batch carries on\n"+
			"when gongwen starts again on the same --data.\n\nFlags:")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if *resume != "" && len(pos) > 0 || *resume == "" && len(pos) != 1 {
		fmt.Fprintln(e.stderr, "gongwen batch: give one input file (or - for standard input), or --resume ID")
		fs.Usage()
		return exitUsage
	}
	if *memLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		// Rendering allocates ~20 MB a document and frees it at once; without a
		// limit the heap doubles before each collection, and a batch of ten
		// thousand peaks near 500 MB where 270 MB does (measured; README).
		debug.SetMemoryLimit(int64(*memLimit) << 20)
	}
	cfg := batch.Config{DataDir: *dataDir, NATSURL: *natsURL, Listen: *listen, Workers: *workers}
	if *detach {
		cfg.Workers = -1 // this process only queues the batch
	}
	cfg.FixedDate = fixed
	if cfg.Library, err = loadTemplates(*tmplDir); err != nil {
		return report(e, err)
	}
	if cfg.Workers >= 0 {
		set, err := fontset.Load(fontset.Options{UserDir: *fontDir})
		if err != nil {
			fmt.Fprintf(e.stderr, "gongwen batch: %v\n", err)
			return exitFailure
		}
		cfg.Renderer = &render.Renderer{Fonts: set}
	}
	eng, err := batch.Open(ctx, cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "gongwen batch: %v\n", err)
		return exitFailure
	}
	defer eng.Close()

	id, name := *resume, ""
	if id == "" {
		name = pos[0]
		data, err := readInput(e, name)
		if err != nil {
			return report(e, err)
		}
		st, err := eng.Create(ctx, batch.Input{Data: data, Name: filepath.Base(name), Options: opt})
		if err != nil {
			return report(e, err)
		}
		id = st.ID
		fmt.Fprintf(e.stderr, "batch %s: %d documents, %d invalid\n", id, st.Total, st.Invalid)
		if *detach {
			fmt.Fprintln(e.stdout, id)
			return exitOK
		}
	}
	last, err := follow(ctx, e, eng, id)
	if err != nil {
		if ctx.Err() != nil && !*detach {
			// Interrupted: stop the batch rather than leave it to run unseen.
			cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, cerr := eng.Cancel(cctx, id); cerr == nil {
				fmt.Fprintf(e.stderr, "\nbatch %s cancelled\n", id)
			}
			return exitFailure
		}
		fmt.Fprintf(e.stderr, "gongwen batch: %v\n", err)
		return exitFailure
	}
	st, err := eng.Status(ctx, id)
	if err != nil {
		fmt.Fprintf(e.stderr, "gongwen batch: %v\n", err)
		return exitFailure
	}
	for _, ie := range st.Errors {
		fmt.Fprintln(e.stderr, ie.String())
	}
	if st.ErrorsOmitted > 0 {
		fmt.Fprintf(e.stderr, "……另有 %d 处问题未列出（见 ZIP 中的%s）\n", st.ErrorsOmitted, batch.SummaryName)
	}
	if last.State != batch.Done {
		fmt.Fprintf(e.stderr, "gongwen batch: batch %s %s %s\n", id, last.State, last.Message)
		return exitFailure
	}
	dest := *out
	if dest == "" {
		switch {
		case name == "" || name == "-":
			dest = "batch-" + id + ".zip"
		default:
			dest = strings.TrimSuffix(name, filepath.Ext(name)) + ".zip"
		}
	}
	if err := saveResult(ctx, e, eng, id, dest); err != nil {
		fmt.Fprintf(e.stderr, "gongwen batch: %v\n", err)
		return exitFailure
	}
	if dest != "-" {
		fmt.Fprintf(e.stderr, "%s: %d PDFs and %s\n", dest, last.Rendered, batch.SummaryName)
	}
	if last.Failed+last.Invalid > 0 {
		return exitInvalid
	}
	return exitOK
}

// follow shows a batch's progress until it ends: a bar redrawn in place on a
// terminal, a line every few seconds otherwise (a log, CI).
func follow(ctx context.Context, e *env, eng *batch.Engine, id string) (batch.Progress, error) {
	ch, err := eng.Watch(ctx, id)
	if err != nil {
		return batch.Progress{}, err
	}
	bar := terminal(e.stderr)
	start := time.Now()
	var last batch.Progress
	var drawn time.Time
	for p := range ch {
		last = p
		now := time.Now()
		if p.State.Ended() || now.Sub(drawn) >= interval(bar) {
			drawn = now
			if bar {
				fmt.Fprintf(e.stderr, "\r%s", progressBar(p, now.Sub(start)))
			} else {
				fmt.Fprintln(e.stderr, progressLine(p, now.Sub(start)))
			}
		}
	}
	if bar {
		fmt.Fprintln(e.stderr)
	}
	if !last.State.Ended() {
		if err := ctx.Err(); err != nil {
			return last, err
		}
		return last, errors.New("lost sight of the batch before it ended")
	}
	return last, nil
}

func interval(bar bool) time.Duration {
	if bar {
		return 100 * time.Millisecond
	}
	return 5 * time.Second
}

// terminal reports whether w is a terminal (a character device), where a bar
// may be redrawn with \r; a file or pipe gets plain lines instead.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

const barWidth = 30

func progressBar(p batch.Progress, elapsed time.Duration) string {
	filled := 0
	if p.Total > 0 {
		filled = p.Done * barWidth / p.Total
	}
	s := fmt.Sprintf("[%s%s] %s", strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), progressLine(p, elapsed))
	return s + "\033[K" // clear what a longer line left
}

func progressLine(p batch.Progress, elapsed time.Duration) string {
	pct := 100
	if p.Total > 0 {
		pct = p.Done * 100 / p.Total
	}
	s := fmt.Sprintf("%d/%d (%d%%) %s", p.Done, p.Total, pct, p.State)
	if n := p.Failed + p.Invalid; n > 0 {
		s += fmt.Sprintf(", %d not rendered", n)
	}
	if secs := elapsed.Seconds(); secs >= 1 && p.Rendered > 0 {
		rate := float64(p.Rendered) / secs
		s += fmt.Sprintf(", %.1f docs/s", rate)
		if left := p.Total - p.Done; left > 0 && !p.State.Ended() {
			s += fmt.Sprintf(", ~%s left", time.Duration(float64(left)/rate*float64(time.Second)).Round(time.Second))
		}
	}
	return s
}

// saveResult streams the ZIP to dest (- for standard output); a file is
// written beside its destination and renamed into place, whole or not at all.
func saveResult(ctx context.Context, e *env, eng *batch.Engine, id, dest string) error {
	res, err := eng.Result(ctx, id)
	if err != nil {
		return err
	}
	defer res.Close()
	if dest == "-" {
		_, err := io.Copy(e.stdout, res)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".gongwen-*.zip")
	if err != nil {
		return err
	}
	if _, err := io.Copy(tmp, res); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), dest)
}

// defaultDataDir is where batches live between runs: GONGWEN_DATA, else
// the user's data directory (XDG_DATA_HOME or ~/.local/share) + gongwen.
func defaultDataDir() string {
	if d := os.Getenv("GONGWEN_DATA"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "gongwen")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "gongwen")
	}
	return filepath.Join(os.TempDir(), "gongwen-data")
}
