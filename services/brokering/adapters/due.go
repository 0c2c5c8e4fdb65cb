package adapters

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// DueIndex keeps, in memory, the response deadline of every open alert
// and which of its addressed members have responded or lapsed. It is a
// projection of the log, rebuilt on start by Run; it ignores events at or
// before the position it has applied, so redelivery is harmless.
type DueIndex struct {
	store eventstore.Store

	mu       sync.Mutex
	alerts   map[string]*dueAlert
	position uint64
}

// dueAlert is what the index knows of one open alert.
type dueAlert struct {
	deadline  time.Time
	addressed []string
	// done holds members that responded or lapsed.
	done map[string]bool
}

func (a *dueAlert) pending() bool {
	for _, m := range a.addressed {
		if !a.done[m] {
			return true
		}
	}
	return false
}

// NewDueIndex returns an empty index over store; call Run to fill it.
func NewDueIndex(store eventstore.Store) *DueIndex {
	return &DueIndex{store: store, alerts: map[string]*dueAlert{}}
}

// Run follows the log from the start until ctx is cancelled (it then
// returns ctx.Err()) or an alert event cannot be decoded.
func (x *DueIndex) Run(ctx context.Context) error {
	return x.store.Subscribe(ctx, x.Position(), x.apply)
}

// Position is the last log position applied.
func (x *DueIndex) Position() uint64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.position
}

func (x *DueIndex) apply(_ context.Context, ev eventstore.RecordedEvent) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if ev.Position <= x.position {
		return nil
	}
	id, ok := strings.CutPrefix(ev.Stream, AggregateType+".")
	if ok {
		rec, err := decode(ev)
		if err != nil {
			return err
		}
		x.applyEvent(id, rec.Event)
	}
	x.position = ev.Position
	return nil
}

func (x *DueIndex) applyEvent(id string, e domain.Event) {
	switch e := e.(type) {
	case domain.Raised:
		x.alerts[id] = &dueAlert{deadline: e.Details.ResponseDeadline, addressed: e.Details.AddressedMembers, done: map[string]bool{}}
	case domain.Updated:
		if a := x.alerts[id]; a != nil {
			a.deadline, a.addressed = e.Details.ResponseDeadline, e.Details.AddressedMembers
		}
	case domain.Responded:
		x.markDone(id, e.Member)
	case domain.ResponseLapsed:
		x.markDone(id, e.Member)
	case domain.Closed:
		delete(x.alerts, id)
	}
}

func (x *DueIndex) markDone(id, member string) {
	if a := x.alerts[id]; a != nil {
		a.done[member] = true
	}
}

// Due returns the ids of open alerts whose deadline is at or before t and
// that have an addressed member who has neither responded nor lapsed,
// sorted.
func (x *DueIndex) Due(t time.Time) []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []string
	for id, a := range x.alerts {
		if !a.deadline.After(t) && a.pending() {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
