package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"gongwen/internal/document"
	"gongwen/internal/render"
)

// maxAttempts is how often a render task is tried before its item is given
// up as failed: a document that crashes the process must not crash it forever.
const maxAttempts = 5

// pdfChunk is the object store's chunk size for PDFs: a seed-sized reply
// (150 KB) is one message.
const pdfChunk = 256 << 10

// errDrop marks a task that can never be handled (not a task of ours): it is
// terminated, not retried.
var errDrop = errors.New("malformed task")

// startWorkers pulls tasks from the shared consumer and hands them to 2n
// goroutines, of which at most n render at a time: rendering is CPU-bound,
// and while one goroutine renders another stores its PDF and counts it, so
// the waits for the disk (every write is synced) do not leave a core idle.
// A few tasks are fetched ahead so that no goroutine waits for a pull; a
// worker that dies holds them until AckWait passes.
func (e *Engine) startWorkers(ctx context.Context, n int) error {
	it, err := e.cons.Messages(jetstream.PullMaxMessages(4 * n))
	if err != nil {
		return fmt.Errorf("batch: pull tasks: %w", err)
	}
	msgs := make(chan jetstream.Msg)
	e.workers.Add(1)
	go func() {
		defer e.workers.Done()
		defer close(msgs)
		stopped := make(chan struct{})
		defer close(stopped)
		go func() {
			select {
			case <-ctx.Done():
				// Drain, not Stop: the tasks fetched ahead come out of Next
				// and are handed back below, instead of waiting out AckWait.
				it.Drain()
			case <-stopped:
			}
		}()
		for {
			m, err := it.Next()
			if err != nil {
				if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
					if ctx.Err() == nil {
						e.cfg.Logger.Error("batch: the task consumer closed; this process renders no more", "err", err)
					}
					return
				}
				if ctx.Err() != nil {
					it.Stop()
					return
				}
				// A missed heartbeat or a reconnect: the iterator carries on.
				e.cfg.Logger.Warn("batch: pulling tasks", "err", err)
				select {
				case <-ctx.Done():
				case <-time.After(250 * time.Millisecond):
				}
				continue
			}
			if ctx.Err() != nil {
				_ = m.Nak() // hand it back now rather than after AckWait
				continue
			}
			select {
			case msgs <- m:
			case <-ctx.Done():
				_ = m.Nak()
			}
		}
	}()
	for range 2 * n {
		e.workers.Add(1)
		go func() {
			defer e.workers.Done()
			for m := range msgs {
				e.handle(ctx, m)
			}
		}()
	}
	return nil
}

// handle runs one task and acks it only once its result is stored. A task
// that fails for a reason that may pass (NATS unreachable, a full disk) is
// handed back with a growing delay.
func (e *Engine) handle(ctx context.Context, m jetstream.Msg) {
	stop := e.heartbeat(m)
	defer stop()
	var err error
	switch subj := m.Subject(); {
	case strings.HasPrefix(subj, "gongwen.task.render."):
		// A render is short: let it finish even while the engine closes.
		tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		err = e.renderTask(tctx, m)
		cancel()
	case strings.HasPrefix(subj, "gongwen.task.finish."):
		err = e.finishTask(ctx, m) // long: Close interrupts it, and it is done again
	default:
		err = errDrop
	}
	switch {
	case err == nil:
		// Not DoubleAck: the result is stored already, and an ack that is
		// lost only brings the task back to find its item finished.
		if aerr := m.Ack(); aerr != nil {
			e.cfg.Logger.Warn("batch: ack", "subject", m.Subject(), "err", aerr)
		}
	case errors.Is(err, errDrop):
		e.cfg.Logger.Error("batch: dropping task", "subject", m.Subject(), "err", err)
		_ = m.TermWithReason(err.Error())
	case ctx.Err() != nil:
		_ = m.Nak()
	default:
		delay := time.Second
		if md, merr := m.Metadata(); merr == nil {
			delay = min(time.Duration(md.NumDelivered)*time.Second, 30*time.Second)
		}
		e.cfg.Logger.Warn("batch: task will be retried", "subject", m.Subject(), "retry_in", delay.String(), "err", err)
		_ = m.NakWithDelay(delay)
	}
}

// heartbeat tells NATS the task is still being worked on, every AckWait/3,
// until stop is called: a long task is not given to another worker.
func (e *Engine) heartbeat(m jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(e.cfg.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = m.InProgress()
			}
		}
	}()
	return func() { close(done) }
}

// renderTask renders one item, unless an earlier delivery already did: the
// item finished in the record, or its PDF stored (by a worker that died before
// counting it). Then it counts the item, and queues the finish task if the
// item was the batch's last.
func (e *Engine) renderTask(ctx context.Context, m jetstream.Msg) error {
	var t task
	if err := json.Unmarshal(m.Data(), &t); err != nil || !validID(t.Batch) || t.Item < 0 {
		return fmt.Errorf("%w: %s", errDrop, m.Subject())
	}
	rec, _, err := e.getRecord(ctx, t.Batch)
	if ErrorCode(err) == ENotFound {
		return nil // expired or never fully created: nothing to do
	}
	if err != nil {
		return err
	}
	if rec.State.Ended() {
		return nil
	}
	if t.Item >= rec.Total {
		return fmt.Errorf("%w: item %d of %d", errDrop, t.Item, rec.Total)
	}
	if !rec.Finished.has(t.Item) {
		failed, err := e.produce(ctx, t, m)
		if err != nil {
			if e.ended(ctx, t.Batch) {
				return nil // cancelled under us: its bucket is gone
			}
			return err
		}
		rec, err = e.update(ctx, t.Batch, func(r *record) bool {
			if r.State.Ended() || r.Finished.has(t.Item) {
				return false
			}
			r.Finished.set(t.Item)
			if failed {
				r.Failed++
			} else {
				r.Rendered++
			}
			if r.State == Queued {
				r.State = Running
			}
			return true
		})
		if err != nil {
			return err
		}
	}
	if rec.complete() && rec.Queued && (rec.State == Queued || rec.State == Running) {
		return e.publishFinish(ctx, t.Batch)
	}
	return nil
}

// produce stores the item's PDF, or its problems when it cannot be rendered;
// failed says which. Problems of the document are final; an error is not.
func (e *Engine) produce(ctx context.Context, t task, m jetstream.Msg) (failed bool, err error) {
	pdfs, err := e.pdfBucket(ctx, t.Batch, false)
	if err != nil {
		return false, err
	}
	name := pdfObject(t.Batch, t.Item)
	md, err := m.Metadata()
	if err != nil {
		return false, fmt.Errorf("%w: %v", errDrop, err)
	}
	if md.NumDelivered > 1 { // an earlier delivery may have stored the PDF and died before counting it
		if _, err := pdfs.GetInfo(ctx, name); err == nil {
			return false, nil
		} else if !errors.Is(err, jetstream.ErrObjectNotFound) {
			return false, err
		}
	}
	if md.NumDelivered > maxAttempts {
		return true, e.recordFailure(ctx, t, document.Problems{{
			Message: fmt.Sprintf("已尝试 %d 次仍未能生成，已跳过；请单独渲染此文档查明原因", md.NumDelivered-1)}})
	}
	data, err := e.taskData(ctx, t, pdfs)
	if err != nil {
		return false, err
	}
	doc, err := document.Decode(data) // Create composed and checked it; this does not fail but on a bug
	if err != nil {
		return true, e.recordFailure(ctx, t, document.Problems{{Message: "内部错误：任务中的文档无法读取：" + err.Error()}})
	}
	out, rerr := e.renderSafely(doc, render.Options{Date: e.cfg.FixedDate, Simplex: t.Simplex})
	if rerr != nil {
		var ps document.Problems
		if !errors.As(rerr, &ps) {
			ps = document.Problems{{Message: "渲染失败：" + rerr.Error()}}
		}
		return true, e.recordFailure(ctx, t, ps)
	}
	_, err = pdfs.Put(ctx, jetstream.ObjectMeta{
		Name:     name,
		Metadata: map[string]string{"pages": strconv.Itoa(out.Pages)},
		Opts:     &jetstream.ObjectMetaOptions{ChunkSize: pdfChunk},
	}, bytes.NewReader(out.PDF))
	return false, err
}

// taskData is the task's document: in the message, or in the batch's bucket.
func (e *Engine) taskData(ctx context.Context, t task, pdfs jetstream.ObjectStore) ([]byte, error) {
	if t.DocObject == "" {
		return t.Doc, nil
	}
	return pdfs.GetBytes(ctx, t.DocObject)
}

// renderSafely renders doc, turning a panic — a bug the renderer promises not
// to have — into an error of this item rather than the end of the process.
func (e *Engine) renderSafely(doc *document.Document, opt render.Options) (out *render.Output, err error) {
	e.renders <- struct{}{}
	defer func() { <-e.renders }()
	e.rendered.Add(1)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return e.cfg.Renderer.Render(doc, opt)
}

func (e *Engine) recordFailure(ctx context.Context, t task, ps document.Problems) error {
	errs := make([]ItemError, len(ps))
	for i, p := range ps {
		field := p.Path
		if field != "" && t.Columns != nil {
			field = columnOf(t.Columns, field)
		}
		errs[i] = ItemError{Item: t.Item, Row: t.Row, Where: t.Where, Field: field, Message: p.Message}
	}
	data, err := json.Marshal(errs)
	if err != nil {
		return err
	}
	_, err = e.kv.Put(ctx, failureKey(t.Batch, t.Item), data)
	return err
}

// ended reports whether the batch has ended (or is gone); false when it
// cannot tell, so the task is retried.
func (e *Engine) ended(ctx context.Context, id string) bool {
	rec, _, err := e.getRecord(ctx, id)
	if ErrorCode(err) == ENotFound {
		return true
	}
	return err == nil && rec.State.Ended()
}
