package httpapi

import (
	"encoding/json"

	"github.com/gin-gonic/gin"
)

// obj is a JSON object of the OpenAPI document.
type obj = map[string]any

// openapi answers GET /openapi.json with the OpenAPI 3.0 description of every
// route in routes.go (TestOpenAPIMatchesRoutes keeps them in step). Batches and
// the page are described when this server has them.
func (s *Server) openapi(c *gin.Context) {
	s.openapiOnce.Do(func() {
		doc := openapiDoc()
		paths := doc["paths"].(obj)
		bearer := []any{obj{"bearer": []any{}}, obj{}}
		if s.batches != nil {
			for k, v := range batchPaths(bearer) {
				paths[k] = v
			}
		}
		if s.cfg.Page != nil {
			for k, v := range pagePaths() {
				paths[k] = v
			}
		}
		var err error
		if s.openapiJSON, err = json.MarshalIndent(doc, "", "  "); err != nil {
			panic(err) // a literal that does not marshal is a bug caught by every test
		}
	})
	c.Data(200, "application/json; charset=utf-8", s.openapiJSON)
}

func openapiDoc() obj {
	bearer := []any{obj{"bearer": []any{}}, obj{}} // a token when the service has any, else none
	return obj{
		"openapi": "3.0.3",
		"info": obj{
			"title":   "gongwen",
			"version": "1",
			"description": "Renders Chinese official documents (公文) after GB/T 9704-2012 to PDF, validates them, " +
				"and writes statistical annexes as Excel workbooks. Errors are JSON {code, message, field}; " +
				"an invalid document lists every problem with its JSON path.",
		},
		"paths": obj{
			"/healthz": obj{"get": obj{
				"summary": "Liveness: the process answers", "operationId": "healthz",
				"responses": obj{"200": jsonResponse("Alive", "Health")},
			}},
			"/readyz": obj{"get": obj{
				"summary": "Readiness: fonts loaded and the render queue accepting", "operationId": "readyz",
				"responses": obj{
					"200": jsonResponse("Ready", "Health"),
					"503": jsonResponse("Starting, fonts missing, or shutting down; each check says why", "Health"),
				},
			}},
			"/metrics": obj{"get": obj{
				"summary": "Prometheus metrics", "operationId": "metrics",
				"responses": obj{"200": obj{"description": "Prometheus text exposition format",
					"content": obj{"text/plain": obj{"schema": obj{"type": "string"}}}}},
			}},
			"/openapi.json": obj{"get": obj{
				"summary": "This document", "operationId": "openapi",
				"responses": obj{"200": obj{"description": "OpenAPI 3.0 document",
					"content": obj{"application/json": obj{"schema": obj{"type": "object"}}}}},
			}},
			"/v1/templates": obj{"get": obj{
				"summary": "Reply kinds and office profiles", "operationId": "templates", "security": bearer,
				"responses": withErrors(obj{"200": jsonResponse("The catalogue", "TemplateCatalogue")}, "401"),
			}},
			"/v1/fonts": obj{"get": obj{
				"summary": "Fonts of each role and their coverage of GB 2312 and GBK", "operationId": "fonts", "security": bearer,
				"responses": withErrors(obj{"200": jsonResponse("The fonts", "FontCatalogue")}, "401", "503"),
			}},
			"/v1/validate": obj{"post": obj{
				"summary":     "Every problem of a document, as rendering would find it",
				"description": "An invalid document is a 200 with valid false; only a body that is not JSON is a 400.",
				"operationId": "validate", "security": bearer,
				"requestBody": jsonBody("Document"),
				"responses": withErrors(obj{"200": jsonResponse("The verdict", "Validation")},
					"400", "401", "413", "415", "429", "503"),
			}},
			"/v1/render": obj{"post": obj{
				"summary":     "Render a document to PDF",
				"description": "Templates of kind + proposal are applied first. Same input and date give the same bytes as `gongwen render`.",
				"operationId": "render", "security": bearer,
				"parameters": []any{
					flagParam("inline", "Content-Disposition inline (preview in the browser) instead of attachment"),
					flagParam("simplex", "One-sided printing: the 版记 stays on the last page as it falls"),
				},
				"requestBody": jsonBody("Document"),
				"responses": withErrors(obj{"200": obj{
					"description": "The PDF, named after the 发文字号 or the title",
					"headers": obj{
						"X-Page-Count":        obj{"schema": obj{"type": "integer"}, "description": "Pages in the PDF"},
						"Content-Disposition": obj{"schema": obj{"type": "string"}, "description": "attachment or inline, filename* in UTF-8 (RFC 5987)"},
					},
					"content": obj{"application/pdf": obj{"schema": obj{"type": "string", "format": "binary"}}},
				}}, "400", "401", "413", "415", "422", "429", "503"),
			}},
			"/v1/annex": obj{"post": obj{
				"summary":     "Write a statistical annex as an Excel workbook or as PDF attachment pages",
				"description": "Same input and date give the same bytes as `gongwen annex`.",
				"operationId": "annex", "security": bearer,
				"parameters": []any{
					obj{"name": "format", "in": "query", "description": "xlsx: the workbook; pdf: attachment pages (needs the fonts)",
						"schema": obj{"type": "string", "enum": []string{"xlsx", "pdf"}, "default": "xlsx"}},
					obj{"name": "label", "in": "query", "description": "format=pdf: the 附件 line over the first page, e.g. 附件2; empty for none",
						"schema": obj{"type": "string", "default": "附件", "maxLength": maxLabelRunes}},
				},
				"requestBody": jsonBody("Annex"),
				"responses": withErrors(obj{"200": obj{
					"description": "The workbook or the PDF, named after the annex's title",
					"headers": obj{
						"X-Page-Count": obj{"schema": obj{"type": "integer"}, "description": "Pages in the PDF (format=pdf)"},
					},
					"content": obj{
						xlsxType:          obj{"schema": obj{"type": "string", "format": "binary"}},
						"application/pdf": obj{"schema": obj{"type": "string", "format": "binary"}},
					},
				}}, "400", "401", "413", "415", "422", "429", "503"),
			}},
		},
		"components": obj{
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer",
				"description": "Required on /v1 when the service is started with tokens"}},
			"schemas": schemas(),
		},
	}
}

var errorMeaning = map[string]string{
	"400": "The body is not JSON (code invalid_json, with line and column) or a query parameter is wrong (invalid_request)",
	"401": "Missing or wrong bearer token",
	"413": "Body over the limit (default 10 MB)",
	"415": "Content-Type is not application/json in UTF-8",
	"422": "The document is invalid: problems lists each with its JSON path",
	"429": "The render queue is full; retry after Retry-After seconds",
	"503": "Not ready (fonts loading or missing) or the request ran out of time; see Retry-After",
}

// withErrors adds the listed error responses, and the 500 every route may give.
func withErrors(r obj, codes ...string) obj {
	for _, c := range codes {
		r[c] = jsonResponse(errorMeaning[c], "Error")
	}
	r["500"] = jsonResponse("A bug: logged with the request id named in the message", "Error")
	return r
}

func ref(schema string) obj { return obj{"$ref": "#/components/schemas/" + schema} }

func jsonResponse(desc, schema string) obj {
	return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref(schema)}}}
}

func jsonBody(schema string) obj {
	return obj{"required": true, "content": obj{"application/json": obj{"schema": ref(schema)}}}
}

func flagParam(name, desc string) obj {
	return obj{"name": name, "in": "query", "description": desc,
		"schema": obj{"type": "string", "enum": []string{"1", "0", "true", "false"}}}
}
