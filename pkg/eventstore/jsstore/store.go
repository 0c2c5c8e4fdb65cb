// Package jsstore is the NATS JetStream backend of eventstore.Store.
//
// All events live in one JetStream stream (file storage, never trimmed,
// deletes and purges denied). Each event stream "<type>.<id>" is one
// subject "<prefix>.<type>.<id>"; an event's Position is its JetStream
// stream sequence and its Version travels in the Vigil-Version header.
//
// Optimistic concurrency uses the server's per-subject check
// (Nats-Expected-Last-Subject-Sequence), so a racing writer is rejected
// by the server, not by a read-then-write in the client. Idempotency uses
// Nats-Msg-Id ("<RequestID>/<index>") and the stream's duplicate window.
//
// Appends are group-committed: concurrent requests are packed by one
// committer goroutine into a JetStream atomic batch, which the server
// checks, writes and fsyncs as one unit (see committer.go).
package jsstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// Store is an eventstore.Store over NATS JetStream. It is safe for
// concurrent use.
type Store struct {
	cfg    Config
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	log    *slog.Logger
	wild   string // "<prefix>.>", every event subject

	commit  *committer
	replies *replyMux // direct-get replies

	// closing is cancelled by Close; it stops subscriptions.
	closing context.Context
	cancel  context.CancelFunc
	mu      sync.RWMutex // guards closed against in-flight enqueues
	closed  bool
}

var _ eventstore.Store = (*Store)(nil)

// New validates cfg, creates the JetStream stream or updates its
// configuration, and starts the committer. It fails if the stream exists
// with settings that cannot be changed, such as memory storage.
func New(ctx context.Context, cfg Config) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	js, err := jetstream.New(cfg.Conn)
	if err != nil {
		return nil, fmt.Errorf("jsstore: jetstream: %w", err)
	}
	stream, err := js.CreateOrUpdateStream(ctx, streamConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("jsstore: create or update stream %s: %w", cfg.StreamName, err)
	}
	replies, err := newReplyMux(cfg.Conn)
	if err != nil {
		return nil, err
	}
	s := &Store{cfg: cfg, nc: cfg.Conn, js: js, stream: stream, log: cfg.Logger, wild: cfg.SubjectPrefix + ".>", replies: replies}
	s.closing, s.cancel = context.WithCancel(context.Background())
	s.commit = startCommitter(s)
	s.log.Info("event store ready", "stream", cfg.StreamName, "subjects", s.wild, "replicas", cfg.Replicas)
	return s, nil
}

// streamConfig is the JetStream stream holding every event: file storage,
// no limits, deletes and purges denied, atomic batches and direct gets on.
func streamConfig(cfg Config) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:               cfg.StreamName,
		Description:        "Vigil event log: the only truth",
		Subjects:           []string{cfg.SubjectPrefix + ".>"},
		Retention:          jetstream.LimitsPolicy,
		MaxMsgs:            -1,
		MaxBytes:           -1,
		MaxAge:             0,
		MaxMsgsPerSubject:  -1,
		Discard:            jetstream.DiscardNew,
		Storage:            jetstream.FileStorage,
		Replicas:           cfg.Replicas,
		Duplicates:         cfg.DuplicateWindow,
		DenyDelete:         true,
		DenyPurge:          true,
		AllowDirect:        true,
		AllowAtomicPublish: true,
	}
}

// subject is the NATS subject of an event stream.
func (s *Store) subject(stream string) string { return s.cfg.SubjectPrefix + "." + stream }

// streamOf is the event-stream name of a subject of this store.
func (s *Store) streamOf(subject string) string { return subject[len(s.cfg.SubjectPrefix)+1:] }

// Close stops the committer after its current batch, fails queued appends
// with eventstore.ErrClosed, and stops running subscriptions. It does not
// close the NATS connection. It is safe to call more than once.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.commit.stop()
	s.replies.close()
	s.log.Info("event store closed", "stream", s.cfg.StreamName)
	return nil
}

// isClosed reports whether Close has been called.
func (s *Store) isClosed() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.closed
}

// LastPosition returns the stream's last sequence, 0 when it is empty.
func (s *Store) LastPosition(ctx context.Context) (uint64, error) {
	if s.isClosed() {
		return 0, eventstore.ErrClosed
	}
	info, err := s.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("jsstore: last position: %w", err)
	}
	if info.State.Msgs == 0 {
		return 0, nil
	}
	return info.State.LastSeq, nil
}

// Durability is what the server reports about the stream's storage, so
// that a service can refuse to start on settings that lose acknowledged
// writes. The fsync policy (SyncAlways) is a server setting that clients
// cannot read; natsembed always sets it.
type Durability struct {
	Storage  jetstream.StorageType
	Replicas int
}

// Durable reports whether acknowledged writes survive a restart: file
// storage (fsynced on a SyncAlways server, or replicated to a quorum).
// Memory storage, replicated or not, is never durable.
func (d Durability) Durable() bool { return d.Storage == jetstream.FileStorage }

// Durability reads the stream's storage type and replica count from the
// server.
func (s *Store) Durability(ctx context.Context) (Durability, error) {
	if s.isClosed() {
		return Durability{}, eventstore.ErrClosed
	}
	info, err := s.stream.Info(ctx)
	if err != nil {
		return Durability{}, fmt.Errorf("jsstore: durability: %w", err)
	}
	return Durability{Storage: info.Config.Storage, Replicas: info.Config.Replicas}, nil
}

// errorCode returns the JetStream API error code in err, or 0.
func errorCode(err error) jetstream.ErrorCode {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode
	}
	return 0
}
