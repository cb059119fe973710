package batch

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Progress is where a batch stands: what the events stream and a progress bar show.
type Progress struct {
	ID       string `json:"id"`
	State    State  `json:"state"`
	Total    int    `json:"total"`
	Done     int    `json:"done"` // rendered + failed + invalid
	Rendered int    `json:"rendered"`
	Failed   int    `json:"failed"`
	Invalid  int    `json:"invalid"`
	Message  string `json:"message,omitempty"` // why a batch failed
}

// Status is a batch as GET /v1/batches/{id} describes it.
type Status struct {
	Progress
	Name    string    `json:"name,omitempty"`
	Created time.Time `json:"created"`
	Ended   time.Time `json:"ended,omitzero"`
	// ResultBytes is the size of the ZIP once the batch is done.
	ResultBytes int64 `json:"resultBytes,omitempty"`
	// Errors lists the problems of invalid items and failed renders, by item.
	Errors []ItemError `json:"errors,omitempty"`
	// ErrorsOmitted counts problems left out of Errors to keep it readable.
	ErrorsOmitted int `json:"errorsOmitted,omitempty"`
}

// maxStatusErrors bounds Status.Errors: a ledger whose every row is wrong in
// the same way needs its first few hundred problems, not ten thousand.
const maxStatusErrors = 1000

func (r *record) progress() Progress {
	return Progress{ID: r.ID, State: r.State, Total: r.Total, Done: r.Invalid + r.Rendered + r.Failed,
		Rendered: r.Rendered, Failed: r.Failed, Invalid: r.Invalid, Message: r.Message}
}

// Status returns a batch's state, counts and per-item errors.
func (e *Engine) Status(ctx context.Context, id string) (*Status, error) {
	rec, _, err := e.getRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	st := &Status{Progress: rec.progress(), Name: rec.Name, Created: rec.Created, Ended: rec.Ended, ResultBytes: rec.Result}
	var errs []ItemError
	if rec.Invalid > 0 {
		data, err := e.res.GetBytes(ctx, errorsObject(id))
		if err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			return nil, err
		}
		if len(data) > 0 {
			if err := json.Unmarshal(data, &errs); err != nil {
				return nil, err
			}
		}
	}
	if rec.Failed > 0 {
		failed, err := e.failures(ctx, id, maxStatusErrors)
		if err != nil {
			return nil, err
		}
		for _, n := range slices.Sorted(maps.Keys(failed)) {
			errs = append(errs, failed[n]...)
		}
		slices.SortStableFunc(errs, func(a, b ItemError) int { return a.Item - b.Item })
	}
	if len(errs) > maxStatusErrors {
		st.ErrorsOmitted = len(errs) - maxStatusErrors
		errs = errs[:maxStatusErrors]
	}
	st.Errors = errs
	return st, nil
}

// failures reads the problems of items whose render failed, by item, at most limit items.
func (e *Engine) failures(ctx context.Context, id string, limit int) (map[int][]ItemError, error) {
	lister, err := e.kv.ListKeysFiltered(ctx, "f."+id+".*")
	if err != nil {
		return nil, err
	}
	defer lister.Stop()
	out := map[int][]ItemError{}
	for key := range lister.Keys() {
		if len(out) >= limit {
			continue // drain the lister
		}
		n, err := strconv.Atoi(key[strings.LastIndexByte(key, '.')+1:])
		if err != nil {
			continue
		}
		ent, err := e.kv.Get(ctx, key)
		if err != nil {
			continue // expired between listing and reading
		}
		var errs []ItemError
		if json.Unmarshal(ent.Value(), &errs) == nil {
			out[n] = errs
		}
	}
	return out, nil
}

// Result is a finished batch's ZIP, read from the object store as it is sent.
type Result struct {
	io.ReadCloser
	Size int64
	Name string // a file name for it: the input's name with .zip, or the batch id
}

// Result opens the ZIP of a finished batch. The caller closes it.
func (e *Engine) Result(ctx context.Context, id string) (*Result, error) {
	rec, _, err := e.getRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	switch rec.State {
	case Done:
	case Cancelled, Failed:
		msg := "批次已取消，没有结果"
		if rec.State == Failed {
			msg = "批次未能完成，没有结果：" + rec.Message
		}
		return nil, errorf(ENoResult, "%s", msg)
	default:
		p := rec.progress()
		return nil, errorf(ENotFinished, "批次尚未完成（%d/%d），完成后再取结果；可订阅 /v1/batches/%s/events", p.Done, p.Total, id)
	}
	obj, err := e.res.Get(ctx, resultObject(id))
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return nil, notFound(id)
	}
	if err != nil {
		return nil, err
	}
	return &Result{ReadCloser: obj, Size: rec.Result, Name: zipName(rec)}, nil
}

func zipName(r *record) string {
	base := strings.TrimSuffix(filepath.Base(r.Name), filepath.Ext(r.Name))
	if base = sanitize(base); base == "" {
		return "batch-" + r.ID + ".zip"
	}
	return base + ".zip"
}

// Cancel stops a batch: no further document is rendered, its queued tasks and
// PDFs are dropped, and it ends without a ZIP. A batch that has ended cannot
// be cancelled.
func (e *Engine) Cancel(ctx context.Context, id string) (*Status, error) {
	var ended State
	_, err := e.update(ctx, id, func(r *record) bool {
		if r.State.Ended() {
			ended = r.State
			return false
		}
		r.State, r.Ended = Cancelled, time.Now().UTC()
		return true
	})
	if err != nil {
		return nil, err
	}
	if ended != "" {
		return nil, errorf(EFinished, "批次已经结束（%s），不能取消", ended)
	}
	e.purgeTasks(ctx, id)
	if err := e.dropPDFs(ctx, id); err != nil {
		e.cfg.Logger.Warn("batch cancelled: PDFs not deleted", "batch", id, "err", err)
	}
	return e.Status(ctx, id)
}
