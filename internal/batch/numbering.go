package batch

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/nats-io/nats.go/jetstream"
)

// number gives each valid document without a 发文字号 the next free number of
// its office's scheme (compose.DocNumberScheme), in input order. The register
// lives in the gongwen-register bucket, one key per office and year, so two
// batches — on two machines — never hand out one number twice. A scheme's
// Next is where the register of its Year starts; other years start at 1.
func (e *Engine) number(ctx context.Context, items []*prepared) error {
	counts, starts := map[string]int{}, map[string]int{}
	var order []string
	for _, p := range items {
		if p.doc == nil || p.register == "" {
			continue
		}
		if counts[p.register] == 0 {
			order = append(order, p.register)
			starts[p.register] = 1
			if p.scheme.Year == p.year && p.scheme.Next > 0 {
				starts[p.register] = p.scheme.Next
			}
		}
		counts[p.register]++
	}
	next := map[string]int{}
	for _, key := range order {
		first, err := e.reserve(ctx, key, starts[key], counts[key])
		if err != nil {
			return fmt.Errorf("batch: 发文字号 register %s: %w", key, err)
		}
		next[key] = first
	}
	for _, p := range items {
		if p.doc == nil || p.register == "" {
			continue
		}
		p.meta.Number = p.scheme.Format(p.year, next[p.register])
		next[p.register]++
	}
	return nil
}

// reserve takes count numbers from the register key (starting at start if the
// key is new) and returns the first.
func (e *Engine) reserve(ctx context.Context, key string, start, count int) (int, error) {
	for {
		ent, err := e.reg.Get(ctx, key)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
			_, err = e.reg.Create(ctx, key, []byte(strconv.Itoa(start+count)))
			if err == nil {
				return start, nil
			}
			if !errors.Is(err, jetstream.ErrKeyExists) {
				return 0, err
			}
		case err != nil:
			return 0, err
		default:
			next, perr := strconv.Atoi(string(ent.Value()))
			if perr != nil {
				return 0, fmt.Errorf("value %q is not a number", ent.Value())
			}
			_, err = e.reg.Update(ctx, key, []byte(strconv.Itoa(next+count)), ent.Revision())
			if err == nil {
				return next, nil
			}
			if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) && !errors.Is(err, jetstream.ErrKeyExists) {
				return 0, err
			}
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
}
