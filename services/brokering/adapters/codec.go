// Package adapters connects the brokering service to the event store: the
// repository that folds alerts from their streams, the codec between
// domain events and protobuf envelopes, and the index of response
// deadlines that drives lapses.
package adapters

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
	"github.com/vigil-org/vigil/services/brokering/internal/pbalert"
)

// AggregateType is the stream prefix of alerts.
const AggregateType = "alert"

// StreamName returns the event-store stream of alert id: "alert.<id>".
func StreamName(id string) string { return AggregateType + "." + id }

// SchemaVersion is the version of the envelope payloads written here.
const SchemaVersion = 1

// encode turns the events of a change into envelopes, numbering their
// aggregate versions after the expected version.
func encode(c app.Change, newID func() string) ([]eventstore.Event, error) {
	out := make([]eventstore.Event, 0, len(c.Events))
	for i, e := range c.Events {
		env := envelope(c, newID(), c.ExpectedVersion+uint64(i+1))
		if err := setPayload(env, c.ID, e); err != nil {
			return nil, err
		}
		data, err := proto.Marshal(env)
		if err != nil {
			return nil, fmt.Errorf("marshal %s: %w", env.GetType(), err)
		}
		out = append(out, eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data})
	}
	return out, nil
}

func envelope(c app.Change, eventID string, version uint64) *vigilv1.EventEnvelope {
	return &vigilv1.EventEnvelope{
		EventId:          eventID,
		SchemaVersion:    SchemaVersion,
		AggregateType:    AggregateType,
		AggregateId:      c.ID,
		AggregateVersion: version,
		Originator:       &vigilv1.Originator{Member: c.Actor.Member, Agency: c.Actor.Agency},
		OccurredAt:       timestamppb.New(c.At),
		CorrelationId:    c.RequestID,
		CausationId:      c.RequestID,
		Releasability:    pbalert.DetailsPB(c.Details).GetReleasability(),
		Marking:          vigilv1.HandlingMarking(c.Details.Marking),
	}
}

func setPayload(env *vigilv1.EventEnvelope, id string, e domain.Event) error {
	switch e := e.(type) {
	case domain.Raised:
		env.Type = "vigil.v1.AlertRaised"
		env.Payload = &vigilv1.EventEnvelope_AlertRaised{AlertRaised: &vigilv1.AlertRaised{
			AlertId: id, Alert: pbalert.DetailsPB(e.Details), RaisedAt: timestamppb.New(e.RaisedAt)}}
	case domain.Updated:
		env.Type = "vigil.v1.AlertUpdated"
		env.Payload = &vigilv1.EventEnvelope_AlertUpdated{AlertUpdated: &vigilv1.AlertUpdated{
			AlertId: id, Alert: pbalert.DetailsPB(e.Details), Comment: e.Comment}}
	case domain.Acknowledged:
		env.Type = "vigil.v1.AlertAcknowledged"
		env.Payload = &vigilv1.EventEnvelope_AlertAcknowledged{AlertAcknowledged: &vigilv1.AlertAcknowledged{
			AlertId: id, Member: e.Member}}
	default:
		return setOutcomePayload(env, id, e)
	}
	return nil
}

func setOutcomePayload(env *vigilv1.EventEnvelope, id string, e domain.Event) error {
	switch e := e.(type) {
	case domain.Responded:
		env.Type = "vigil.v1.AlertResponded"
		env.Payload = &vigilv1.EventEnvelope_AlertResponded{AlertResponded: &vigilv1.AlertResponded{
			AlertId: id, Member: e.Member, Response: pbalert.ResponsePB(e.Response)}}
	case domain.Closed:
		env.Type = "vigil.v1.AlertClosed"
		env.Payload = &vigilv1.EventEnvelope_AlertClosed{AlertClosed: &vigilv1.AlertClosed{AlertId: id, Reason: e.Reason}}
	case domain.ResponseLapsed:
		env.Type = "vigil.v1.AlertResponseLapsed"
		env.Payload = &vigilv1.EventEnvelope_AlertResponseLapsed{AlertResponseLapsed: &vigilv1.AlertResponseLapsed{
			AlertId: id, Member: e.Member, Deadline: timestamppb.New(e.Deadline)}}
	default:
		return fmt.Errorf("encode: unexpected event %T", e)
	}
	return nil
}

// decode turns a stored envelope back into a recorded domain event.
func decode(ev eventstore.RecordedEvent) (domain.Recorded, error) {
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return domain.Recorded{}, fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	e, err := payload(&env)
	if err != nil {
		return domain.Recorded{}, fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	return domain.Recorded{
		Event:     e,
		Actor:     domain.Actor{Member: env.GetOriginator().GetMember(), Agency: env.GetOriginator().GetAgency()},
		At:        env.GetOccurredAt().AsTime(),
		RequestID: env.GetCausationId(),
		Version:   ev.Version,
		Position:  ev.Position,
	}, nil
}

func payload(env *vigilv1.EventEnvelope) (domain.Event, error) {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_AlertRaised:
		return domain.Raised{Details: pbalert.Details(p.AlertRaised.GetAlert()),
			RaisedAt: p.AlertRaised.GetRaisedAt().AsTime()}, nil
	case *vigilv1.EventEnvelope_AlertUpdated:
		return domain.Updated{Details: pbalert.Details(p.AlertUpdated.GetAlert()), Comment: p.AlertUpdated.GetComment()}, nil
	case *vigilv1.EventEnvelope_AlertAcknowledged:
		return domain.Acknowledged{Member: p.AlertAcknowledged.GetMember()}, nil
	case *vigilv1.EventEnvelope_AlertResponded:
		return domain.Responded{Member: p.AlertResponded.GetMember(),
			Response: pbalert.Response(p.AlertResponded.GetResponse())}, nil
	case *vigilv1.EventEnvelope_AlertClosed:
		return domain.Closed{Reason: p.AlertClosed.GetReason()}, nil
	case *vigilv1.EventEnvelope_AlertResponseLapsed:
		return domain.ResponseLapsed{Member: p.AlertResponseLapsed.GetMember(),
			Deadline: p.AlertResponseLapsed.GetDeadline().AsTime()}, nil
	}
	return nil, fmt.Errorf("unexpected payload %T in an alert stream", env.GetPayload())
}
