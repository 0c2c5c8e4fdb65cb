package adapters

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// maxBatch is the most events applied in one transaction (one fsync).
const maxBatch = 512

// Projector follows the log into a Store. Run owns its goroutines; WaitFor
// lets queries read their own writes.
type Projector struct {
	store  *Store
	log    eventstore.Store
	logger *slog.Logger

	mu      sync.Mutex
	applied uint64
	changed chan struct{}
}

// NewProjector returns a projector from log into store.
func NewProjector(store *Store, log eventstore.Store, logger *slog.Logger) (*Projector, error) {
	pos, err := store.Position()
	if err != nil {
		return nil, err
	}
	return &Projector{store: store, log: log, logger: logger, applied: pos, changed: make(chan struct{})}, nil
}

// Run applies the log from the stored position until ctx is cancelled,
// in batches of whatever has arrived (one transaction each).
func (p *Projector) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan eventstore.RecordedEvent, maxBatch)
	var wg sync.WaitGroup
	var subErr error
	wg.Go(func() {
		defer close(events)
		subErr = p.log.Subscribe(ctx, p.Position(), func(ctx context.Context, ev eventstore.RecordedEvent) error {
			select {
			case events <- ev:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	err := p.drain(events)
	cancel()
	wg.Wait()
	if err != nil {
		return err
	}
	if subErr != nil && !errors.Is(subErr, context.Canceled) {
		return fmt.Errorf("views projector: %w", subErr)
	}
	return nil
}

func (p *Projector) drain(events <-chan eventstore.RecordedEvent) error {
	for ev := range events {
		batch := []eventstore.RecordedEvent{ev}
	more:
		for len(batch) < maxBatch {
			select {
			case ev, ok := <-events:
				if !ok {
					break more
				}
				batch = append(batch, ev)
			default:
				break more
			}
		}
		if err := p.store.Apply(batch); err != nil {
			return fmt.Errorf("views projector: %w", err)
		}
		p.advance(batch[len(batch)-1].Position)
	}
	return nil
}

func (p *Projector) advance(pos uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.applied = pos
	close(p.changed)
	p.changed = make(chan struct{})
}

// Position is the last applied log position.
func (p *Projector) Position() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.applied
}

// WaitFor returns once the projection has applied position pos, or with
// ctx's error.
func (p *Projector) WaitFor(ctx context.Context, pos uint64) error {
	for {
		p.mu.Lock()
		applied, changed := p.applied, p.changed
		p.mu.Unlock()
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
