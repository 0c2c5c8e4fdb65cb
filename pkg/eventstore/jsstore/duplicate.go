package jsstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// errNoOriginal means the events of a RequestID were not found on the
// request's stream.
var errNoOriginal = errors.New("no event with this request id on the stream")

// conflictResult answers a request whose expected version was wrong. A
// retried request (same RequestID) fails the version check too, because
// JetStream checks the expected sequence before the message id; so when
// the request has a RequestID, look for its events first.
func (s *Store) conflictResult(ctx context.Context, req eventstore.AppendRequest) (eventstore.AppendResult, error) {
	wrong := fmt.Errorf("append %s: %w", req.Stream, eventstore.ErrWrongVersion)
	if req.RequestID == "" {
		return eventstore.AppendResult{}, wrong
	}
	res, err := s.findRequest(ctx, req)
	if errors.Is(err, errNoOriginal) {
		return eventstore.AppendResult{}, wrong
	}
	return res, err
}

// duplicateAt answers a single-event request the server deduplicated
// against the message at seq.
func (s *Store) duplicateAt(ctx context.Context, req eventstore.AppendRequest, seq uint64) (eventstore.AppendResult, error) {
	raw, err := s.stream.GetMsg(ctx, seq)
	if err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: read original of request %s: %w", req.Stream, req.RequestID, err)
	}
	m := fromRaw(raw)
	if m.subject != s.subject(req.Stream) {
		return eventstore.AppendResult{}, reused(req, s.streamOf(m.subject))
	}
	v, err := m.version()
	if err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", req.Stream, err)
	}
	return eventstore.AppendResult{FirstPosition: seq, LastPosition: seq, Version: v, Duplicate: true}, nil
}

// duplicateOf answers a multi-event request whose atomic batch the server
// rejected for a message id it had already seen.
func (s *Store) duplicateOf(ctx context.Context, req eventstore.AppendRequest) (eventstore.AppendResult, error) {
	res, err := s.findRequest(ctx, req)
	if errors.Is(err, errNoOriginal) {
		return eventstore.AppendResult{}, reused(req, "another stream")
	}
	return res, err
}

// findRequest scans the request's stream for the events stamped with its
// RequestID and returns the first append's result, marked Duplicate.
func (s *Store) findRequest(ctx context.Context, req eventstore.AppendRequest) (eventstore.AppendResult, error) {
	msgs, err := s.loadRaw(ctx, s.subject(req.Stream))
	if err != nil {
		return eventstore.AppendResult{}, fmt.Errorf("append %s: look up request %s: %w", req.Stream, req.RequestID, err)
	}
	res := eventstore.AppendResult{Duplicate: true}
	for _, m := range msgs {
		if m.header.Get(hdrRequestID) != req.RequestID {
			continue
		}
		if res.FirstPosition == 0 {
			res.FirstPosition = m.seq
		}
		res.LastPosition = m.seq
		if res.Version, err = m.version(); err != nil {
			return eventstore.AppendResult{}, fmt.Errorf("append %s: %w", req.Stream, err)
		}
	}
	if res.FirstPosition == 0 {
		return eventstore.AppendResult{}, errNoOriginal
	}
	return res, nil
}

// reused reports a RequestID already spent on another stream: a client
// bug, since a retry targets the same stream.
func reused(req eventstore.AppendRequest, other string) error {
	return fmt.Errorf("append %s: %w: request id %s already used on %s", req.Stream, eventstore.ErrInvalidAppend, req.RequestID, other)
}
