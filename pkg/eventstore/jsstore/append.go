package jsstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// Append implements eventstore.Store. It validates req, reads the
// stream's last message when the expected version needs it, hands the
// request to the committer and waits for the outcome. With AnyVersion it
// retries when another writer slipped in between (the version stamped on
// each event must be exact). It returns once the events are fsynced.
//
// If ctx ends while the request is queued or in flight, Append returns
// ctx's error and the append may still happen; retry with the same
// RequestID to learn its result.
func (s *Store) Append(ctx context.Context, req eventstore.AppendRequest) (eventstore.AppendResult, error) {
	if err := validateAppend(req, s.cfg.MaxBatch); err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", req.Stream, err)
	}
	for {
		res, retry, err := s.appendOnce(ctx, req)
		if !retry {
			return res, err
		}
		s.log.Debug("append with any version raced, retrying", "stream", req.Stream)
	}
}

// appendOnce makes one attempt; retry asks for another (AnyVersion only).
func (s *Store) appendOnce(ctx context.Context, req eventstore.AppendRequest) (eventstore.AppendResult, bool, error) {
	if s.isClosed() {
		return eventstore.AppendResult{}, false, eventstore.ErrClosed
	}
	subject := s.subject(req.Stream)
	lastSeq, version, err := s.expectation(ctx, subject, req.ExpectedVersion)
	if err != nil {
		return eventstore.AppendResult{}, false, fmt.Errorf("append %s: %w", req.Stream, err)
	}
	o := outcome{kind: conflict}
	if req.ExpectedVersion <= 0 || version == uint64(req.ExpectedVersion) {
		p := newPending(ctx, subject, lastSeq, buildMsgs(subject, req, lastSeq, version))
		if o, err = s.submit(ctx, p); err != nil {
			return eventstore.AppendResult{}, false, fmt.Errorf("append %s: %w", req.Stream, err)
		}
	}
	return s.resolve(ctx, req, version, o)
}

// expectation returns the sequence of the subject's last message and the
// stream's version. NoStream needs no lookup: the server treats an
// expected last subject sequence of 0 as "no message on the subject".
func (s *Store) expectation(ctx context.Context, subject string, expected int64) (lastSeq, version uint64, err error) {
	if expected == eventstore.NoStream {
		return 0, 0, nil
	}
	raw, err := s.stream.GetLastMsgForSubject(ctx, subject)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("read last event: %w", err)
	}
	m := fromRaw(raw)
	v, err := m.version()
	return m.seq, v, err
}

// submit queues p for the committer and waits for its outcome.
func (s *Store) submit(ctx context.Context, p *pending) (outcome, error) {
	if err := s.enqueue(ctx, p); err != nil {
		return outcome{}, err
	}
	select {
	case o := <-p.done:
		return o, nil
	case <-ctx.Done():
		return outcome{}, ctx.Err()
	}
}

// enqueue hands p to the committer unless the store is closed. The read
// lock keeps Close from stopping the committer between the check and the
// send; the committer keeps draining the queue meanwhile.
func (s *Store) enqueue(ctx context.Context, p *pending) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return eventstore.ErrClosed
	}
	select {
	case s.commit.queue <- p:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// resolve turns an outcome into the caller's result. before is the
// stream's version before the append.
func (s *Store) resolve(ctx context.Context, req eventstore.AppendRequest, before uint64, o outcome) (eventstore.AppendResult, bool, error) {
	switch o.kind {
	case committed:
		return eventstore.AppendResult{FirstPosition: o.first, LastPosition: o.last, Version: before + uint64(len(req.Events))}, false, nil
	case conflict:
		if req.ExpectedVersion == eventstore.AnyVersion {
			return eventstore.AppendResult{}, true, nil
		}
		res, err := s.conflictResult(ctx, req)
		return res, false, err
	case duplicate:
		res, err := s.duplicateAt(ctx, req, o.first)
		return res, false, err
	case duplicateBatch:
		res, err := s.duplicateOf(ctx, req)
		return res, false, err
	default:
		return eventstore.AppendResult{}, false, fmt.Errorf("append %s: %w", req.Stream, o.err)
	}
}
