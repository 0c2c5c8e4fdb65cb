// Package eventstore defines the contract of Vigil's append-only event log.
//
// The log is the only truth (ARCHITECTURE.md principle 1). It holds many
// streams, one per aggregate (a denial notification, a report, an alert),
// and one global order over all of them. Every backend (NATS JetStream by
// default, EventStoreDB as the second) must pass the conformance suite in
// package storetest.
//
// Two numbers locate an event:
//   - Version is its 1-based index inside its stream. A stream that does not
//     exist has version 0.
//   - Position is its place in the global log: strictly increasing, not
//     necessarily dense, starting at 1. Position 0 means "before the first".
//
// Durability: Append returns only after the events are on stable storage
// (fsynced) or replicated to a quorum. Backends must refuse to run with a
// weaker setting they control.
package eventstore

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors. Callers branch on them with errors.Is.
var (
	// ErrWrongVersion means the stream's current version is not the one the
	// append expected: another writer got there first.
	ErrWrongVersion = errors.New("eventstore: wrong expected version")
	// ErrStreamNotFound is returned by Load for a stream with no events.
	ErrStreamNotFound = errors.New("eventstore: stream not found")
	// ErrInvalidAppend means the request itself is malformed (empty stream
	// name, no events, bad characters in the stream name, oversized event).
	ErrInvalidAppend = errors.New("eventstore: invalid append")
	// ErrClosed is returned by calls made after Close.
	ErrClosed = errors.New("eventstore: closed")
)

// Special values for AppendRequest.ExpectedVersion.
const (
	// AnyVersion skips the optimistic-concurrency check.
	AnyVersion int64 = -1
	// NoStream requires that the stream does not exist yet.
	NoStream int64 = 0
)

// MaxEventSize is the largest Data a single event may carry.
const MaxEventSize = 512 << 10

// Event is an event to append. Type and Data are opaque to the store.
type Event struct {
	// ID is unique per event (a UUID). Required.
	ID string
	// Type names the event, such as "vigil.v1.DenialNotified".
	Type string
	// Data is the serialized event (a protobuf envelope in Vigil).
	Data []byte
}

// RecordedEvent is an event as read back from the log.
type RecordedEvent struct {
	Event
	// Stream is the stream the event belongs to.
	Stream string
	// Version is the 1-based index of the event within its stream.
	Version uint64
	// Position is the event's place in the global log.
	Position uint64
	// RecordedAt is the time the store accepted the event.
	RecordedAt time.Time
}

// AppendRequest appends Events, in order, to the end of one stream.
type AppendRequest struct {
	// Stream is the stream name: "<type>.<id>", letters, digits, '-', '_'
	// and exactly one '.', at most 200 bytes.
	Stream string
	// ExpectedVersion is the version the stream must have before the append:
	// NoStream (0), a positive version, or AnyVersion.
	ExpectedVersion int64
	// RequestID makes the append idempotent: a second append with the same
	// RequestID (within the backend's deduplication window, at least 24
	// hours) writes nothing and returns the first append's result with
	// Duplicate set. Empty means no deduplication.
	RequestID string
	// Events to append; at least one.
	Events []Event
}

// AppendResult reports where an append landed.
type AppendResult struct {
	// FirstPosition and LastPosition are the global positions of the first
	// and last appended events.
	FirstPosition, LastPosition uint64
	// Version is the stream's version after the append.
	Version uint64
	// Duplicate is true when the RequestID had been seen and nothing was
	// written.
	Duplicate bool
}

// Handler receives events from Subscribe, one at a time, in log order.
// Returning an error stops the subscription with that error.
type Handler func(ctx context.Context, ev RecordedEvent) error

// Store is an append-only event log. Implementations are safe for
// concurrent use.
type Store interface {
	// Append writes the request's events atomically: all or none. It returns
	// ErrWrongVersion when the expected version does not match, and only
	// after the events are durable.
	Append(ctx context.Context, req AppendRequest) (AppendResult, error)
	// Load returns every event of a stream in version order, or
	// ErrStreamNotFound.
	Load(ctx context.Context, stream string) ([]RecordedEvent, error)
	// ReadAll returns up to limit events of the global log with a position
	// strictly greater than after, in order. An empty result means the
	// caller is at the end of the log.
	ReadAll(ctx context.Context, after uint64, limit int) ([]RecordedEvent, error)
	// Subscribe delivers every event with a position strictly greater than
	// after, first catching up and then following live appends, without gap
	// or duplicate, until ctx is cancelled (it then returns ctx.Err()) or
	// the handler returns an error.
	Subscribe(ctx context.Context, after uint64, h Handler) error
	// LastPosition returns the position of the newest event, 0 when empty.
	LastPosition(ctx context.Context) (uint64, error)
	// Close releases the store's resources. It is safe to call twice.
	Close() error
}
