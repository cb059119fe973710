// Package httpapi is gongwen's HTTP service: gin routes that render documents,
// validate them, write annex workbooks and describe the templates and fonts
// available, together with what a shared intranet service needs to be trusted —
// health and readiness probes, Prometheus metrics, a bounded render queue that
// answers 429 when full, per-request timeouts, body limits, optional bearer
// tokens, request ids in structured logs and graceful shutdown.
//
// Every route is listed in routes.go and described in the OpenAPI document
// served at /openapi.json (openapi.go); a test keeps the two in step. Every
// error leaves through one writer (error.go) as JSON {code, message, field}
// with the status its code maps to. Main (main.go) wires the whole service for
// `gongwen serve` and for tests, which boot it on a loopback port.
package httpapi
