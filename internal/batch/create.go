package batch

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"gongwen/internal/document"
)

// task is a render task: the composed document of one item, or the name of the
// object holding it when it is too large for a message (an image seal).
type task struct {
	Batch     string            `json:"batch"`
	Item      int               `json:"item"`
	Row       int               `json:"row"`
	Where     string            `json:"where"`
	Columns   map[string]string `json:"columns,omitempty"` // document path → ledger column, to name a render problem's column
	Doc       json.RawMessage   `json:"doc,omitempty"`
	DocObject string            `json:"docObject,omitempty"`
	Simplex   bool              `json:"simplex,omitempty"`
}

// maxErrorsReturned bounds the problems an all-invalid input reports at once.
const maxErrorsReturned = 200

// Create reads the input, checks and composes every item, numbers the valid
// ones, queues one render task each and returns the batch's status, whose
// Errors list the invalid items. An input none of whose items can be
// rendered is refused with document.Problems naming each item's problems
// (paths such as 第5行.成文日期); so is an input that cannot be read at all.
func (e *Engine) Create(ctx context.Context, in Input) (*Status, error) {
	if e.cfg.Library == nil {
		return nil, fmt.Errorf("batch: engine has no template library")
	}
	if len(in.Data) > MaxInputBytes {
		return nil, inputProblem("", fmt.Sprintf("批量输入超过 %d MB；请分成几批提交", MaxInputBytes>>20))
	}
	if in.Date != "" {
		if _, err := time.Parse("2006-01-02", in.Date); err != nil {
			return nil, inputProblem("date", fmt.Sprintf("成文日期“%s”应写作 YYYY-MM-DD，如 2022-07-05", in.Date))
		}
	}
	preps, err := e.prepareAll(in)
	if err != nil {
		return nil, err
	}
	if len(preps) == 0 {
		return nil, inputProblem("", "输入中没有文档")
	}
	valid := 0
	for _, p := range preps {
		if p.doc != nil {
			valid++
		}
	}
	if valid == 0 {
		return nil, allInvalid(preps)
	}
	if err := e.number(ctx, preps); err != nil {
		return nil, err
	}
	fileNames(preps)
	id := newID()
	if err := e.queue(ctx, id, in, preps); err != nil {
		return nil, err
	}
	return e.Status(ctx, id)
}

// prepareAll reads the input item by item and prepares the items on every
// core, keeping each as the JSON its task will carry.
func (e *Engine) prepareAll(in Input) ([]*prepared, error) {
	format := in.Format
	if format == "" {
		format = detect(in.Name, in.Data)
	}
	var decode func(yield func(item)) error
	switch format {
	case FormatJSON:
		decode = func(yield func(item)) error { return decodeJSON(in.Data, yield) }
	case FormatJSONL:
		decode = func(yield func(item)) error { return decodeJSONL(in.Data, yield) }
	case FormatLedger:
		decode = func(yield func(item)) error { return decodeLedger(in.Data, e.cfg.Library, yield) }
	default:
		return nil, inputProblem("format", fmt.Sprintf("格式“%s”无效，可选：json（JSON 数组）、jsonl（JSON Lines）、xlsx（Excel 台账）", format))
	}
	pp := newPreparer(e.cfg.Library, in.Options)
	type job struct {
		n    int
		it   item
		slot *prepared
	}
	n := runtime.GOMAXPROCS(0)
	jobs := make(chan job, 2*n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for j := range jobs {
				*j.slot = *pp.prepare(j.n, j.it)
			}
		})
	}
	var preps []*prepared
	err := decode(func(it item) {
		slot := new(prepared)
		jobs <- job{n: len(preps), it: it, slot: slot}
		preps = append(preps, slot)
	})
	close(jobs)
	wg.Wait()
	return preps, err
}

// queue stores what the batch needs and publishes its tasks, in an order that
// survives a crash at any point: the item list, then the record (so workers
// can count), then the tasks, then the record's Queued mark, without which no
// worker starts the ZIP.
func (e *Engine) queue(ctx context.Context, id string, in Input, preps []*prepared) error {
	metas := make([]itemMeta, len(preps))
	rec := &record{ID: id, Name: in.Name, State: Queued, Total: len(preps), Finished: newBitset(len(preps)),
		Simplex: in.Simplex, Created: time.Now().UTC()}
	rec.Updated = rec.Created
	var invalid []ItemError
	for i, p := range preps {
		metas[i] = p.meta
		if p.doc == nil {
			rec.Invalid++
			rec.Finished.set(i)
			invalid = append(invalid, p.meta.Errors...)
		}
	}
	if err := e.putJSON(ctx, e.res, itemsObject(id), metas); err != nil {
		return err
	}
	if err := e.putJSON(ctx, e.res, errorsObject(id), invalid); err != nil {
		return err
	}
	pdfs, err := e.pdfBucket(ctx, id, true)
	if err != nil {
		return fmt.Errorf("batch %s: PDF bucket: %w", id, err)
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if _, err := e.kv.Create(ctx, recordKey(id), data); err != nil {
		return fmt.Errorf("batch %s: record: %w", id, err)
	}
	if err := e.publishTasks(ctx, id, in.Simplex, preps, pdfs); err != nil {
		e.abandon(id, "提交时未能把全部任务排入队列，请重新提交："+err.Error())
		return err
	}
	rec, err = e.update(ctx, id, func(r *record) bool { r.Queued = true; return true })
	if err != nil {
		return err
	}
	if rec.complete() { // the workers were quicker than us
		return e.publishFinish(ctx, id)
	}
	return nil
}

// abandon marks a batch that cannot go on as failed and drops its queued
// tasks and PDFs, best effort: it runs when something has already gone wrong.
func (e *Engine) abandon(id, why string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, _ = e.update(ctx, id, func(r *record) bool {
		if r.State.Ended() {
			return false
		}
		r.State, r.Message, r.Ended = Failed, why, time.Now().UTC()
		return true
	})
	e.purgeTasks(ctx, id)
	_ = e.dropPDFs(ctx, id)
}

// purgeTasks removes a batch's render tasks still waiting in the stream.
func (e *Engine) purgeTasks(ctx context.Context, id string) {
	if st, err := e.js.Stream(ctx, taskStream); err == nil {
		_ = st.Purge(ctx, jetstream.WithPurgeSubject(renderSubject(id)))
	}
}

// publishTasks publishes in windows: the async publisher gives up on a
// backlog it cannot hand over quickly, and every message waits for its disk sync.
func (e *Engine) publishTasks(ctx context.Context, id string, simplex bool, preps []*prepared, pdfs jetstream.ObjectStore) error {
	const window = 256
	limit := int(e.nc.MaxPayload()) - 4<<10
	var futures []jetstream.PubAckFuture
	flush := func() error {
		select {
		case <-e.js.PublishAsyncComplete():
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Minute):
			return fmt.Errorf("batch %s: queueing tasks timed out", id)
		}
		for _, f := range futures {
			select {
			case err := <-f.Err():
				return fmt.Errorf("batch %s: queue task: %w", id, err)
			default:
			}
		}
		futures = futures[:0]
		return nil
	}
	for i, p := range preps {
		if p.doc == nil {
			continue
		}
		doc := p.numbered()
		t := task{Batch: id, Item: i, Row: p.meta.Row, Where: p.meta.Where, Columns: p.columns, Doc: doc, Simplex: simplex}
		if len(doc) > limit {
			t.Doc, t.DocObject = nil, inputObject(id, i)
			if _, err := pdfs.PutBytes(ctx, t.DocObject, doc); err != nil {
				return fmt.Errorf("batch %s: store item %d: %w", id, i, err)
			}
		}
		payload, err := json.Marshal(t)
		if err != nil {
			return err
		}
		msg := &nats.Msg{Subject: renderSubject(id), Data: payload}
		f, err := e.js.PublishMsgAsync(msg, jetstream.WithMsgID(id+"."+strconv.Itoa(i)))
		if err != nil {
			return fmt.Errorf("batch %s: queue task: %w", id, err)
		}
		futures = append(futures, f)
		if len(futures) == window {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// publishFinish queues the task that writes the ZIP. Whoever sees the batch
// complete publishes it; the message id makes the second one a no-op.
func (e *Engine) publishFinish(ctx context.Context, id string) error {
	_, err := e.js.Publish(ctx, finishSubject(id), []byte(id), jetstream.WithMsgID(id+".finish"))
	if err != nil {
		return fmt.Errorf("batch %s: queue finish: %w", id, err)
	}
	return nil
}

func (e *Engine) putJSON(ctx context.Context, obs jetstream.ObjectStore, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := obs.Put(ctx, jetstream.ObjectMeta{Name: name}, bytes.NewReader(data)); err != nil {
		return fmt.Errorf("batch: store %s: %w", name, err)
	}
	return nil
}

// Object names. A batch's PDFs are "<id>/<item>.pdf" in its own bucket.
func itemsObject(id string) string        { return id + "/items.json" }
func errorsObject(id string) string       { return id + "/errors.json" }
func resultObject(id string) string       { return id + "/result.zip" }
func pdfObject(id string, n int) string   { return id + "/" + strconv.Itoa(n) + ".pdf" }
func inputObject(id string, n int) string { return id + "/" + strconv.Itoa(n) + ".json" }

// newID is a batch id: the day it was made, for people sorting them, and 48
// random bits. It is a valid KV key, subject token and bucket name.
func newID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102") + "-" + hex.EncodeToString(b[:])
}

var idPattern = regexp.MustCompile(`^[0-9]{8}-[0-9a-f]{12}$`)

func validID(id string) bool { return idPattern.MatchString(id) }

// allInvalid turns the problems of an input none of whose items is valid into
// one error, each problem's path naming the item: 第5行.成文日期.
func allInvalid(preps []*prepared) error {
	var ps document.Problems
	for _, p := range preps {
		for _, e := range p.meta.Errors {
			path := e.Where
			if e.Field != "" {
				path += "." + e.Field
			}
			ps = append(ps, document.Problem{Path: path, Message: e.Message})
		}
	}
	if len(ps) > maxErrorsReturned {
		n := len(ps)
		ps = append(ps[:maxErrorsReturned], document.Problem{Message: fmt.Sprintf("……另有 %d 处问题未列出", n-maxErrorsReturned)})
	}
	return ps
}
