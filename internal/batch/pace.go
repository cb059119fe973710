package batch

import (
	"context"
	"io"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// inFlight bounds the ZIP bytes handed to the object store but not yet
// stored. Put publishes chunks without waiting for their acks (up to
// thousands at once), and a server that syncs every write to disk queues what
// it has not stored in memory: a 1.5 GB ZIP would sit in RAM.
const inFlight = 8 << 20

// pacedWriter holds the ZIP writer back while more than inFlight bytes
// written have not reached the results bucket, judged by its stream's size.
type pacedWriter struct {
	ctx     context.Context
	w       io.Writer
	stream  jetstream.Stream
	base    uint64 // the stream's size when the ZIP began
	written uint64
	checked uint64 // written when the store last caught up
}

func (e *Engine) pace(ctx context.Context, w io.Writer) (io.Writer, error) {
	st, err := e.js.Stream(ctx, "OBJ_"+resultBucket)
	if err != nil {
		return nil, err
	}
	info, err := st.Info(ctx)
	if err != nil {
		return nil, err
	}
	return &pacedWriter{ctx: ctx, w: w, stream: st, base: info.State.Bytes}, nil
}

func (p *pacedWriter) Write(b []byte) (int, error) {
	if p.written-p.checked > inFlight/2 {
		for {
			info, err := p.stream.Info(p.ctx)
			if err != nil {
				return 0, err
			}
			// Chunks carry headers, so stored bytes run ahead of written ones;
			// other ZIPs stored meanwhile only make us wait less.
			if info.State.Bytes < p.base || info.State.Bytes-p.base+inFlight/2 >= p.written {
				p.checked = p.written
				break
			}
			select {
			case <-p.ctx.Done():
				return 0, p.ctx.Err()
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	n, err := p.w.Write(b)
	p.written += uint64(n)
	return n, err
}
