package batch

import (
	"context"
	"encoding/json"

	"github.com/nats-io/nats.go/jetstream"
)

// Watch delivers a batch's progress: where it stands now, then every change,
// until it ends (the last value sent has an ended State) or ctx is done; then
// the channel is closed. A slow reader misses intermediate values, never the
// latest one: the channel holds one value and a newer replaces it.
//
// It watches the batch's record in the KV bucket, so it sees the work of every
// instance, and works the same for the HTTP event stream and the CLI's bar.
func (e *Engine) Watch(ctx context.Context, id string) (<-chan Progress, error) {
	if _, _, err := e.getRecord(ctx, id); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	w, err := e.kv.Watch(ctx, recordKey(id))
	if err != nil {
		cancel()
		return nil, err
	}
	out := make(chan Progress, 1)
	go func() {
		defer cancel()
		defer close(out)
		defer w.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ent, ok := <-w.Updates():
				if !ok {
					return
				}
				if ent == nil || ent.Operation() != jetstream.KeyValuePut {
					continue // the end of the initial values, or the record expired
				}
				var r record
				if json.Unmarshal(ent.Value(), &r) != nil {
					continue
				}
				p := r.progress()
				// Replace an unread value rather than wait for the reader.
				select {
				case <-out:
				default:
				}
				out <- p
				if p.State.Ended() {
					return
				}
			}
		}
	}()
	return out, nil
}
