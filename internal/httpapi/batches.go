package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"gongwen/internal/batch"
)

// batchRoutes mounts the batch engine's handlers (internal/batch) under /v1,
// behind the same authentication. The event stream and the ZIP download are
// left out of the request time budget: a batch of thousands of documents
// outlives it, and cutting the stream would lose the progress a person watches.
func (s *Server) batchRoutes(r *gin.Engine) {
	h := &batch.HTTP{Engine: s.batches, Logger: s.log}
	wrap := func(f http.HandlerFunc) gin.HandlerFunc {
		return func(c *gin.Context) {
			c.Request.SetPathValue("id", c.Param("id")) // the handlers read Go's path values
			f(c.Writer, c.Request)
		}
	}
	g := r.Group("/v1/batches", s.auth)
	g.POST("", s.timeout, wrap(h.Create))
	g.GET("/:id", s.timeout, wrap(h.Get))
	g.DELETE("/:id", s.timeout, wrap(h.Cancel))
	g.GET("/:id/events", wrap(h.Events))
	g.GET("/:id/result", wrap(h.Result))
}

// pageRoutes serves the drafting page at / and its assets, outside /v1: the
// page itself holds no data, and the API calls it makes carry the token.
func (s *Server) pageRoutes(r *gin.Engine) {
	page := gin.WrapH(s.cfg.Page)
	for _, p := range []string{"/", "/assets/*file"} {
		r.GET(p, page)
		r.HEAD(p, page)
	}
}

// batchPaths describes the batch routes for the OpenAPI document.
func batchPaths(bearer []any) obj {
	id := obj{"name": "id", "in": "path", "required": true, "schema": obj{"type": "string"}}
	status := jsonResponse("The batch: state, done/total, per-item errors", "BatchStatus")
	return obj{
		"/v1/batches": obj{"post": obj{
			"summary": "Start a batch: a JSON array or JSON Lines of documents, or an Excel ledger (台账) of proposals",
			"description": "Answers 202 at once; documents render on the NATS JetStream work queue. Options as query " +
				"parameters: profile, kind, date, simplex, noNumbering, format, name.",
			"operationId": "createBatch", "security": bearer,
			"requestBody": obj{"required": true, "content": obj{
				"application/json":     obj{"schema": obj{"type": "array", "items": ref("Document")}},
				"application/x-ndjson": obj{"schema": obj{"type": "string"}},
				xlsxType:               obj{"schema": obj{"type": "string", "format": "binary"}},
			}},
			"responses": withErrors(obj{"202": jsonResponse("Accepted: the batch's id and state", "BatchStatus")},
				"400", "401", "413", "415", "422"),
		}},
		"/v1/batches/{id}": obj{
			"get": obj{"summary": "A batch's state and progress", "operationId": "getBatch", "security": bearer,
				"parameters": []any{id}, "responses": withErrors(obj{"200": status}, "401", "404")},
			"delete": obj{"summary": "Cancel a batch", "operationId": "cancelBatch", "security": bearer,
				"parameters": []any{id}, "responses": withErrors(obj{"200": status}, "401", "404")},
		},
		"/v1/batches/{id}/events": obj{"get": obj{
			"summary": "Progress as server-sent events", "operationId": "batchEvents", "security": bearer,
			"parameters": []any{id},
			"responses": withErrors(obj{"200": obj{"description": "text/event-stream of progress events",
				"content": obj{"text/event-stream": obj{"schema": obj{"type": "string"}}}}}, "401", "404"),
		}},
		"/v1/batches/{id}/result": obj{"get": obj{
			"summary": "The ZIP: one PDF per document named after its 发文字号, and 办理情况汇总表.xlsx", "operationId": "batchResult",
			"security": bearer, "parameters": []any{id},
			"responses": withErrors(obj{"200": obj{"description": "The ZIP, streamed",
				"content": obj{"application/zip": obj{"schema": obj{"type": "string", "format": "binary"}}}}}, "401", "404"),
		}},
	}
}

// pagePaths describes the drafting page's routes.
func pagePaths() obj {
	html := obj{"200": obj{"description": "The drafting page", "content": obj{"text/html": obj{"schema": obj{"type": "string"}}}}}
	asset := obj{"200": obj{"description": "A script, style sheet or the PDF viewer of the page"}, "404": obj{"description": "No such asset"}}
	file := obj{"name": "file", "in": "path", "required": true, "schema": obj{"type": "string"}}
	return obj{
		"/": obj{"get": obj{"summary": "The drafting page (Chinese)", "operationId": "page", "responses": html},
			"head": obj{"summary": "The drafting page's headers", "operationId": "pageHead", "responses": html}},
		"/assets/{file}": obj{"get": obj{"summary": "An asset of the page", "operationId": "asset", "parameters": []any{file}, "responses": asset},
			"head": obj{"summary": "An asset's headers", "operationId": "assetHead", "parameters": []any{file}, "responses": asset}},
	}
}
