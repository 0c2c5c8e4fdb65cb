package jsstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/nats-io/nats.go"
)

// pageBytes caps the payload of one direct-get batch reply.
const pageBytes = 4 << 20

// directGetRequest is JSApiMsgGetRequest of nats-server v2.11+, batch form.
type directGetRequest struct {
	Seq      uint64 `json:"seq"`
	NextFor  string `json:"next_by_subj"`
	Batch    int    `json:"batch"`
	MaxBytes int    `json:"max_bytes"`
}

// directBatch reads, in one request, up to max messages on filter with a
// sequence of at least start, in order. pending is the number of matching
// messages after the last one returned. The server serves batch direct
// gets isolated from atomic-batch commits, so a page never shows half a
// batch. The stream must allow direct gets.
func (s *Store) directBatch(ctx context.Context, start uint64, filter string, max int) (msgs []storedMsg, pending uint64, err error) {
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	reply, q, done := s.replies.open()
	defer done()
	body, err := json.Marshal(directGetRequest{Seq: start, NextFor: filter, Batch: max, MaxBytes: pageBytes})
	if err != nil {
		return nil, 0, fmt.Errorf("direct get: %w", err)
	}
	if err := s.nc.PublishRequest("$JS.API.DIRECT.GET."+s.cfg.StreamName, reply, body); err != nil {
		return nil, 0, fmt.Errorf("direct get: %w", err)
	}
	return readBatch(ctx, q)
}

// readBatch collects direct-get replies until the end-of-batch marker (a
// 204 status) or a 404 (nothing matched).
func readBatch(ctx context.Context, q *replyQueue) ([]storedMsg, uint64, error) {
	var msgs []storedMsg
	for {
		r, err := q.next(ctx)
		if err != nil {
			return nil, 0, fmt.Errorf("direct get: %w", err)
		}
		if status := r.Header.Get(hdrStatus); status != "" && len(r.Data) == 0 {
			pending, err := endOfBatch(r, status)
			return msgs, pending, err
		}
		m, err := fromDirectGet(r)
		if err != nil {
			return nil, 0, err
		}
		msgs = append(msgs, m)
	}
}

// endOfBatch interprets a status reply.
func endOfBatch(r *nats.Msg, status string) (uint64, error) {
	switch status {
	case "204":
		pending, err := strconv.ParseUint(r.Header.Get(hdrNumPending), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("direct get: bad %s: %w", hdrNumPending, err)
		}
		return pending, nil
	case "404":
		return 0, nil
	default:
		return 0, fmt.Errorf("direct get: status %s %s", status, r.Header.Get(hdrDescription))
	}
}

// withTimeout bounds ctx by the configured request timeout unless it
// already has a deadline.
func (s *Store) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, s.cfg.RequestTimeout)
}
