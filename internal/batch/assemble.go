package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// errLost is a PDF missing from a batch's bucket although its item was
// counted as rendered: the store lost it (a node lost with a replica count
// of 1). Rendering again cannot be told from here, so the batch fails.
var errLost = errors.New("lost")

// finishTask writes the ZIP of a batch whose every item is finished, then
// marks it done and drops its PDFs. Done again on redelivery, it writes the
// same ZIP over the first.
func (e *Engine) finishTask(ctx context.Context, m jetstream.Msg) error {
	id := strings.TrimPrefix(m.Subject(), "gongwen.task.finish.")
	if !validID(id) {
		return fmt.Errorf("%w: %s", errDrop, m.Subject())
	}
	rec, _, err := e.getRecord(ctx, id)
	if ErrorCode(err) == ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	if rec.State.Ended() {
		if err := e.dropPDFs(ctx, id); err != nil { // a finisher that died before this
			e.cfg.Logger.Warn("batch: PDFs not deleted", "batch", id, "err", err)
		}
		return nil
	}
	if !rec.complete() || !rec.Queued {
		return nil // not ours to finish yet; the last worker queues another
	}
	if _, err := e.update(ctx, id, func(r *record) bool {
		if r.State.Ended() || r.State == Assembling {
			return false
		}
		r.State = Assembling
		return true
	}); err != nil {
		return err
	}
	size, err := e.assemble(ctx, rec)
	if errors.Is(err, errLost) {
		e.abandon(id, "生成的 PDF 在存储中丢失，请重新提交："+err.Error())
		return nil
	}
	if err != nil {
		if e.ended(ctx, id) {
			return nil // cancelled while we wrote
		}
		return err
	}
	rec, err = e.update(ctx, id, func(r *record) bool {
		if r.State.Ended() {
			return false
		}
		r.State, r.Result, r.Ended = Done, size, time.Now().UTC()
		return true
	})
	if err != nil {
		return err
	}
	if rec.State != Done { // cancelled in the last moment: no result after all
		_ = e.res.Delete(ctx, resultObject(id))
	}
	if err := e.dropPDFs(ctx, id); err != nil {
		e.cfg.Logger.Warn("batch: PDFs not deleted", "batch", id, "err", err)
	}
	e.cfg.Logger.Info("batch done", "batch", id, "total", rec.Total, "rendered", rec.Rendered,
		"failed", rec.Failed, "invalid", rec.Invalid, "zip_bytes", size)
	return nil
}

// assemble streams the batch's PDFs and its summary into a ZIP stored in the
// results bucket, and returns the ZIP's size. Nothing is held in memory but a
// chunk at a time.
func (e *Engine) assemble(ctx context.Context, rec *record) (int64, error) {
	id := rec.ID
	data, err := e.res.GetBytes(ctx, itemsObject(id))
	if err != nil {
		return 0, fmt.Errorf("batch %s: item list: %w", id, err)
	}
	var metas []itemMeta
	if err := json.Unmarshal(data, &metas); err != nil {
		return 0, fmt.Errorf("batch %s: item list: %w", id, err)
	}
	failed := map[int][]ItemError{}
	if rec.Failed > 0 {
		if failed, err = e.failures(ctx, id, math.MaxInt); err != nil {
			return 0, err
		}
	}
	pdfs, err := e.pdfBucket(ctx, id, false)
	if err != nil {
		return 0, err
	}
	modified := rec.Created
	if !e.cfg.FixedDate.IsZero() {
		modified = e.cfg.FixedDate
	}

	pr, pw := io.Pipe()
	paced, err := e.pace(ctx, pw)
	if err != nil {
		return 0, err
	}
	done := make(chan error, 1)
	go func() {
		err := writeZip(ctx, paced, metas, failed, pdfs, id, modified)
		pw.CloseWithError(err)
		done <- err
	}()
	info, err := e.res.Put(ctx, jetstream.ObjectMeta{
		Name: resultObject(id),
		Opts: &jetstream.ObjectMetaOptions{ChunkSize: pdfChunk},
	}, pr)
	pr.CloseWithError(errors.New("store closed")) // unblock the writer if Put gave up early
	if werr := <-done; werr != nil {
		return 0, werr
	}
	if err != nil {
		return 0, fmt.Errorf("batch %s: store ZIP: %w", id, err)
	}
	return int64(info.Size), nil
}

// writeZip writes one PDF per rendered item, stored as it is (a PDF's streams
// are compressed already), then the summary workbook with every item. PDFs
// are fetched a few ahead of the one being written: each fetch is a round
// trip to the store, and the ZIP waits for none of them.
func writeZip(ctx context.Context, w io.Writer, metas []itemMeta, failed map[int][]ItemError,
	pdfs jetstream.ObjectStore, id string, modified time.Time) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	zw := zip.NewWriter(w)
	rows := make([]summaryRow, len(metas))
	var wanted []int // items whose PDF goes in the ZIP, in order
	for i, m := range metas {
		rows[i] = summaryRow{itemMeta: m}
		switch {
		case len(m.Errors) > 0:
			rows[i].Status, rows[i].Note = statusInvalid, messages(m.Errors)
		case failed[i] != nil:
			rows[i].Status, rows[i].Note, rows[i].File = statusFailed, messages(failed[i]), ""
		default:
			wanted = append(wanted, i)
		}
	}
	for f := range prefetch(ctx, pdfs, id, wanted) {
		if f.err != nil {
			return f.err
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: metas[f.item].File, Method: zip.Store, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
		rows[f.item].Status, rows[f.item].Pages = statusRendered, f.pages
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: SummaryName, Method: zip.Deflate, Modified: modified})
	if err != nil {
		return err
	}
	if err := writeSummary(fw, rows); err != nil {
		return fmt.Errorf("summary workbook: %w", err)
	}
	return zw.Close()
}

// fetched is one item's PDF read from the store.
type fetched struct {
	item  int
	data  []byte
	pages int
	err   error
}

// lookahead is how many PDFs are fetched ahead of the ZIP: enough to hide the
// store's round trips, few enough that memory stays a few megabytes.
const lookahead = 8

// prefetch yields the PDFs of items in order, fetching up to lookahead at once.
// It stops at the first error, which it yields.
func prefetch(ctx context.Context, pdfs jetstream.ObjectStore, id string, items []int) iter.Seq[fetched] {
	return func(yield func(fetched) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		slots := make([]chan fetched, len(items))
		started := 0
		start := func() {
			k := started
			slots[k] = make(chan fetched, 1)
			go func() { slots[k] <- fetchPDF(ctx, pdfs, pdfObject(id, items[k]), items[k]) }()
			started++
		}
		for started < min(lookahead, len(items)) {
			start()
		}
		for k := range items {
			f := <-slots[k]
			if f.err != nil || !yield(f) {
				if f.err != nil {
					yield(f)
				}
				cancel()
				for j := k + 1; j < started; j++ { // let the fetches in flight end
					<-slots[j]
				}
				return
			}
			if started < len(items) {
				start()
			}
		}
	}
}

func fetchPDF(ctx context.Context, pdfs jetstream.ObjectStore, object string, item int) fetched {
	obj, err := pdfs.Get(ctx, object)
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return fetched{item: item, err: fmt.Errorf("%w: %s", errLost, object)}
	}
	if err != nil {
		return fetched{item: item, err: err}
	}
	defer obj.Close()
	info, err := obj.Info()
	if err != nil {
		return fetched{item: item, err: err}
	}
	data := make([]byte, 0, info.Size)
	buf := bytes.NewBuffer(data)
	if _, err := io.Copy(buf, obj); err != nil {
		return fetched{item: item, err: fmt.Errorf("%s: %w", object, err)}
	}
	pages, _ := strconv.Atoi(info.Metadata["pages"])
	return fetched{item: item, data: buf.Bytes(), pages: pages}
}

func messages(errs []ItemError) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Message
		if e.Field != "" {
			parts[i] = e.Field + "：" + e.Message
		}
	}
	return strings.Join(parts, "；")
}
