package adapters_test

import (
	"fmt"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// consT0 is when the test consultations are requested.
var consT0 = time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC)

// consLog builds a log of hand-made envelopes as the denials service
// writes them, numbering positions from 1 and versions per stream.
type consLog struct {
	t        *testing.T
	events   []eventstore.RecordedEvent
	versions map[string]uint64
}

func newConsLog(t *testing.T) *consLog {
	return &consLog{t: t, versions: map[string]uint64{}}
}

// add appends one event of aggregate kind.id by member, releasable to rel,
// and returns its position.
func (l *consLog) add(kind, id, member string, rel *vigilv1.Releasability, at time.Time, payload any) uint64 {
	l.t.Helper()
	stream := kind + "." + id
	l.versions[stream]++
	pos := uint64(len(l.events) + 1)
	env := &vigilv1.EventEnvelope{
		EventId: fmt.Sprintf("event-%d", pos), SchemaVersion: 1, AggregateType: kind, AggregateId: id,
		AggregateVersion: l.versions[stream], Originator: &vigilv1.Originator{Member: member},
		OccurredAt: timestamppb.New(at), Releasability: rel, Marking: vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
	setConsPayload(l.t, env, payload)
	data, err := proto.Marshal(env)
	if err != nil {
		l.t.Fatal(err)
	}
	l.events = append(l.events, eventstore.RecordedEvent{Event: eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data},
		Stream: stream, Version: l.versions[stream], Position: pos, RecordedAt: at})
	return pos
}

func setConsPayload(t *testing.T, env *vigilv1.EventEnvelope, payload any) {
	t.Helper()
	switch p := payload.(type) {
	case *vigilv1.DenialNotified:
		env.Type, env.Payload = "vigil.v1.DenialNotified", &vigilv1.EventEnvelope_DenialNotified{DenialNotified: p}
	case *vigilv1.LicenceGrantedDespiteDenial:
		env.Type, env.Payload = "vigil.v1.LicenceGrantedDespiteDenial", &vigilv1.EventEnvelope_LicenceGrantedDespiteDenial{LicenceGrantedDespiteDenial: p}
	case *vigilv1.ConsultationRequested:
		env.Type, env.Payload = "vigil.v1.ConsultationRequested", &vigilv1.EventEnvelope_ConsultationRequested{ConsultationRequested: p}
	case *vigilv1.ConsultationAcknowledged:
		env.Type, env.Payload = "vigil.v1.ConsultationAcknowledged", &vigilv1.EventEnvelope_ConsultationAcknowledged{ConsultationAcknowledged: p}
	case *vigilv1.ConsultationAnswered:
		env.Type, env.Payload = "vigil.v1.ConsultationAnswered", &vigilv1.EventEnvelope_ConsultationAnswered{ConsultationAnswered: p}
	case *vigilv1.ConsultationClosed:
		env.Type, env.Payload = "vigil.v1.ConsultationClosed", &vigilv1.EventEnvelope_ConsultationClosed{ConsultationClosed: p}
	case *vigilv1.ConsultationLapsed:
		env.Type, env.Payload = "vigil.v1.ConsultationLapsed", &vigilv1.EventEnvelope_ConsultationLapsed{ConsultationLapsed: p}
	default:
		t.Fatalf("unexpected payload %T", payload)
	}
}

// request opens consultation id of denier by requester about denial, due
// after days, requested at consT0.
func (l *consLog) request(id, denial, requester, denier string, days int) uint64 {
	l.t.Helper()
	return l.add("consultation", id, requester, consRel(requester, denier), consT0, &vigilv1.ConsultationRequested{
		ConsultationId: id, DenialId: denial, DenyingMember: denier, RequestingMember: requester,
		Application: &vigilv1.LicenceApplication{Reference: "APP-" + id, DestinationCountry: "IRN",
			ControlEntries: []*vigilv1.ControlEntry{{MtcrCode: "3.A.1"}}},
		Question: "Same end-user?", Due: timestamppb.New(consT0.AddDate(0, 0, days)),
	})
}

// then appends a later event of consultation id, by member, a day after
// consT0.
func (l *consLog) then(id, member, other string, payload any) uint64 {
	l.t.Helper()
	return l.add("consultation", id, member, consRel(member, other), consT0.Add(24*time.Hour), payload)
}

func consRel(a, b string) *vigilv1.Releasability {
	if b < a {
		a, b = b, a
	}
	return &vigilv1.Releasability{Members: []string{a, b}}
}

// consStore opens a fresh views store.
func consStore(t *testing.T) *adapters.Store {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/views.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func consGet(t *testing.T, s *adapters.Store, id string) *adapters.Consultation {
	t.Helper()
	c, err := s.Consultation(id)
	if err != nil {
		t.Fatalf("consultation %s: %v", id, err)
	}
	return c
}
