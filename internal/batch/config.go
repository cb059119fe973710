package batch

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"gongwen/internal/compose"
	"gongwen/internal/render"
)

// Config is what an Engine needs. The zero value of a field means its default.
type Config struct {
	// DataDir holds the embedded server's JetStream store (DataDir/nats).
	// Required unless NATSURL is given.
	DataDir string
	// NATSURL joins an external NATS cluster with JetStream (nats://host:4222,
	// several separated by commas) instead of embedding a server.
	NATSURL string
	// Listen, for the embedded server, also accepts client connections on this
	// address (127.0.0.1:4222), so other gongwen instances or the nats CLI can
	// reach it. Empty: no port at all; the process talks to it in memory.
	Listen string

	// MaxMemory and MaxStore bound the embedded server's JetStream memory and
	// disk; defaults DefaultMaxMemory and DefaultMaxStore.
	MaxMemory int64
	MaxStore  int64
	// Replicas of every stream, bucket and object store; default 1. Use 3 on
	// a 3-node cluster so losing a node loses nothing.
	Replicas int

	// Workers is how many documents this process renders at once; default
	// GOMAXPROCS (rendering is CPU-bound). Negative: none — the process only
	// submits and watches batches that other instances render.
	Workers int
	// AckWait is how long a task may go without a sign of life before NATS
	// hands it to another worker; workers signal every AckWait/3. Default 30s.
	AckWait time.Duration
	// Retention is how long a finished batch's record and ZIP are kept;
	// default 7 days.
	Retention time.Duration

	// Library composes documents from templates (Create needs it).
	Library *compose.Library
	// Renderer renders documents. Without it the workers wait for
	// StartWorkers (a service that loads its fonts in the background).
	Renderer *render.Renderer
	// FixedDate, when set, is the creation date of every PDF and the time of
	// every ZIP entry, so the same batch gives the same bytes.
	FixedDate time.Time

	Logger *slog.Logger // default: discard
}

// Defaults of Config.
const (
	DefaultMaxMemory = 64 << 20
	DefaultMaxStore  = 20 << 30
	DefaultAckWait   = 30 * time.Second
	DefaultRetention = 7 * 24 * time.Hour
)

func (c Config) withDefaults() (Config, error) {
	if c.MaxMemory == 0 {
		c.MaxMemory = DefaultMaxMemory
	}
	if c.MaxStore == 0 {
		c.MaxStore = DefaultMaxStore
	}
	if c.Replicas == 0 {
		c.Replicas = 1
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.AckWait == 0 {
		c.AckWait = DefaultAckWait
	}
	if c.Retention == 0 {
		c.Retention = DefaultRetention
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	var errs []error
	if c.NATSURL == "" && c.DataDir == "" {
		errs = append(errs, errors.New("batch: a data directory (for the embedded NATS server) or a NATS URL is required"))
	}
	if c.NATSURL != "" && c.Listen != "" {
		errs = append(errs, errors.New("batch: --nats-listen applies to the embedded server only, not with --nats-url"))
	}
	if c.MaxMemory < 0 || c.MaxStore < 0 {
		errs = append(errs, errors.New("batch: JetStream limits must be positive"))
	}
	if c.Replicas < 1 || c.Replicas > 5 {
		errs = append(errs, fmt.Errorf("batch: replicas %d: NATS allows 1 to 5", c.Replicas))
	}
	if c.AckWait < time.Second {
		errs = append(errs, fmt.Errorf("batch: ack wait %s: at least 1s", c.AckWait))
	}
	return c, errors.Join(errs...)
}
