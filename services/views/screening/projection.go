package screening

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Log is what the projection reads of the event log; every
// eventstore.Store is one.
type Log interface {
	// LastPosition returns the position of the newest event, 0 when empty.
	LastPosition(ctx context.Context) (uint64, error)
	// Subscribe delivers every event after position after, in order,
	// without gap or duplicate, until ctx ends (returning ctx.Err()) or
	// the handler fails (returning its error).
	Subscribe(ctx context.Context, after uint64, h eventstore.Handler) error
}

// Projection follows the event log into the in-memory screening index.
// Run feeds it; Position, WaitFor and WaitReady let queries read their own
// writes and never answer from a partial replay. Its methods are safe for
// concurrent use.
type Projection struct {
	log    Log
	logger *slog.Logger

	mu sync.RWMutex // guards st
	st *state

	pmu      sync.Mutex // guards the fields below
	applied  uint64
	changed  chan struct{} // closed and replaced at each advance
	target   uint64        // the position that makes the projection ready
	targeted bool          // Run has set target
	ready    chan struct{} // closed once applied >= target
	isReady  bool
}

// New returns an empty projection of log, at position 0 and not ready.
func New(log Log, logger *slog.Logger) *Projection {
	if logger == nil {
		logger = slog.Default()
	}
	return &Projection{log: log, logger: logger, st: newState(), changed: make(chan struct{}), ready: make(chan struct{})}
}

// Run replays the log from the projection's position and follows it until
// ctx is cancelled, then returns nil. The projection becomes ready when
// it has applied the log as it was when Run started. Run returns an error
// if the log fails or holds an event that cannot be decoded. Run may be
// called again after it returns; it resumes where it stopped.
func (p *Projection) Run(ctx context.Context) error {
	last, err := p.log.LastPosition(ctx)
	if err != nil {
		return p.stopped(ctx, err)
	}
	p.setTarget(last)
	err = p.log.Subscribe(ctx, p.Position(), func(_ context.Context, ev eventstore.RecordedEvent) error {
		return p.Apply(ev)
	})
	return p.stopped(ctx, err)
}

// stopped is Run's result for err: nil once ctx is done, as stopping is
// what was asked for.
func (p *Projection) stopped(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("screening projection: %w", err)
}

// Apply projects one event. Events at or below the applied position are
// ignored, so redelivery is harmless; events of other aggregates only
// advance the position. Run calls it; tests may too. It returns an error,
// and leaves the projection unchanged, if the event cannot be decoded.
func (p *Projection) Apply(ev eventstore.RecordedEvent) error {
	if ev.Position <= p.Position() {
		return nil
	}
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	if isItemKind(env.GetAggregateType()) {
		p.applyItem(&env)
	}
	p.advance(ev.Position)
	return nil
}

// applyItem stores the item env concerns as it is after env.
func (p *Projection) applyItem(env *vigilv1.EventEnvelope) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n, reindex := next(p.st.items[env.GetAggregateId()], env)
	if n != nil {
		p.st.put(n, reindex)
	}
}

// advance records pos as applied and wakes the waiters.
func (p *Projection) advance(pos uint64) {
	p.pmu.Lock()
	defer p.pmu.Unlock()
	p.applied = pos
	close(p.changed)
	p.changed = make(chan struct{})
	p.checkReady()
}

// setTarget makes the projection ready once it has applied pos.
func (p *Projection) setTarget(pos uint64) {
	p.pmu.Lock()
	defer p.pmu.Unlock()
	if !p.targeted {
		p.target, p.targeted = pos, true
	}
	p.checkReady()
}

// checkReady closes ready when the target is reached. The caller holds pmu.
func (p *Projection) checkReady() {
	if p.targeted && !p.isReady && p.applied >= p.target {
		p.isReady = true
		close(p.ready)
	}
}

// Position is the last applied log position.
func (p *Projection) Position() uint64 {
	p.pmu.Lock()
	defer p.pmu.Unlock()
	return p.applied
}

// WaitFor returns once the projection has applied position pos, or with
// ctx's error.
func (p *Projection) WaitFor(ctx context.Context, pos uint64) error {
	for {
		p.pmu.Lock()
		applied, changed := p.applied, p.changed
		p.pmu.Unlock()
		if applied >= pos {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitReady returns once the projection has replayed the log as it was
// when Run first started, or with ctx's error (also when Run has not been
// started).
func (p *Projection) WaitReady(ctx context.Context) error {
	select {
	case <-p.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
