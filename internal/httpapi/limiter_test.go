package httpapi

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	l := newLimiter(2, 1)
	ctx := context.Background()
	r1, err1 := l.acquire(ctx)
	r2, err2 := l.acquire(ctx)
	if err1 != nil || err2 != nil {
		t.Fatalf("free slots refused: %v %v", err1, err2)
	}
	got := make(chan error, 1)
	go func() {
		r, err := l.acquire(ctx) // queues
		if err == nil {
			r()
		}
		got <- err
	}()
	waitFor(t, "a request in the queue", func() bool { return l.queued() == 1 })
	_, err := l.acquire(ctx) // the queue is full
	var e *Error
	if !errors.As(err, &e) || e.Code != ETooManyRequests || e.RetryAfter < time.Second {
		t.Fatalf("full queue: %v", err)
	}
	r1()
	r1() // a second release is harmless
	if err := <-got; err != nil {
		t.Fatalf("queued request: %v", err)
	}
	r2()
	if l.active() != 0 || l.queued() != 0 {
		t.Errorf("active %d queued %d after all released", l.active(), l.queued())
	}

	// A queued request leaves when its context ends.
	r1, _ = l.acquire(ctx)
	r2, _ = l.acquire(ctx)
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := l.acquire(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("queued past its deadline: %v", err)
	}
	if l.queued() != 0 {
		t.Errorf("queued %d after the deadline", l.queued())
	}
	r1()
	r2()
}

func TestConfigDefaults(t *testing.T) {
	c, err := Config{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.BodyLimit != 10<<20 || c.Concurrency < 1 || c.QueueLength != 64 ||
		c.RequestTimeout != 30*time.Second || c.Logger == nil {
		t.Errorf("defaults %+v", c)
	}
	for _, bad := range []Config{
		{BodyLimit: 64 << 20},
		{Concurrency: -1},
		{Tokens: []string{"short"}},
		{RequestTimeout: -time.Second},
	} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
