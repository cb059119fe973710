package httpapi

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// work runs fn, CPU-bound work producing output ("pdf", "xlsx", "layout"), in
// a render slot. It waits in the queue while ctx allows, and answers when ctx
// ends even if fn has not: fn then finishes in the background and frees its
// slot, so a timed-out request costs no more CPU than one that waited, and the
// slots keep bounding the CPU in use. fn must not touch the gin.Context.
func (s *Server) work(ctx context.Context, output string, fn func() error) error {
	queued := time.Now()
	release, err := s.limit.acquire(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return s.ctxError(ctx)
		}
		return err
	}
	s.metrics.queueWait.Observe(time.Since(queued).Seconds())
	done := make(chan error, 1)
	go func() {
		defer release()
		start := time.Now()
		// Not on the handler's goroutine, so recover's middleware cannot see a
		// panic here: without this one it would take the whole process down.
		defer func() {
			if v := recover(); v != nil {
				done <- &panicError{value: v, stack: debug.Stack()}
			}
		}()
		err := fn()
		s.metrics.renderTime.WithLabelValues(output).Observe(time.Since(start).Seconds())
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return s.ctxError(ctx)
	}
}

// panicError is a panic in work, reported as an internal error: the error
// writer logs it, stack included, with the request id.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v\n%s", p.value, p.stack) }
