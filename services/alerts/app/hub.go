package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/alerts/adapters"
)

// Defaults of HubConfig.
const (
	DefaultBacklog   = 4096
	DefaultBuffer    = 256
	DefaultReadBatch = 512
)

// HubConfig configures a Hub. Store is required.
type HubConfig struct {
	Store eventstore.Store
	// Backlog is how many recent item events the hub keeps, so that a
	// subscription resuming from a recent cursor needs no replay of the
	// log; DefaultBacklog when zero.
	Backlog int
	// Buffer is how many matching items may wait for a live subscriber
	// before its stream is ended as too slow; DefaultBuffer when zero.
	Buffer int
	// ReadBatch is the page size of a catch-up replay; DefaultReadBatch
	// when zero.
	ReadBatch int
	Logger    *slog.Logger
}

// Validate reports every problem at once.
func (c HubConfig) Validate() error {
	var errs []error
	if c.Store == nil {
		errs = append(errs, errors.New("alerts hub: Store is required"))
	}
	if c.Backlog < 0 || c.Buffer < 0 || c.ReadBatch < 0 {
		errs = append(errs, errors.New("alerts hub: Backlog, Buffer and ReadBatch must not be negative"))
	}
	return errors.Join(errs...)
}

func (c *HubConfig) defaults() {
	if c.Backlog == 0 {
		c.Backlog = DefaultBacklog
	}
	if c.Buffer == 0 {
		c.Buffer = DefaultBuffer
	}
	if c.ReadBatch == 0 {
		c.ReadBatch = DefaultReadBatch
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Hub is the one projection of item state that every subscription
// consults. Run reads the log from the beginning, folds each event into
// the state and hands the resulting change, in log order, to every
// registered subscription that may receive it and whose filter matches,
// without ever waiting for one: a subscription whose buffer is full is cut
// off. It keeps the latest Backlog changes for subscriptions that resume
// from a recent cursor. A Hub is safe for concurrent use.
type Hub struct {
	cfg   HubConfig
	state *adapters.State // owned by the Run goroutine

	mu      sync.Mutex
	pos     uint64 // position of the last event applied
	backlog ring
	subs    map[*registration]struct{}
	moved   chan struct{} // closed and replaced whenever pos advances
	started bool

	// life is cancelled when the hub stops (Close, or Run returning);
	// its Done channel tells subscriptions.
	life context.Context
	stop context.CancelFunc
}

// NewHub validates cfg and returns a hub; Run starts it.
func NewHub(cfg HubConfig) (*Hub, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	h := &Hub{
		cfg: cfg, state: adapters.NewState(), backlog: newRing(cfg.Backlog),
		subs: map[*registration]struct{}{}, moved: make(chan struct{}),
	}
	h.life, h.stop = context.WithCancel(context.Background())
	return h, nil
}

// Run follows the log until ctx ends or Close is called (it then returns
// nil) or the log cannot be read (it returns the error). Either way every
// subscription ends with ErrStopped and the hub cannot be run again.
func (h *Hub) Run(ctx context.Context) error {
	h.mu.Lock()
	if h.started {
		h.mu.Unlock()
		return errors.New("alerts hub: Run called twice")
	}
	h.started = true
	h.mu.Unlock()
	defer h.stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(h.life, cancel)
	defer stop()
	err := h.cfg.Store.Subscribe(ctx, 0, h.apply)
	if ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("alerts hub: read log: %w", err)
}

// Close stops the hub and ends every subscription with ErrStopped. It is
// safe to call more than once, and before or without Run.
func (h *Hub) Close() error {
	h.stop()
	return nil
}

// apply folds one event and fans its change out. An event that cannot be
// decoded is logged and passed over: it reaches nobody.
func (h *Hub) apply(_ context.Context, ev eventstore.RecordedEvent) error {
	c, err := h.state.Apply(ev)
	if err != nil {
		h.cfg.Logger.Warn("alert stream: event passed over", "position", ev.Position, "err", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pos = ev.Position
	close(h.moved)
	h.moved = make(chan struct{})
	if c != nil {
		h.backlog.push(c)
		h.fanOut(c)
	}
	return nil
}

// fanOut offers c to every registration that wants it, cutting off those
// whose buffer is full. h.mu is held.
func (h *Hub) fanOut(c *adapters.Change) {
	for r := range h.subs {
		if !r.wants(c) {
			continue
		}
		select {
		case r.ch <- c:
		default:
			close(r.cut)
			delete(h.subs, r)
		}
	}
}

// Position is the position of the last event the hub applied.
func (h *Hub) Position() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pos
}

// WaitFor waits until the hub has applied position pos, ctx ends (its
// error is returned) or the hub stops (ErrStopped).
func (h *Hub) WaitFor(ctx context.Context, pos uint64) error {
	for {
		h.mu.Lock()
		at, moved := h.pos, h.moved
		h.mu.Unlock()
		if at >= pos {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-h.life.Done():
			return ErrStopped
		case <-moved:
		}
	}
}

// Subscribers is the number of subscriptions currently registered for
// live delivery.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
