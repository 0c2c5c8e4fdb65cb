package adapters

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// Snapshot is one item after an event: its facts for the rules and its
// content for rendering. A Snapshot is never modified once Apply has
// returned it, so that any number of goroutines may render it.
type Snapshot struct {
	Facts *domain.Item
	// Content is the item's DenialNotice, ProcurementReport or
	// BrokeringAlert. It is shared between snapshots and never mutated.
	Content   proto.Message
	Status    vigilv1.ItemStatus
	Version   uint64
	CreatedAt time.Time
	UpdatedAt time.Time
	DueAt     time.Time
	// Acks are the members that acknowledged receipt, with the time.
	Acks map[string]time.Time
}

// addresses reports whether the item is an alert addressed to member.
func (s *Snapshot) addresses(member string) bool {
	a, ok := s.Content.(*vigilv1.BrokeringAlert)
	return ok && slices.Contains(a.GetAddressedMembers(), member)
}

// State folds item events into snapshots. It is not safe for concurrent
// use: one goroutine applies events; the snapshots it returns may be
// shared freely.
type State struct {
	items map[string]*Snapshot
	pos   uint64
}

// NewState returns an empty state at position 0.
func NewState() *State { return &State{items: map[string]*Snapshot{}} }

// Position is the position of the last event applied.
func (s *State) Position() uint64 { return s.pos }

// Apply folds one event and returns its Change, or nil for an event that
// is not an item event (consultations), that concerns an item the state
// never saw created, or that is at or below the state's position
// (redelivery). An event that cannot be decoded is an error; the state
// then still advances past it, so that the caller may log it and go on.
func (s *State) Apply(ev eventstore.RecordedEvent) (*Change, error) {
	if ev.Position <= s.pos {
		return nil, nil
	}
	s.pos = ev.Position
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return nil, fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	if !isItemKind(env.GetAggregateType()) {
		return nil, nil
	}
	prev := s.items[env.GetAggregateId()]
	if prev == nil && env.GetAggregateVersion() != 1 {
		return nil, nil
	}
	next := s.next(prev, &env)
	s.items[next.Facts.ID] = next
	return s.change(ev.Position, &env, next), nil
}

func isItemKind(k string) bool {
	return k == identity.KindDenial || k == identity.KindProcurement || k == identity.KindAlert
}

// next is the snapshot after env: a copy of prev with the event applied.
func (s *State) next(prev *Snapshot, env *vigilv1.EventEnvelope) *Snapshot {
	n := &Snapshot{Status: vigilv1.ItemStatus_ITEM_STATUS_ACTIVE}
	if prev != nil {
		*n = *prev
	}
	facts := &domain.Item{Kind: env.GetAggregateType(), ID: env.GetAggregateId(), Originator: env.GetOriginator().GetMember()}
	if prev != nil {
		f := *prev.Facts
		facts = &f
	}
	if r := env.GetReleasability(); r != nil {
		facts.Release = model.Releasability{AllMembers: r.GetAllMembers(), Members: r.GetMembers()}
	}
	n.Facts = facts
	n.Version, n.UpdatedAt = env.GetAggregateVersion(), timeOf(env.GetOccurredAt())
	applyPayload(n, env)
	return n
}

// change builds the Change of an event whose snapshot is next.
func (s *State) change(pos uint64, env *vigilv1.EventEnvelope, next *Snapshot) *Change {
	e := &domain.Event{Position: pos, Type: env.GetType(), Item: next.Facts, Concerns: concerns(env)}
	if l := env.GetItemLinked(); l != nil {
		other := l.GetTo()
		if other.GetId() == next.Facts.ID {
			other = l.GetFrom()
		}
		e.IsLink = true
		if o := s.items[other.GetId()]; o != nil {
			e.Link = o.Facts
		}
	}
	return &Change{Event: e, Snapshot: next, OccurredAt: timeOf(env.GetOccurredAt())}
}

// concerns is the member an acknowledgement, response or lapse is about.
func concerns(env *vigilv1.EventEnvelope) string {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_DenialAcknowledged:
		return p.DenialAcknowledged.GetMember()
	case *vigilv1.EventEnvelope_ProcurementAcknowledged:
		return p.ProcurementAcknowledged.GetMember()
	case *vigilv1.EventEnvelope_AlertAcknowledged:
		return p.AlertAcknowledged.GetMember()
	case *vigilv1.EventEnvelope_AlertResponded:
		return p.AlertResponded.GetMember()
	case *vigilv1.EventEnvelope_AlertResponseLapsed:
		return p.AlertResponseLapsed.GetMember()
	}
	return ""
}

// ack returns a copy of acks with member added.
func ack(acks map[string]time.Time, member string, at time.Time) map[string]time.Time {
	out := maps.Clone(acks)
	if out == nil {
		out = map[string]time.Time{}
	}
	out[member] = at
	return out
}
