package httpapi

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// limiter bounds CPU-bound work (renders, workbooks, layout checks): at most
// cap(slots) run at once and at most maxQueue wait for a slot. A request that
// finds the queue full is refused at once with 429 instead of piling up behind
// work it will time out waiting for — the client backs off and retries, or
// another replica takes it.
type limiter struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxQueue int64

	mu   sync.Mutex
	avg  time.Duration // moving average of one job's run time, for Retry-After
	seen bool
}

func newLimiter(concurrency, queue int) *limiter {
	return &limiter{slots: make(chan struct{}, concurrency), maxQueue: int64(queue)}
}

// errQueueFull and the context's error are what acquire fails with.
var errQueueFull = Errorf(ETooManyRequests, "渲染队列已满，请稍后重试（见 Retry-After）")

// acquire takes a slot, waiting in the queue while ctx allows. The release
// function it returns must be called once, when the work is done.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		return l.releaser(), nil
	default:
	}
	if l.waiting.Add(1) > l.maxQueue {
		l.waiting.Add(-1)
		e := *errQueueFull
		e.RetryAfter = l.retryAfter()
		return nil, &e
	}
	defer l.waiting.Add(-1)
	select {
	case l.slots <- struct{}{}:
		return l.releaser(), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *limiter) releaser() func() {
	start := time.Now()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.observe(time.Since(start))
			<-l.slots
		})
	}
}

func (l *limiter) observe(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.seen {
		l.avg, l.seen = d, true
		return
	}
	l.avg += (d - l.avg) / 8
}

// retryAfter estimates when a slot will be free for a new request: the queue
// ahead of it drained at the current pace, and at least a second.
func (l *limiter) retryAfter() time.Duration {
	l.mu.Lock()
	avg := l.avg
	l.mu.Unlock()
	d := time.Duration(l.waiting.Load()+int64(cap(l.slots))) * avg / time.Duration(cap(l.slots))
	return max(d, time.Second)
}

// active is the number of jobs running, queued the number waiting.
func (l *limiter) active() int { return len(l.slots) }
func (l *limiter) queued() int { return int(l.waiting.Load()) }
