package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// State of a batch.
type State string

// States a batch goes through: queued → running → assembling → done, or
// cancelled / failed from any state before done.
const (
	Queued     State = "queued"     // accepted, nothing rendered yet
	Running    State = "running"    // documents are being rendered
	Assembling State = "assembling" // every item is finished; the ZIP is being written
	Done       State = "done"       // the ZIP is ready
	Cancelled  State = "cancelled"  // stopped by a client; no ZIP
	Failed     State = "failed"     // could not finish (Message says why); no ZIP
)

// Ended reports whether s is final.
func (s State) Ended() bool { return s == Done || s == Cancelled || s == Failed }

// record is a batch's state in the KV bucket, under "b.<id>". Every change
// goes through update (compare-and-set), so workers on several machines can
// finish items of one batch at once without losing a count.
type record struct {
	ID       string    `json:"id"`
	Name     string    `json:"name,omitempty"` // the input's file name
	State    State     `json:"state"`
	Total    int       `json:"total"`    // items in the input
	Invalid  int       `json:"invalid"`  // rejected when the batch was created; never queued
	Rendered int       `json:"rendered"` // PDFs stored
	Failed   int       `json:"failed"`   // items whose render failed (see keys f.<id>.<n>)
	Finished bitset    `json:"finished"` // items rendered, failed or invalid
	Queued   bool      `json:"queued"`   // every task is in the stream
	Simplex  bool      `json:"simplex,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Ended    time.Time `json:"ended,omitzero"`
	Result   int64     `json:"result,omitempty"` // size of the ZIP in bytes
	Message  string    `json:"message,omitempty"`
}

// complete reports whether every item is finished, so the ZIP can be written.
func (r *record) complete() bool { return r.Invalid+r.Rendered+r.Failed == r.Total }

func recordKey(id string) string { return "b." + id }

// failureKey holds the problems of item n whose render failed.
func failureKey(id string, n int) string { return fmt.Sprintf("f.%s.%d", id, n) }

func (e *Engine) getRecord(ctx context.Context, id string) (*record, uint64, error) {
	if !validID(id) {
		return nil, 0, notFound(id)
	}
	ent, err := e.kv.Get(ctx, recordKey(id))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, 0, notFound(id)
	}
	if err != nil {
		return nil, 0, err
	}
	var r record
	if err := json.Unmarshal(ent.Value(), &r); err != nil {
		return nil, 0, fmt.Errorf("batch %s: record: %w", id, err)
	}
	return &r, ent.Revision(), nil
}

// update applies change to the batch's record and stores it if change reports
// a change, retrying on a concurrent update. It returns the record as stored
// (or as found, when nothing changed).
func (e *Engine) update(ctx context.Context, id string, change func(r *record) bool) (*record, error) {
	for attempt := 0; ; attempt++ {
		r, rev, err := e.getRecord(ctx, id)
		if err != nil {
			return nil, err
		}
		if !change(r) {
			return r, nil
		}
		r.Updated = time.Now().UTC()
		data, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		_, err = e.kv.Update(ctx, recordKey(id), data, rev)
		if err == nil {
			return r, nil
		}
		if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) && !errors.Is(err, jetstream.ErrKeyExists) {
			return nil, err
		}
		// Another worker got there first: read again. A little jitter keeps
		// two workers from colliding in step.
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(rand.IntN(1+min(attempt, 20))) * time.Millisecond):
		}
	}
}

// bitset records which items are finished: 10,000 items take 1,250 bytes.
type bitset []byte

func newBitset(n int) bitset    { return make(bitset, (n+7)/8) }
func (b bitset) has(i int) bool { return i >= 0 && i/8 < len(b) && b[i/8]&(1<<(i%8)) != 0 }
func (b bitset) set(i int)      { b[i/8] |= 1 << (i % 8) }
