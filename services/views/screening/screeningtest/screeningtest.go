// Package screeningtest is an event log in memory, written with
// hand-made envelopes as the denials, procurement and brokering services
// write them, for tests of the screening projection and of the queries
// over it.
package screeningtest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/screening"
)

// Log is an event log in memory: positions from 1, versions per stream.
// It is a screening.Log, safe for one writer and any number of
// subscribers.
type Log struct {
	t        testing.TB
	mu       sync.Mutex
	events   []eventstore.RecordedEvent
	versions map[string]uint64
	changed  chan struct{} // closed and replaced at each append
}

// NewLog returns an empty log.
func NewLog(t testing.TB) *Log {
	return &Log{t: t, versions: map[string]uint64{}, changed: make(chan struct{})}
}

// Events returns the events appended so far, in order.
func (l *Log) Events() []eventstore.RecordedEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]eventstore.RecordedEvent(nil), l.events...)
}

// Add appends one event of aggregate kind and id by member, with the
// releasability rel on the envelope (nil: none), at time at, and returns
// its position. payload is one of the envelope's payload messages.
func (l *Log) Add(kind, id, member string, rel *vigilv1.Releasability, at time.Time, payload proto.Message) uint64 {
	l.t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	stream := kind + "." + id
	l.versions[stream]++
	v := l.versions[stream]
	env := &vigilv1.EventEnvelope{EventId: fmt.Sprintf("%s-%d", stream, v), SchemaVersion: 1, AggregateType: kind,
		AggregateId: id, AggregateVersion: v, Originator: &vigilv1.Originator{Member: member},
		OccurredAt: timestamppb.New(at), Releasability: rel}
	setPayload(l.t, env, payload)
	data, err := proto.Marshal(env)
	if err != nil {
		l.t.Fatal(err)
	}
	pos := uint64(len(l.events) + 1)
	l.events = append(l.events, eventstore.RecordedEvent{Event: eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data},
		Stream: stream, Version: v, Position: pos, RecordedAt: at})
	close(l.changed)
	l.changed = make(chan struct{})
	return pos
}

// setPayload puts payload in the envelope's payload field of its type and
// names the event type after it.
func setPayload(t testing.TB, env *vigilv1.EventEnvelope, payload proto.Message) {
	t.Helper()
	m := env.ProtoReflect()
	fields := m.Descriptor().Oneofs().ByName("payload").Fields()
	want := payload.ProtoReflect().Descriptor().FullName()
	for i := range fields.Len() {
		if f := fields.Get(i); f.Message().FullName() == want {
			m.Set(f, protoreflect.ValueOfMessage(payload.ProtoReflect()))
			env.Type = string(want)
			return
		}
	}
	t.Fatalf("no envelope payload of type %s", want)
}

// LastPosition returns the position of the newest event, 0 when empty.
func (l *Log) LastPosition(context.Context) (uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return uint64(len(l.events)), nil
}

// Subscribe delivers the events after position after, then those appended
// later, until ctx ends (returning ctx.Err()) or h fails (returning its
// error).
func (l *Log) Subscribe(ctx context.Context, after uint64, h eventstore.Handler) error {
	for {
		evs, changed := l.since(after)
		for _, ev := range evs {
			if err := h(ctx, ev); err != nil {
				return err
			}
			after = ev.Position
		}
		if len(evs) > 0 {
			continue
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// since returns the events after position after, and a channel closed at
// the next append.
func (l *Log) since(after uint64) ([]eventstore.RecordedEvent, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]eventstore.RecordedEvent(nil), l.events[min(after, uint64(len(l.events))):]...), l.changed
}

// Run runs p until the test ends, and fails the test if Run fails.
func Run(t testing.TB, p *screening.Projection) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := p.Run(ctx); err != nil {
			t.Errorf("screening projection: %v", err)
		}
	})
	t.Cleanup(func() {
		cancel()
		wg.Wait()
	})
}

// All releases to every member.
func All() *vigilv1.Releasability { return &vigilv1.Releasability{AllMembers: true} }

// Only releases to members.
func Only(members ...string) *vigilv1.Releasability { return &vigilv1.Releasability{Members: members} }

// Party is a party in role with aliases.
func Party(role vigilv1.PartyRole, name, country string, aliases ...string) *vigilv1.Party {
	return &vigilv1.Party{Role: role, Name: name, Country: country, Aliases: aliases}
}

// EndUser is an end-user with aliases.
func EndUser(name, country string, aliases ...string) *vigilv1.Party {
	return Party(vigilv1.PartyRole_PARTY_ROLE_END_USER, name, country, aliases...)
}

// Entries are control entries with these MTCR codes.
func Entries(codes ...string) []*vigilv1.ControlEntry {
	var out []*vigilv1.ControlEntry
	for _, c := range codes {
		out = append(out, &vigilv1.ControlEntry{MtcrCode: c})
	}
	return out
}

// Denial is a notice of a listed-item denial of entries to destination,
// released as rel.
func Denial(ref, destination string, rel *vigilv1.Releasability, entries []*vigilv1.ControlEntry, parties ...*vigilv1.Party) *vigilv1.DenialNotice {
	return &vigilv1.DenialNotice{Reference: ref, DenialDate: "2026-01-15", Decision: vigilv1.DenialDecision_DENIAL_DECISION_REFUSED,
		Basis: vigilv1.DenialBasis_DENIAL_BASIS_LISTED_ITEM, ControlEntries: entries, DestinationCountry: destination,
		Parties: parties, Releasability: rel, Marking: vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED}
}

// Notified appends member's notification of notice as denial id at at.
func (l *Log) Notified(id, member string, at time.Time, notice *vigilv1.DenialNotice) uint64 {
	l.t.Helper()
	return l.Add(screening.KindDenial, id, member, notice.GetReleasability(), at, &vigilv1.DenialNotified{
		DenialId: id, Notice: notice, NotifiedAt: timestamppb.New(at), ReviewDue: timestamppb.New(at.AddDate(3, 0, 0))})
}

// Reported appends member's report of report as procurement id at at.
func (l *Log) Reported(id, member string, at time.Time, report *vigilv1.ProcurementReport) uint64 {
	l.t.Helper()
	return l.Add(screening.KindProcurement, id, member, report.GetReleasability(), at, &vigilv1.ProcurementReported{
		ReportId: id, Report: report, ReportedAt: timestamppb.New(at)})
}

// Raised appends member's raising of alert id at at.
func (l *Log) Raised(id, member string, at time.Time, alert *vigilv1.BrokeringAlert) uint64 {
	l.t.Helper()
	return l.Add(screening.KindAlert, id, member, alert.GetReleasability(), at, &vigilv1.AlertRaised{
		AlertId: id, Alert: alert, RaisedAt: timestamppb.New(at)})
}
