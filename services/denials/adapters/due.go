package adapters

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// DueIndex keeps, in memory, the review date of every active notice and
// the due date of every consultation awaiting an answer. It is a
// projection of the log, rebuilt on start by Run.
type DueIndex struct {
	store eventstore.Store

	mu            sync.Mutex
	due           map[string]time.Time
	consultations map[string]time.Time
	position      uint64
}

// NewDueIndex returns an empty index over store; call Run to fill it.
func NewDueIndex(store eventstore.Store) *DueIndex {
	return &DueIndex{store: store, due: map[string]time.Time{}, consultations: map[string]time.Time{}}
}

// Run follows the log until ctx is cancelled.
func (x *DueIndex) Run(ctx context.Context) error {
	return x.store.Subscribe(ctx, 0, x.apply)
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
	x.position = ev.Position
	if id, ok := strings.CutPrefix(ev.Stream, ConsultationType+"."); ok {
		return x.applyConsultation(id, ev)
	}
	id, ok := strings.CutPrefix(ev.Stream, AggregateType+".")
	if !ok {
		return nil
	}
	rec, err := decode(ev)
	if err != nil {
		return err
	}
	switch e := rec.Event.(type) {
	case domain.Notified:
		x.due[id] = e.ReviewDue
	case domain.Reviewed:
		x.due[id] = e.ReviewDue
		if e.Outcome == domain.ReviewRevoked {
			delete(x.due, id)
		}
	case domain.Expired:
		delete(x.due, id)
	}
	return nil
}

// Due returns the ids of active notices due at or before t, sorted.
func (x *DueIndex) Due(t time.Time) []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return dueBy(x.due, t)
}

// dueBy returns the keys of due whose time is at or before t, sorted.
func dueBy(due map[string]time.Time, t time.Time) []string {
	var out []string
	for id, at := range due {
		if !at.After(t) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
