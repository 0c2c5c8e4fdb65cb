package jsstore

import (
	"context"
	"fmt"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// pageMsgs caps the messages asked for in one direct-get request.
const pageMsgs = 1024

// Load implements eventstore.Store: every event of the stream, in version
// order, read with batched direct gets (no server-side consumer).
func (s *Store) Load(ctx context.Context, stream string) ([]eventstore.RecordedEvent, error) {
	if s.isClosed() {
		return nil, eventstore.ErrClosed
	}
	if err := validateStreamName(stream); err != nil {
		// A malformed name could hold wildcards; it names no stream.
		return nil, fmt.Errorf("load %q: %w (%w)", stream, eventstore.ErrStreamNotFound, err)
	}
	msgs, err := s.loadRaw(ctx, s.subject(stream))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", stream, err)
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("load %s: %w", stream, eventstore.ErrStreamNotFound)
	}
	return s.recordedAll(msgs)
}

// loadRaw reads every message on subject, in order.
func (s *Store) loadRaw(ctx context.Context, subject string) ([]storedMsg, error) {
	var all []storedMsg
	next := uint64(1)
	for {
		page, pending, err := s.directBatch(ctx, next, subject, pageMsgs)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if pending == 0 || len(page) == 0 {
			return all, nil
		}
		next = page[len(page)-1].seq + 1
	}
}

// ReadAll implements eventstore.Store. limit must be positive.
func (s *Store) ReadAll(ctx context.Context, after uint64, limit int) ([]eventstore.RecordedEvent, error) {
	if s.isClosed() {
		return nil, eventstore.ErrClosed
	}
	if limit < 1 {
		return nil, fmt.Errorf("read all: limit %d < 1", limit)
	}
	var all []storedMsg
	next := after + 1
	for len(all) < limit {
		page, pending, err := s.directBatch(ctx, next, s.wild, min(limit-len(all), pageMsgs))
		if err != nil {
			return nil, fmt.Errorf("read all after %d: %w", after, err)
		}
		all = append(all, page...)
		if pending == 0 || len(page) == 0 {
			break
		}
		next = page[len(page)-1].seq + 1
	}
	return s.recordedAll(all)
}

// recordedAll converts stored messages to recorded events.
func (s *Store) recordedAll(msgs []storedMsg) ([]eventstore.RecordedEvent, error) {
	out := make([]eventstore.RecordedEvent, len(msgs))
	for i, m := range msgs {
		ev, err := m.recorded(s.streamOf(m.subject))
		if err != nil {
			return nil, err
		}
		out[i] = ev
	}
	return out, nil
}
