package httpapi

import "github.com/gin-gonic/gin"

// routes lists every route of the service. Each is also described in
// openapi.go; TestOpenAPIMatchesRoutes fails when the two differ.
//
// Middleware runs in the order given: every request gets a request id, is
// measured and logged, and has panics turned into a 500; /v1 requests are
// authenticated and given their time budget; requests with a body are checked
// for JSON (415) and size (413); routes that lay out text wait for the fonts
// (503). CPU-bound work then queues for a render slot inside the handler (429).
func (s *Server) routes() *gin.Engine {
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false // an API answers the path it was given, not a redirect
	r.RedirectFixedPath = false
	_ = r.SetTrustedProxies(nil) // log the peer's address, not a forgeable X-Forwarded-For
	r.Use(s.requestID, s.observe, s.recover)
	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)

	// Probes and descriptions: open to whoever can reach the port, as load
	// balancers and Prometheus expect.
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/metrics", gin.WrapH(s.metrics.handler()))
	r.GET("/openapi.json", s.openapi)

	v1 := r.Group("/v1", s.auth, s.timeout)
	v1.GET("/templates", s.templates)
	v1.GET("/fonts", s.needFonts, s.fontList)
	v1.POST("/validate", s.needFonts, s.jsonBody, s.validate)
	v1.POST("/render", s.needFonts, s.jsonBody, s.render)
	v1.POST("/annex", s.jsonBody, s.annex)

	if s.batches != nil {
		s.batchRoutes(r)
	}
	if s.cfg.Page != nil {
		s.pageRoutes(r)
	}

	if s.testRoutes != nil {
		s.testRoutes(r)
	}
	return r
}
