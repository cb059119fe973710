package batch

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"gongwen/internal/render"
)

// Names of what a batch uses in JetStream; all instances sharing a cluster
// agree on them.
const (
	taskStream     = "GONGWEN_TASKS"
	taskSubjects   = "gongwen.task.>"
	workerConsumer = "workers"
	batchBucket    = "gongwen-batches"  // batch records and item failures
	registerBucket = "gongwen-register" // next free 发文字号 per office and year
	resultBucket   = "gongwen-results"  // item lists and final ZIPs
	pdfBucketPre   = "gongwen-pdf-"     // + batch id: that batch's PDFs
)

func renderSubject(id string) string { return "gongwen.task.render." + id }
func finishSubject(id string) string { return "gongwen.task.finish." + id }

// Engine runs batches: it submits them, renders their documents with its
// workers and answers questions about them. It is safe for concurrent use.
type Engine struct {
	cfg  Config
	emb  *embedded // nil with an external cluster
	nc   *nats.Conn
	js   jetstream.JetStream
	kv   jetstream.KeyValue
	reg  jetstream.KeyValue
	res  jetstream.ObjectStore
	cons jetstream.Consumer

	ctx       context.Context // the workers' lifetime: cancelled by Close
	stop      context.CancelFunc
	startOnce sync.Once
	workers   sync.WaitGroup
	renders   chan struct{} // a slot per render allowed at once
	rendered  atomic.Int64  // documents this process has rendered, for tests and logs

	mu      sync.Mutex
	buckets map[string]jetstream.ObjectStore // open PDF buckets by batch id
}

// Open connects to NATS (starting the embedded server unless cfg.NATSURL is
// set), makes sure the streams, buckets and consumer exist, and starts
// cfg.Workers workers. Batches left unfinished by an earlier run carry on:
// their tasks are still in the stream.
func Open(ctx context.Context, cfg Config) (*Engine, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, buckets: map[string]jetstream.ObjectStore{}, renders: make(chan struct{}, max(cfg.Workers, 1))}
	if cfg.NATSURL == "" {
		if e.emb, err = startEmbedded(cfg); err != nil {
			return nil, err
		}
	}
	if e.nc, err = connect(cfg, e.emb); err != nil {
		e.Close()
		return nil, err
	}
	if err := e.setup(ctx); err != nil {
		e.Close()
		return nil, err
	}
	if e.emb != nil {
		e.recoverInterrupted(ctx)
	}
	e.ctx, e.stop = context.WithCancel(context.Background())
	if cfg.Workers > 0 && cfg.Renderer != nil {
		if err := e.StartWorkers(cfg.Renderer); err != nil {
			e.Close()
			return nil, err
		}
	}
	return e, nil
}

// StartWorkers starts this process's Config.Workers workers rendering with r,
// once; Open does it when Config.Renderer is set. A service that loads its
// fonts in the background calls it when they are loaded.
func (e *Engine) StartWorkers(r *render.Renderer) error {
	if r == nil || e.cfg.Workers <= 0 {
		return nil
	}
	var err error
	e.startOnce.Do(func() {
		e.cfg.Renderer = r
		err = e.startWorkers(e.ctx, e.cfg.Workers)
	})
	return err
}

// Check reports whether NATS and JetStream answer: for readiness probes.
func (e *Engine) Check(ctx context.Context) error {
	_, err := e.js.AccountInfo(ctx)
	return err
}

// Queued is how many tasks wait in the queue or are being worked on, across
// every instance: for metrics, and a service's 429 when it is too long.
func (e *Engine) Queued(ctx context.Context) (int, error) {
	info, err := e.cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return int(info.NumPending) + info.NumAckPending, nil
}

// setup creates or updates what batches use. Every instance does it on start;
// the calls are idempotent.
func (e *Engine) setup(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	js, err := jetstream.New(e.nc)
	if err != nil {
		return err
	}
	e.js = js
	r := e.cfg.Replicas
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        taskStream,
		Description: "gongwen batch tasks: one per document to render, one per batch to finish",
		Subjects:    []string{taskSubjects},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    r,
		Discard:     jetstream.DiscardNew, // a full queue refuses new batches; it never drops queued work
		Duplicates:  10 * time.Minute,     // a task published twice (a retried Create, two finishers) is stored once
	})
	if err != nil {
		return fmt.Errorf("batch: stream %s: %w", taskStream, err)
	}
	e.cons, err = js.CreateOrUpdateConsumer(ctx, taskStream, jetstream.ConsumerConfig{
		Durable:       workerConsumer,
		Description:   "gongwen workers of every instance",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       e.cfg.AckWait,
		MaxDeliver:    -1, // a task that keeps failing is given up by the worker (maxAttempts), recorded, and acked
		MaxAckPending: 1024,
		Replicas:      r,
	})
	if err != nil {
		return fmt.Errorf("batch: consumer %s: %w", workerConsumer, err)
	}
	e.kv, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      batchBucket,
		Description: "gongwen batch records (b.<id>) and item failures (f.<id>.<n>)",
		History:     1,
		TTL:         e.cfg.Retention,
		Storage:     jetstream.FileStorage,
		Replicas:    r,
	})
	if err != nil {
		return fmt.Errorf("batch: bucket %s: %w", batchBucket, err)
	}
	e.reg, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      registerBucket,
		Description: "gongwen 发文字号 register: next free number per office profile and year",
		History:     5,
		Storage:     jetstream.FileStorage,
		Replicas:    r,
	})
	if err != nil {
		return fmt.Errorf("batch: bucket %s: %w", registerBucket, err)
	}
	e.res, err = js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      resultBucket,
		Description: "gongwen batch item lists and ZIPs",
		TTL:         e.cfg.Retention,
		Storage:     jetstream.FileStorage,
		Replicas:    r,
	})
	if err != nil {
		return fmt.Errorf("batch: object store %s: %w", resultBucket, err)
	}
	return nil
}

// recoverInterrupted fails the batches whose creation this process did not
// finish before it stopped: some of their tasks may never have been queued, so
// they could never complete. Only an embedded server's store is ours alone to
// judge; on a shared cluster another instance may be creating one right now.
func (e *Engine) recoverInterrupted(ctx context.Context) {
	lister, err := e.kv.ListKeysFiltered(ctx, "b.*")
	if err != nil {
		return
	}
	var stuck []string
	for key := range lister.Keys() {
		id := key[len("b."):]
		if rec, _, err := e.getRecord(ctx, id); err == nil && !rec.Queued && !rec.State.Ended() {
			stuck = append(stuck, id)
		}
	}
	for _, id := range stuck {
		e.cfg.Logger.Warn("batch: creation was interrupted; marking it failed", "batch", id)
		e.abandon(id, "创建批次时服务中断，部分文档未能排入队列；请重新提交")
	}
}

// pdfBucket opens (or, with create, creates) the object store of a batch's PDFs.
func (e *Engine) pdfBucket(ctx context.Context, id string, create bool) (jetstream.ObjectStore, error) {
	e.mu.Lock()
	obs, ok := e.buckets[id]
	e.mu.Unlock()
	if ok {
		return obs, nil
	}
	var err error
	if create {
		obs, err = e.js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
			Bucket:      pdfBucketPre + id,
			Description: "gongwen: the PDFs of batch " + id,
			TTL:         e.cfg.Retention,
			Storage:     jetstream.FileStorage,
			Replicas:    e.cfg.Replicas,
		})
	} else {
		obs, err = e.js.ObjectStore(ctx, pdfBucketPre+id)
	}
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	if len(e.buckets) > 256 { // batches come and go; do not keep handles forever
		clear(e.buckets)
	}
	e.buckets[id] = obs
	e.mu.Unlock()
	return obs, nil
}

// dropPDFs deletes a batch's PDF bucket once its ZIP is stored or it is
// cancelled. A bucket already gone is fine.
func (e *Engine) dropPDFs(ctx context.Context, id string) error {
	e.mu.Lock()
	delete(e.buckets, id)
	e.mu.Unlock()
	err := e.js.DeleteObjectStore(ctx, pdfBucketPre+id)
	if errors.Is(err, jetstream.ErrStreamNotFound) || errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil
	}
	return err
}

// Close stops the workers after their current task, closes the connection and
// shuts down the embedded server. Tasks in progress that did not finish are
// redelivered — to another instance, or to this one when it opens again.
func (e *Engine) Close() error {
	if e.stop != nil {
		e.stop()
		e.workers.Wait()
	}
	if e.nc != nil {
		e.nc.Drain()
		for i := 0; i < 100 && !e.nc.IsClosed(); i++ {
			time.Sleep(20 * time.Millisecond)
		}
		e.nc.Close()
	}
	if e.emb != nil {
		e.emb.shutdown()
	}
	return nil
}

// Embedded returns the embedded NATS server's client URL when it listens
// (Config.Listen), else "".
func (e *Engine) Embedded() string {
	if e.emb == nil || e.cfg.Listen == "" {
		return ""
	}
	return e.emb.ns.ClientURL()
}
