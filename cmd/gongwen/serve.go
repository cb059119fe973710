package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"gongwen/internal/web"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"gongwen/internal/httpapi"
)

// serveEnv maps each flag of `gongwen serve` to the environment variable that
// sets it; a flag on the command line wins over the variable.
var serveEnv = []struct{ flag, env string }{
	{"addr", "GONGWEN_ADDR"},
	{"body-limit", "GONGWEN_BODY_LIMIT"},
	{"concurrency", "GONGWEN_CONCURRENCY"},
	{"queue", "GONGWEN_QUEUE"},
	{"timeout", "GONGWEN_TIMEOUT"},
	{"shutdown-timeout", "GONGWEN_SHUTDOWN_TIMEOUT"},
	{"fonts", "GONGWEN_FONTS"},
	{"templates", "GONGWEN_TEMPLATES"},
	{"data", "GONGWEN_DATA"},
	{"nats-url", "GONGWEN_NATS_URL"},
	{"nats-listen", "GONGWEN_NATS_LISTEN"},
	{"tokens-file", "GONGWEN_TOKENS_FILE"},
	{"log-level", "GONGWEN_LOG_LEVEL"},
}

func runServe(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfg := httpapi.Config{BodyLimit: httpapi.DefaultBodyLimit}
	fs.StringVar(&cfg.Addr, "addr", httpapi.DefaultAddr, "listen address (loopback by default; 0.0.0.0:8080 to serve the network)")
	fs.Var((*byteSize)(&cfg.BodyLimit), "body-limit", "largest request body, e.g. 10MB, 512KB")
	fs.IntVar(&cfg.Concurrency, "concurrency", 0, "renders at once (default GOMAXPROCS)")
	fs.IntVar(&cfg.QueueLength, "queue", httpapi.DefaultQueueLength, "requests that may wait for a render slot before 429")
	fs.DurationVar(&cfg.RequestTimeout, "timeout", httpapi.DefaultRequestTimeout, "a request's time budget, queueing included")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", httpapi.DefaultShutdownTimeout, "how long shutdown waits for requests in flight")
	fs.StringVar(&cfg.FontDir, "fonts", httpapi.DefaultFontDir, "directory of user-supplied fonts")
	fs.StringVar(&cfg.TemplateDir, "templates", "", "directory overriding the built-in templates")
	fs.StringVar(&cfg.DataDir, "data", defaultDataDir(), "directory for the service's state: batches in an embedded NATS JetStream store (created if missing)")
	fs.StringVar(&cfg.NATSURL, "nats-url", "", "join an external NATS cluster with JetStream for batches instead of the embedded server")
	fs.StringVar(&cfg.NATSListen, "nats-listen", "", "let other gongwen instances reach the embedded NATS server on this address (e.g. 127.0.0.1:4222)")
	var tokens stringList
	fs.Var(&tokens, "token", "bearer token /v1 requests must carry (repeatable; GONGWEN_TOKENS takes a comma-separated list)")
	tokensFile := fs.String("tokens-file", "", "file of bearer tokens, one a line (# comments), which keeps tokens out of the process list")
	fixedDateFlag(fs, &cfg.FixedDate, "fix every PDF's creation date for byte-identical output")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: gongwen serve [flags]\n\nServes the HTTP API (GET /openapi.json describes it).\n\nFlags (each also from its environment variable):")
		fs.PrintDefaults()
		fmt.Fprintln(e.stderr, "\nEnvironment:")
		for _, v := range serveEnv {
			fmt.Fprintf(e.stderr, "  %-26s --%s\n", v.env, v.flag)
		}
		fmt.Fprintf(e.stderr, "  %-26s --token, comma-separated\n", "GONGWEN_TOKENS")
	}
	for _, v := range serveEnv {
		if val := os.Getenv(v.env); val != "" {
			if err := fs.Set(v.flag, val); err != nil {
				fmt.Fprintf(e.stderr, "gongwen serve: %s=%q: %v\n", v.env, val, err)
				return exitUsage
			}
		}
	}
	for t := range strings.SplitSeq(os.Getenv("GONGWEN_TOKENS"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			tokens = append(tokens, t)
		}
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(e.stderr, "gongwen serve: unexpected argument %q; see gongwen serve -h\n", pos[0])
		return exitUsage
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(e.stderr, "gongwen serve: --log-level %q: want debug, info, warn or error\n", *logLevel)
		return exitUsage
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	cfg.Tokens = tokens
	if *tokensFile != "" {
		more, err := readTokens(*tokensFile)
		if err != nil {
			fmt.Fprintf(e.stderr, "gongwen serve: %v\n", err)
			return exitUsage
		}
		cfg.Tokens = append(cfg.Tokens, more...)
	}
	if err := cfg.Check(); err != nil {
		fmt.Fprintf(e.stderr, "gongwen serve: %v\n", err)
		return exitUsage
	}

	cfg.Page = web.Handler()
	m := httpapi.NewMain(cfg)
	if err := m.Run(ctx); err != nil {
		fmt.Fprintf(e.stderr, "gongwen serve: %v\n", err)
		return exitFailure
	}
	code := exitOK
	select {
	case <-ctx.Done():
	case err := <-m.Failed():
		fmt.Fprintf(e.stderr, "gongwen serve: %v\n", err)
		code = exitFailure
	}
	if err := m.Close(); err != nil {
		fmt.Fprintf(e.stderr, "gongwen serve: shutdown: %v\n", err)
		code = exitFailure
	}
	return code
}

// readTokens reads a tokens file: one token a line, blank lines and lines
// starting with # ignored.
func readTokens(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tokens file: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" && !strings.HasPrefix(t, "#") {
			out = append(out, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tokens file %s: %w", path, err)
	}
	return out, nil
}

// byteSize is a flag of a size in bytes: 10MB, 512KB, 1048576. Units are
// binary (1 MB = 1,048,576 bytes), as the limits are counted.
type byteSize int64

func (b *byteSize) String() string {
	if b == nil || *b == 0 {
		return "0"
	}
	if *b%(1<<20) == 0 {
		return strconv.FormatInt(int64(*b)>>20, 10) + "MB"
	}
	if *b%(1<<10) == 0 {
		return strconv.FormatInt(int64(*b)>>10, 10) + "KB"
	}
	return strconv.FormatInt(int64(*b), 10)
}

func (b *byteSize) Set(s string) error {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"MIB", 1 << 20}, {"KIB", 1 << 10}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return fmt.Errorf("want a size such as 10MB, 512KB or 1048576")
	}
	*b = byteSize(n * mult)
	return nil
}
