package httpapi

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"time"

	"gongwen/internal/document"
)

// Config is everything the service can be told at start-up. The zero value of
// a field means its default (see Defaults); `gongwen serve` fills it from flags
// and GONGWEN_* environment variables.
type Config struct {
	Addr string // listen address; default 127.0.0.1:8080, loopback only unless told otherwise

	BodyLimit      int64         // largest request body in bytes; default 10 MB, at most document.MaxInputBytes
	Concurrency    int           // renders at once; default GOMAXPROCS (rendering is CPU-bound)
	QueueLength    int           // requests that may wait for a render slot before 429; default 64
	RequestTimeout time.Duration // a request's whole budget, queueing included; default 30s
	// ShutdownTimeout bounds how long Close waits for in-flight requests; default 30s.
	ShutdownTimeout time.Duration

	FontDir      string // user fonts (licensed fonts dropped in win over the open ones); default "fonts"
	FontCacheDir string // fetched open fonts; default fontfetch.CacheDir()
	TemplateDir  string // overrides the built-in templates; "" for the built-in set
	DataDir      string // where the service may keep state (batch jobs); created if missing; "" for none

	// NATSURL joins an external NATS cluster for batches instead of the
	// embedded server (which needs DataDir); NATSListen opens the embedded
	// server to other instances on this address.
	NATSURL    string
	NATSListen string

	// Page, when set, is the drafting page (web.Handler()), served at / and
	// /assets/ outside /v1 and its auth.
	Page http.Handler

	// Tokens, when any are given, are the bearer tokens /v1 requests must carry.
	Tokens []string

	// FixedDate, when set, is the creation date written into every PDF, so the
	// same document gives the same bytes (tests, reproducible archives).
	FixedDate time.Time

	Logger *slog.Logger // default: JSON to standard error
}

// Defaults of Config.
const (
	DefaultAddr            = "127.0.0.1:8080"
	DefaultBodyLimit       = 10 << 20
	DefaultQueueLength     = 64
	DefaultRequestTimeout  = 30 * time.Second
	DefaultShutdownTimeout = 30 * time.Second
	DefaultFontDir         = "fonts"
)

// Check reports the first settings of c that cannot work, so a command line
// can be refused as such before anything starts.
func (c Config) Check() error {
	_, err := c.withDefaults()
	return err
}

// withDefaults returns c with its zero fields set to their defaults, or an
// error naming the first setting that cannot work.
func (c Config) withDefaults() (Config, error) {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.BodyLimit == 0 {
		c.BodyLimit = DefaultBodyLimit
	}
	if c.Concurrency == 0 {
		c.Concurrency = runtime.GOMAXPROCS(0)
	}
	if c.QueueLength == 0 {
		c.QueueLength = DefaultQueueLength
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.ShutdownTimeout == 0 {
		c.ShutdownTimeout = DefaultShutdownTimeout
	}
	if c.FontDir == "" {
		c.FontDir = DefaultFontDir
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	var errs []error
	switch {
	case c.BodyLimit < 0:
		errs = append(errs, fmt.Errorf("body limit %d: must be positive", c.BodyLimit))
	case c.BodyLimit > document.MaxInputBytes:
		// Beyond it Decode refuses the input itself; a larger limit would only
		// turn a clear 413 into a 422.
		errs = append(errs, fmt.Errorf("body limit %d bytes: at most %d (%d MB), the largest input a document may be",
			c.BodyLimit, document.MaxInputBytes, document.MaxInputBytes>>20))
	}
	if c.Concurrency < 0 {
		errs = append(errs, fmt.Errorf("concurrency %d: must be positive", c.Concurrency))
	}
	if c.QueueLength < 0 {
		errs = append(errs, fmt.Errorf("queue length %d: must be positive (0 means the default)", c.QueueLength))
	}
	if c.RequestTimeout < 0 || c.ShutdownTimeout < 0 {
		errs = append(errs, errors.New("timeouts must be positive"))
	}
	for i, t := range c.Tokens {
		if len(t) < 16 {
			errs = append(errs, fmt.Errorf("token %d is %d characters long: use at least 16 (e.g. `openssl rand -hex 24`)", i+1, len(t)))
		}
	}
	return c, errors.Join(errs...)
}
