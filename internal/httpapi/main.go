package httpapi

import (
	"context"
	"errors"
	"fmt"
	"gongwen/internal/batch"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"gongwen/internal/compose"
	"gongwen/internal/fontset"
	"gongwen/templates"
)

// Main is the running service: `gongwen serve` is NewMain, Run, wait for a
// signal, Close; tests do the same on 127.0.0.1:0.
type Main struct {
	Config Config

	server *Server
	http   *http.Server
	ln     net.Listener
	failed chan error    // the listener's fatal error, if it has one
	loaded chan struct{} // closed once the fonts are loaded or have failed

	testRoutes func(r gin.IRouter) // see Server.testRoutes

	closeOnce sync.Once
	closeErr  error
}

// NewMain returns a service configured by cfg; nothing starts until Run.
func NewMain(cfg Config) *Main {
	return &Main{Config: cfg, failed: make(chan error, 1), loaded: make(chan struct{})}
}

// Run checks the configuration, loads the templates, starts listening and
// returns; the fonts load in the background, /readyz saying 503 until they
// have. A mistake in the configuration or the templates fails Run itself, so
// `gongwen serve` exits at once rather than serve errors.
func (m *Main) Run(ctx context.Context) error {
	cfg, err := m.Config.withDefaults()
	if err != nil {
		return err
	}
	m.Config = cfg
	lib, err := loadTemplates(cfg.TemplateDir)
	if err != nil {
		return err
	}
	if cfg.DataDir != "" {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return fmt.Errorf("data dir: %w", err)
		}
	}
	if m.server, err = NewServer(cfg, lib); err != nil {
		return err
	}
	if cfg.DataDir != "" || cfg.NATSURL != "" {
		// Batches: the embedded NATS server keeps its store under the data dir;
		// workers start once the fonts are loaded.
		e, err := batch.Open(ctx, batch.Config{DataDir: cfg.DataDir, NATSURL: cfg.NATSURL, Listen: cfg.NATSListen,
			Library: lib, FixedDate: cfg.FixedDate, Logger: cfg.Logger})
		if err != nil {
			return fmt.Errorf("batches: %w", err)
		}
		m.server.batches = e
	}
	m.server.testRoutes = m.testRoutes
	var lc net.ListenConfig
	if m.ln, err = lc.Listen(ctx, "tcp", cfg.Addr); err != nil {
		return err
	}
	m.http = &http.Server{
		Handler:           m.server.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.RequestTimeout, // a body that trickles in is cut off with its budget
		WriteTimeout:      cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := m.http.Serve(m.ln); !errors.Is(err, http.ErrServerClosed) {
			cfg.Logger.Error("server stopped", "err", err)
			m.failed <- err
		}
	}()
	go m.loadFonts()
	cfg.Logger.Info("listening", "addr", m.Addr(), "concurrency", cfg.Concurrency, "queue", cfg.QueueLength,
		"body_limit", cfg.BodyLimit, "timeout", cfg.RequestTimeout.String(), "auth", len(cfg.Tokens) > 0)
	return nil
}

func (m *Main) loadFonts() {
	defer close(m.loaded)
	start := time.Now()
	set, err := fontset.Load(fontset.Options{UserDir: m.Config.FontDir, CacheDir: m.Config.FontCacheDir})
	if err != nil {
		m.Config.Logger.Error("fonts unavailable: not ready", "err", err)
		m.server.FontsFailed(err)
		return
	}
	for _, p := range set.Problems {
		m.Config.Logger.Warn("unusable font", "problem", p)
	}
	m.server.SetFonts(set)
	if m.server.batches != nil {
		if err := m.server.batches.StartWorkers(m.server.state().fonts.renderer); err != nil {
			m.Config.Logger.Error("batch workers did not start", "err", err)
		}
	}
	m.Config.Logger.Info("fonts loaded: ready", "duration_ms", time.Since(start).Milliseconds())
}

func loadTemplates(dir string) (*compose.Library, error) {
	if dir != "" {
		return compose.LoadDir(dir)
	}
	return compose.Load(templates.FS)
}

// Addr is the address the service listens on: with port 0, the port chosen.
func (m *Main) Addr() string {
	if m.ln == nil {
		return ""
	}
	return m.ln.Addr().String()
}

// Failed delivers the error that stopped the listener, if one does.
func (m *Main) Failed() <-chan error { return m.failed }

// FontsLoaded is closed once the fonts have loaded, or failed to.
func (m *Main) FontsLoaded() <-chan struct{} { return m.loaded }

// Close shuts down gracefully: /readyz turns 503, the listener closes, and the
// requests in flight finish within ShutdownTimeout, after which the remaining
// connections are cut.
func (m *Main) Close() error {
	if m.http == nil {
		return nil
	}
	m.closeOnce.Do(func() { m.closeErr = m.shutdown() })
	return m.closeErr
}

func (m *Main) shutdown() error {
	m.server.Drain()
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	err := m.http.Shutdown(ctx)
	if err != nil {
		m.Config.Logger.Warn("shutdown timed out: closing connections", "err", err)
		err = errors.Join(err, m.http.Close())
	}
	if m.server.batches != nil {
		// Tasks in flight are redelivered to a worker after a restart: none is lost.
		err = errors.Join(err, m.server.batches.Close())
	}
	m.Config.Logger.Info("stopped")
	return err
}
