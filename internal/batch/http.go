package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"gongwen/internal/disposition"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/document"
)

// HTTP serves the batch routes as plain net/http handlers:
//
//	POST   /v1/batches              202 + Status; Location: /v1/batches/{id}
//	GET    /v1/batches/{id}         Status: state, done/total, per-item errors
//	GET    /v1/batches/{id}/events  server-sent events: one "progress" event per change
//	GET    /v1/batches/{id}/result  the ZIP, streamed from the object store
//	DELETE /v1/batches/{id}         cancel; the Status
//
// Each handler reads the id from r.PathValue("id"), which http.ServeMux sets
// (Routes); a gin route sets it first: c.Request.SetPathValue("id", c.Param("id")).
// Errors go out as JSON {code, message, field, problems} — the shape of the
// service's other errors — unless WriteError is given.
type HTTP struct {
	Engine *Engine
	// MaxBody bounds a POSTed input; default and at most MaxInputBytes.
	MaxBody int64
	// KeepAlive is the interval of comment lines on an idle event stream, so
	// proxies do not cut it; default 15s.
	KeepAlive time.Duration
	// WriteError, when set, writes every error instead (the service's one
	// error writer). It receives *Error, document.Problems, or a failure.
	WriteError func(w http.ResponseWriter, r *http.Request, err error)
	Logger     *slog.Logger
}

// Routes registers the handlers on mux, with Go's method and path patterns.
func (h *HTTP) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/batches", h.Create)
	mux.HandleFunc("GET /v1/batches/{id}", h.Get)
	mux.HandleFunc("GET /v1/batches/{id}/events", h.Events)
	mux.HandleFunc("GET /v1/batches/{id}/result", h.Result)
	mux.HandleFunc("DELETE /v1/batches/{id}", h.Cancel)
}

// Media types of a batch's body. Anything else is refused (415) unless the
// format query parameter says what it is.
var mediaFormats = map[string]Format{
	"application/json":        "", // an array, or JSON Lines sent as JSON: told by the first byte
	"application/x-ndjson":    FormatJSONL,
	"application/jsonl":       FormatJSONL,
	"application/x-jsonlines": FormatJSONL,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": FormatLedger,
}

// Create takes the input as the request body — a JSON array, JSON Lines, or an
// .xlsx ledger — with the Options as query parameters (profile, kind, date,
// simplex, noNumbering; format and name when the media type and
// Content-Disposition do not tell).
func (h *HTTP) Create(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	in := Input{Name: q.Get("name")}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		f, ok := mediaFormats[mt]
		if err != nil || (!ok && mt != "application/octet-stream") {
			h.fail(w, r, &httpError{status: http.StatusUnsupportedMediaType, code: "unsupported_media_type", field: "Content-Type",
				msg: fmt.Sprintf("不支持 Content-Type “%s”：可用 application/json（JSON 数组）、application/x-ndjson（JSON Lines）、"+
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet（Excel 台账）", ct)})
			return
		}
		in.Format = f
	}
	if v := q.Get("format"); v != "" {
		in.Format = Format(v)
	}
	if in.Name == "" {
		if _, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil {
			in.Name = params["filename"]
		}
	}
	in.Profile, in.Kind, in.Date = q.Get("profile"), q.Get("kind"), q.Get("date")
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"simplex", &in.Simplex}, {"noNumbering", &in.NoNumbering}} {
		if v := q.Get(b.name); v != "" {
			var err error
			if *b.dst, err = strconv.ParseBool(v); err != nil {
				h.fail(w, r, &httpError{status: http.StatusBadRequest, code: "invalid_request", field: b.name,
					msg: fmt.Sprintf("%s=“%s”无效，可选：true、false", b.name, v)})
				return
			}
		}
	}
	limit := h.MaxBody
	if limit <= 0 || limit > MaxInputBytes {
		limit = MaxInputBytes
	}
	if r.ContentLength > limit {
		h.fail(w, r, tooLarge(limit))
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		h.fail(w, r, tooLarge(limit))
		return
	}
	if err != nil {
		h.fail(w, r, &httpError{status: http.StatusBadRequest, code: "invalid_request", msg: "请求体读取失败：" + err.Error()})
		return
	}
	in.Data = data
	st, err := h.Engine.Create(r.Context(), in)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/batches/"+st.ID)
	writeJSON(w, http.StatusAccepted, st)
}

// Get answers a batch's status.
func (h *HTTP) Get(w http.ResponseWriter, r *http.Request) {
	st, err := h.Engine.Status(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// Cancel stops a batch and answers its status.
func (h *HTTP) Cancel(w http.ResponseWriter, r *http.Request) {
	st, err := h.Engine.Cancel(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// Events streams the batch's progress as server-sent events: an event
// "progress" with a Progress as data, first where it stands, then at each
// change; the stream ends after the event whose state has ended.
func (h *HTTP) Events(w http.ResponseWriter, r *http.Request) {
	ch, err := h.Engine.Watch(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no") // nginx: do not hold events back
	w.WriteHeader(http.StatusOK)
	_ = rc.Flush()
	every := h.KeepAlive
	if every <= 0 {
		every = 15 * time.Second
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case p, ok := <-ch:
			if !ok {
				return
			}
			data, _ := json.Marshal(p)
			if _, err := fmt.Fprintf(w, "event: progress\ndata: %s\n\n", data); err != nil {
				return
			}
		case <-tick.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
		}
		// Writing takes longer than the server's write timeout allows a whole
		// response; each event pushes the deadline on.
		_ = rc.SetWriteDeadline(time.Now().Add(every + 30*time.Second))
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// Result streams the ZIP of a finished batch.
func (h *HTTP) Result(w http.ResponseWriter, r *http.Request) {
	res, err := h.Engine.Result(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer res.Close()
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Length", strconv.FormatInt(res.Size, 10))
	w.Header().Set("Content-Disposition", disposition.Header("attachment", strings.TrimSuffix(res.Name, ".zip"), ".zip"))
	w.WriteHeader(http.StatusOK)
	// A ZIP of thousands of PDFs takes longer than a request's usual budget.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	if _, err := io.Copy(w, res); err != nil && h.Logger != nil {
		h.Logger.Warn("batch result: sending stopped", "batch", r.PathValue("id"), "err", err)
	}
}

// httpError is an error of the HTTP layer itself (media type, size, query).
type httpError struct {
	status           int
	code, field, msg string
}

func (e *httpError) Error() string { return e.msg }

func tooLarge(limit int64) *httpError {
	return &httpError{status: http.StatusRequestEntityTooLarge, code: "payload_too_large",
		msg: fmt.Sprintf("批量输入超过 %d MB；请分成几批提交", limit>>20)}
}

// statusOf maps the batch API's error codes to HTTP statuses.
var statusOf = map[string]int{
	ENotFound:    http.StatusNotFound,
	ENotFinished: http.StatusConflict,
	EFinished:    http.StatusConflict,
	ENoResult:    http.StatusGone,
	EInvalid:     http.StatusUnprocessableEntity,
}

// errorBody is the JSON of an error: the service's {code, message, field, problems}.
type errorBody struct {
	Code     string             `json:"code"`
	Message  string             `json:"message"`
	Field    string             `json:"field"`
	Problems []document.Problem `json:"problems,omitempty"`
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	if h.WriteError != nil {
		h.WriteError(w, r, err)
		return
	}
	var (
		be *Error
		he *httpError
		ps document.Problems
	)
	switch {
	case errors.As(err, &he):
		writeJSON(w, he.status, errorBody{Code: he.code, Message: he.msg, Field: he.field})
	case errors.As(err, &be):
		status, ok := statusOf[be.Code]
		if !ok {
			status = http.StatusInternalServerError
		}
		writeJSON(w, status, errorBody{Code: be.Code, Message: be.Message})
	case errors.As(err, &ps) && len(ps) > 0:
		msg := ps[0].String()
		if len(ps) > 1 {
			msg = fmt.Sprintf("输入有 %d 处问题，见 problems；第一处：%s", len(ps), msg)
		}
		writeJSON(w, http.StatusUnprocessableEntity, errorBody{Code: "invalid_document", Message: msg, Field: ps[0].Path, Problems: ps})
	default:
		if h.Logger != nil {
			h.Logger.ErrorContext(r.Context(), "batch: internal error", "path", r.URL.Path, "err", err)
		}
		writeJSON(w, http.StatusInternalServerError, errorBody{Code: "internal", Message: "服务内部错误，请联系管理员"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
