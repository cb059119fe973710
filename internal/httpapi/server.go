package httpapi

import (
	"gongwen/internal/batch"
	"log/slog"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"gongwen/internal/compose"
	"gongwen/internal/fontset"
	"gongwen/internal/render"
)

// Server is the HTTP API: the gin engine with its routes and what the handlers
// share. It is an http.Handler; Main gives it a listener.
type Server struct {
	cfg     Config
	log     *slog.Logger
	lib     *compose.Library
	limit   *limiter
	metrics *metrics
	engine  *gin.Engine

	mu       sync.Mutex
	fonts    *fontState // nil until loaded
	fontsErr error      // why fonts could not be loaded
	draining bool       // Close has begun: /readyz says so, so balancers move on

	batches     *batch.Engine // nil without a data directory or NATS URL
	openapiOnce sync.Once
	openapiJSON []byte

	// testRoutes lets in-package tests add routes (a handler that panics);
	// they are registered after the real ones and left out of the OpenAPI check.
	testRoutes func(r gin.IRouter)
}

// fontState is what needs the fonts: the renderer, and the font catalogue of
// GET /v1/fonts, measured once on first request (coverage reads every face).
type fontState struct {
	set      *fontset.Set
	renderer *render.Renderer

	catalogueOnce sync.Once
	catalogue     *fontCatalogue
	catalogueErr  error
}

var ginMode sync.Once

// NewServer builds the API on lib (the templates). The fonts come later, with
// SetFonts: until then the routes that need them answer 503.
func NewServer(cfg Config, lib *compose.Library) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	ginMode.Do(func() { gin.SetMode(gin.ReleaseMode) })
	lim := newLimiter(cfg.Concurrency, cfg.QueueLength)
	return &Server{cfg: cfg, log: cfg.Logger, lib: lib, limit: lim, metrics: newMetrics(lim)}, nil
}

// Handler returns the API's handler, building the routes on first call.
func (s *Server) Handler() *gin.Engine {
	if s.engine == nil {
		s.engine = s.routes()
	}
	return s.engine
}

// SetFonts makes the service ready to render with set.
func (s *Server) SetFonts(set *fontset.Set) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fonts = &fontState{set: set, renderer: &render.Renderer{Fonts: set}}
	s.fontsErr = nil
}

// FontsFailed records why the fonts could not be loaded; the service stays
// up (liveness) but not ready, and says why on /readyz and on each request.
func (s *Server) FontsFailed(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fontsErr = err
}

// Drain marks the service as shutting down: /readyz turns 503 while the
// requests in flight finish.
func (s *Server) Drain() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.draining = true
}

// readiness is a snapshot of what the service can do.
type readiness struct {
	fonts    *fontState // nil if not loaded
	fontsErr error      // why not
	draining bool
}

func (s *Server) state() readiness {
	s.mu.Lock()
	defer s.mu.Unlock()
	return readiness{fonts: s.fonts, fontsErr: s.fontsErr, draining: s.draining}
}

// renderOptions are the options of every render this server does.
func (s *Server) renderOptions(simplex bool) render.Options {
	return render.Options{Date: s.cfg.FixedDate, Simplex: simplex}
}

// notReady is the error of a request that needs fonts the server does not have.
func notReady(err error) *Error {
	if err != nil {
		return &Error{Code: ENotReady, RetryAfter: 30 * time.Second,
			Message: "字体不可用，服务暂不能排版：" + err.Error() + "。管理员请运行 `gongwen fonts fetch` 或检查 --fonts 目录后重启服务"}
	}
	return &Error{Code: ENotReady, RetryAfter: 2 * time.Second, Message: "服务正在启动（加载字体），请稍后重试"}
}
