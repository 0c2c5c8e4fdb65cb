package jsstore

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
)

// Defaults applied to a zero Config field.
const (
	DefaultStreamName      = "VIGIL_EVENTS"
	DefaultSubjectPrefix   = "vigil.events"
	DefaultReplicas        = 1
	DefaultDuplicateWindow = 24 * time.Hour
	DefaultMaxBatch        = 256
	// DefaultMinBatch applies to R1 streams; see Config.MinBatch.
	DefaultMinBatch       = 8
	DefaultRequestTimeout = 10 * time.Second
)

// Limits checked by Validate.
const (
	// minDuplicateWindow is the deduplication window the eventstore
	// contract promises (AppendRequest.RequestID).
	minDuplicateWindow = 24 * time.Hour
	// maxAtomicBatch is nats-server's default limit on the messages of one
	// atomic batch (streamDefaultMaxAtomicBatchSize).
	maxAtomicBatch = 1000
	// maxReplicas is JetStream's limit (StreamMaxReplicas).
	maxReplicas = 5
)

// Config configures a Store. Conn is required; every other field has a
// default.
type Config struct {
	// Conn is the connection the store publishes and reads on. The store
	// does not close it.
	Conn *nats.Conn
	// StreamName is the JetStream stream holding every event.
	StreamName string
	// SubjectPrefix is prepended to event-stream names: events of stream
	// "denial.0f3c" go to subject "<prefix>.denial.0f3c".
	SubjectPrefix string
	// Replicas is the JetStream replication factor: 1 on one machine, 3 in
	// a cluster.
	Replicas int
	// DuplicateWindow is how long a RequestID is remembered; at least 24h.
	DuplicateWindow time.Duration
	// MaxBatch caps the messages of one group commit (at most 1000, the
	// server's atomic batch limit). A single request with more events is
	// rejected as invalid.
	MaxBatch int
	// MinBatch is the number of waiting single-event requests from which
	// the committer packs them into one atomic batch rather than
	// publishing them one by one. On an R1 file stream an atomic batch
	// costs about as much as ten single publishes, whatever its size
	// (nats-server 2.15 stages each batch in an on-disk store of its own);
	// replicated streams stage in memory, so the default there is 2
	// (always batch). Requests with several events always use a batch.
	MinBatch int
	// RequestTimeout bounds each request the store sends to the server
	// when the caller's context has no earlier deadline.
	RequestTimeout time.Duration
	// Logger receives the store's diagnostics; discarded when nil.
	Logger *slog.Logger
}

// withDefaults returns a copy of c with empty fields set to defaults.
func (c Config) withDefaults() Config {
	if c.StreamName == "" {
		c.StreamName = DefaultStreamName
	}
	if c.SubjectPrefix == "" {
		c.SubjectPrefix = DefaultSubjectPrefix
	}
	if c.Replicas == 0 {
		c.Replicas = DefaultReplicas
	}
	if c.DuplicateWindow == 0 {
		c.DuplicateWindow = DefaultDuplicateWindow
	}
	if c.MaxBatch == 0 {
		c.MaxBatch = DefaultMaxBatch
	}
	if c.MinBatch == 0 {
		c.MinBatch = DefaultMinBatch
		if c.Replicas > 1 {
			c.MinBatch = 2
		}
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Validate reports every problem with the configuration at once, after
// defaults are applied.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []error
	if c.Conn == nil {
		errs = append(errs, errors.New("jsstore: Conn is required"))
	}
	if strings.ContainsAny(c.StreamName, " \t\r\n.*>/\\") {
		errs = append(errs, fmt.Errorf("jsstore: invalid StreamName %q", c.StreamName))
	}
	if !validSubjectPrefix(c.SubjectPrefix) {
		errs = append(errs, fmt.Errorf("jsstore: invalid SubjectPrefix %q", c.SubjectPrefix))
	}
	if c.Replicas < 1 || c.Replicas > maxReplicas {
		errs = append(errs, fmt.Errorf("jsstore: Replicas %d not in [1, %d]", c.Replicas, maxReplicas))
	}
	if c.DuplicateWindow < minDuplicateWindow {
		errs = append(errs, fmt.Errorf("jsstore: DuplicateWindow %s below the contract's %s", c.DuplicateWindow, minDuplicateWindow))
	}
	if c.MaxBatch < 1 || c.MaxBatch > maxAtomicBatch {
		errs = append(errs, fmt.Errorf("jsstore: MaxBatch %d not in [1, %d]", c.MaxBatch, maxAtomicBatch))
	}
	if c.MinBatch < 1 {
		errs = append(errs, fmt.Errorf("jsstore: MinBatch %d < 1", c.MinBatch))
	}
	if c.RequestTimeout < 0 {
		errs = append(errs, fmt.Errorf("jsstore: negative RequestTimeout %s", c.RequestTimeout))
	}
	return errors.Join(errs...)
}

// validSubjectPrefix reports whether p is a literal NATS subject: dot
// separated, non-empty tokens, no wildcards or whitespace.
func validSubjectPrefix(p string) bool {
	if p == "" || strings.ContainsAny(p, " \t\r\n*>") {
		return false
	}
	for tok := range strings.SplitSeq(p, ".") {
		if tok == "" {
			return false
		}
	}
	return true
}
