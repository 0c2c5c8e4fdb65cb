// Package testevents appends hand-built item events to an event store for
// the alerts service's tests and benchmark, with envelopes as the command
// services write them (see services/denials/adapters/codec.go): every
// event carries the item's releasability.
package testevents

import (
	"context"
	"fmt"
	"sync"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Log appends events and remembers each item's version and
// releasability. It is safe for concurrent use.
type Log struct {
	store eventstore.Store
	mu    sync.Mutex
	items map[string]item
	seq   int
}

type item struct {
	kind    string
	version uint64
	rel     *vigilv1.Releasability
}

// New returns a log over store.
func New(store eventstore.Store) *Log { return &Log{store: store, items: map[string]item{}} }

// Event is one event to append: the payload and who caused it.
type Event struct {
	Kind, ID   string // aggregate type and id
	Type       string
	Originator string // member
	Agency     string
	// Release, when set, changes the item's releasability.
	Release *vigilv1.Releasability
	Set     func(*vigilv1.EventEnvelope)
}

// Append writes e as the next event of its item and returns its position.
func (l *Log) Append(ctx context.Context, e Event) (uint64, error) {
	env, stream, expected := l.envelope(e)
	data, err := proto.Marshal(env)
	if err != nil {
		return 0, err
	}
	res, err := l.store.Append(ctx, eventstore.AppendRequest{Stream: stream, ExpectedVersion: expected,
		Events: []eventstore.Event{{ID: env.GetEventId(), Type: env.GetType(), Data: data}}})
	if err != nil {
		return 0, fmt.Errorf("append %s: %w", stream, err)
	}
	return res.LastPosition, nil
}

// envelope builds e's envelope and advances the item's version.
func (l *Log) envelope(e Event) (*vigilv1.EventEnvelope, string, int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	it := l.items[e.ID]
	if e.Release != nil {
		it.rel = e.Release
	}
	it.kind = e.Kind
	expected := int64(it.version)
	it.version++
	l.items[e.ID] = it
	l.seq++
	env := &vigilv1.EventEnvelope{
		EventId: fmt.Sprintf("ev-%s-%d-%d", e.ID, it.version, l.seq), Type: e.Type, SchemaVersion: 1,
		AggregateType: e.Kind, AggregateId: e.ID, AggregateVersion: it.version,
		Originator: &vigilv1.Originator{Member: e.Originator, Agency: e.Agency},
		OccurredAt: timestamppb.New(time.Now()), Releasability: it.rel,
		Marking: vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
	e.Set(env)
	return env, e.Kind + "." + e.ID, expected
}

// To releases to the given members; All to every member.
func To(members ...string) *vigilv1.Releasability { return &vigilv1.Releasability{Members: members} }

// All releases to every member.
func All() *vigilv1.Releasability { return &vigilv1.Releasability{AllMembers: true} }

// Party is a party with a name, aliases and a country.
func Party(role vigilv1.PartyRole, name, country string, aliases ...string) *vigilv1.Party {
	return &vigilv1.Party{Role: role, Name: name, Country: country, Aliases: aliases}
}

// Entries are control entries with the given MTCR codes.
func Entries(codes ...string) []*vigilv1.ControlEntry {
	var out []*vigilv1.ControlEntry
	for _, c := range codes {
		out = append(out, &vigilv1.ControlEntry{MtcrCode: c})
	}
	return out
}

// Denial notifies a denial.
func Denial(id, originator string, rel *vigilv1.Releasability, n *vigilv1.DenialNotice) Event {
	n.Releasability = rel
	return Event{Kind: "denial", ID: id, Type: "vigil.v1.DenialNotified", Originator: originator, Release: rel,
		Set: func(env *vigilv1.EventEnvelope) {
			env.Payload = &vigilv1.EventEnvelope_DenialNotified{DenialNotified: &vigilv1.DenialNotified{
				DenialId: id, Notice: n, NotifiedAt: env.GetOccurredAt(), ReviewDue: timestamppb.New(time.Now().AddDate(3, 0, 0))}}
		}}
}

// Report reports a procurement attempt.
func Report(id, originator string, rel *vigilv1.Releasability, r *vigilv1.ProcurementReport) Event {
	r.Releasability = rel
	return Event{Kind: "procurement", ID: id, Type: "vigil.v1.ProcurementReported", Originator: originator, Release: rel,
		Set: func(env *vigilv1.EventEnvelope) {
			env.Payload = &vigilv1.EventEnvelope_ProcurementReported{ProcurementReported: &vigilv1.ProcurementReported{
				ReportId: id, Report: r, ReportedAt: env.GetOccurredAt()}}
		}}
}

// Alert raises a brokering/transit alert.
func Alert(id, originator string, rel *vigilv1.Releasability, a *vigilv1.BrokeringAlert) Event {
	a.Releasability = rel
	return Event{Kind: "alert", ID: id, Type: "vigil.v1.AlertRaised", Originator: originator, Release: rel,
		Set: func(env *vigilv1.EventEnvelope) {
			env.Payload = &vigilv1.EventEnvelope_AlertRaised{AlertRaised: &vigilv1.AlertRaised{
				AlertId: id, Alert: a, RaisedAt: env.GetOccurredAt()}}
		}}
}

// UpdateAlert replaces an alert's content (and releasability).
func UpdateAlert(id, originator string, rel *vigilv1.Releasability, a *vigilv1.BrokeringAlert) Event {
	a.Releasability = rel
	return Event{Kind: "alert", ID: id, Type: "vigil.v1.AlertUpdated", Originator: originator, Release: rel,
		Set: func(env *vigilv1.EventEnvelope) {
			env.Payload = &vigilv1.EventEnvelope_AlertUpdated{AlertUpdated: &vigilv1.AlertUpdated{AlertId: id, Alert: a}}
		}}
}

// Ack acknowledges receipt of an item of kind by member.
func Ack(kind, id, member string) Event {
	types := map[string]string{"denial": "vigil.v1.DenialAcknowledged", "procurement": "vigil.v1.ProcurementAcknowledged", "alert": "vigil.v1.AlertAcknowledged"}
	return Event{Kind: kind, ID: id, Type: types[kind], Originator: member, Set: func(env *vigilv1.EventEnvelope) {
		switch kind {
		case "denial":
			env.Payload = &vigilv1.EventEnvelope_DenialAcknowledged{DenialAcknowledged: &vigilv1.DenialAcknowledged{DenialId: id, Member: member}}
		case "procurement":
			env.Payload = &vigilv1.EventEnvelope_ProcurementAcknowledged{ProcurementAcknowledged: &vigilv1.ProcurementAcknowledged{ReportId: id, Member: member}}
		default:
			env.Payload = &vigilv1.EventEnvelope_AlertAcknowledged{AlertAcknowledged: &vigilv1.AlertAcknowledged{AlertId: id, Member: member}}
		}
	}}
}

// Link links report id to another item, by member.
func Link(id string, to *vigilv1.ItemRef, member string) Event {
	return Event{Kind: "procurement", ID: id, Type: "vigil.v1.ItemLinked", Originator: member, Set: func(env *vigilv1.EventEnvelope) {
		env.Payload = &vigilv1.EventEnvelope_ItemLinked{ItemLinked: &vigilv1.ItemLinked{
			From: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, Id: id}, To: to, LinkedBy: member}}
	}}
}

// Consultation requests a consultation: not an item event.
func Consultation(id, member string) Event {
	return Event{Kind: "consultation", ID: id, Type: "vigil.v1.ConsultationRequested", Originator: member, Set: func(env *vigilv1.EventEnvelope) {
		env.Payload = &vigilv1.EventEnvelope_ConsultationRequested{ConsultationRequested: &vigilv1.ConsultationRequested{}}
	}}
}
