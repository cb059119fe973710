package batch

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// embedded is the NATS server running inside the process.
type embedded struct {
	ns     *server.Server
	unlock func()
}

// startEmbedded starts a NATS server with JetStream on cfg.DataDir/nats.
// Every write is synced to disk before it is acknowledged (SyncAlways): a task
// acked, a PDF stored, a record updated survive a power cut, not only a crash.
func startEmbedded(cfg Config) (*embedded, error) {
	dir := filepath.Join(cfg.DataDir, "nats")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("batch: data dir: %w", err)
	}
	// NATS itself does not stop two servers from sharing a store, which would
	// corrupt it; a lock file does.
	unlock, err := lockDir(filepath.Join(cfg.DataDir, "nats.lock"))
	if err != nil {
		return nil, err
	}
	opts := &server.Options{
		ServerName:         "gongwen",
		JetStream:          true,
		StoreDir:           dir,
		SyncAlways:         true,
		JetStreamMaxMemory: cfg.MaxMemory,
		JetStreamMaxStore:  cfg.MaxStore,
		DontListen:         cfg.Listen == "",
		NoSigs:             true, // the process's signals are gongwen's
		NoLog:              true,
	}
	if cfg.Listen != "" {
		host, port, err := net.SplitHostPort(cfg.Listen)
		if err != nil {
			unlock()
			return nil, fmt.Errorf("batch: listen address %q: %w", cfg.Listen, err)
		}
		opts.Host = host
		if opts.Port, err = strconv.Atoi(port); err != nil {
			unlock()
			return nil, fmt.Errorf("batch: listen address %q: port: %w", cfg.Listen, err)
		}
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("batch: embedded NATS: %w", err)
	}
	ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		unlock()
		return nil, fmt.Errorf("batch: embedded NATS did not start within 30s (store %s)", dir)
	}
	return &embedded{ns: ns, unlock: unlock}, nil
}

// connect opens a client connection: in memory to the embedded server, or
// over the network to an external cluster, reconnecting for as long as it takes.
func connect(cfg Config, emb *embedded) (*nats.Conn, error) {
	opts := []nats.Option{nats.Name("gongwen")}
	if emb != nil {
		return nats.Connect("", append(opts, nats.InProcessServer(emb.ns))...)
	}
	opts = append(opts, nats.MaxReconnects(-1), nats.ReconnectWait(time.Second),
		nats.RetryOnFailedConnect(false))
	nc, err := nats.Connect(cfg.NATSURL, opts...)
	if err != nil {
		return nil, fmt.Errorf("batch: NATS %s: %w", cfg.NATSURL, err)
	}
	return nc, nil
}

func (e *embedded) shutdown() {
	e.ns.Shutdown()
	e.ns.WaitForShutdown()
	e.unlock()
}
