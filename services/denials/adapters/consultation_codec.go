package adapters

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/internal/pbnotice"
)

// ConsultationType is the stream prefix (and envelope aggregate type) of
// consultations.
const ConsultationType = "consultation"

// ConsultationStream returns the event-store stream of consultation id.
func ConsultationStream(id string) string { return ConsultationType + "." + id }

// encodeConsultation turns the events of a consultation change into
// envelopes releasable to exactly the two parties.
func encodeConsultation(c app.ConsultationChange, newID func() string) ([]eventstore.Event, error) {
	out := make([]eventstore.Event, 0, len(c.Events))
	for i, e := range c.Events {
		env := consultationEnvelope(c, newID(), uint64(i+1)+c.ExpectedVersion)
		setConsultationPayload(env, c.ID, e)
		data, err := proto.Marshal(env)
		if err != nil {
			return nil, fmt.Errorf("marshal %s: %w", env.GetType(), err)
		}
		out = append(out, eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data})
	}
	return out, nil
}

func consultationEnvelope(c app.ConsultationChange, eventID string, version uint64) *vigilv1.EventEnvelope {
	return &vigilv1.EventEnvelope{
		EventId:          eventID,
		SchemaVersion:    SchemaVersion,
		AggregateType:    ConsultationType,
		AggregateId:      c.ID,
		AggregateVersion: version,
		Originator:       &vigilv1.Originator{Member: c.Actor.Member, Agency: c.Actor.Agency},
		OccurredAt:       timestamppb.New(c.At),
		CorrelationId:    c.RequestID,
		CausationId:      c.RequestID,
		Releasability:    &vigilv1.Releasability{Members: c.Members},
		Marking:          vigilv1.HandlingMarking(c.Marking),
	}
}

func setConsultationPayload(env *vigilv1.EventEnvelope, id string, e domain.ConsultationEvent) {
	switch e := e.(type) {
	case domain.ConsultationRequested:
		env.Type = "vigil.v1.ConsultationRequested"
		env.Payload = &vigilv1.EventEnvelope_ConsultationRequested{ConsultationRequested: requestedPB(id, e)}
	case domain.ConsultationAcknowledged:
		env.Type = "vigil.v1.ConsultationAcknowledged"
		env.Payload = &vigilv1.EventEnvelope_ConsultationAcknowledged{ConsultationAcknowledged: &vigilv1.ConsultationAcknowledged{
			ConsultationId: id}}
	case domain.ConsultationAnswered:
		env.Type = "vigil.v1.ConsultationAnswered"
		env.Payload = &vigilv1.EventEnvelope_ConsultationAnswered{ConsultationAnswered: &vigilv1.ConsultationAnswered{
			ConsultationId: id, Answer: vigilv1.ConsultationAnswer(e.Answer), Text: e.Text}}
	case domain.ConsultationClosed:
		env.Type = "vigil.v1.ConsultationClosed"
		env.Payload = &vigilv1.EventEnvelope_ConsultationClosed{ConsultationClosed: &vigilv1.ConsultationClosed{
			ConsultationId: id, Reason: e.Reason}}
	case domain.ConsultationLapsed:
		env.Type = "vigil.v1.ConsultationLapsed"
		env.Payload = &vigilv1.EventEnvelope_ConsultationLapsed{ConsultationLapsed: &vigilv1.ConsultationLapsed{
			ConsultationId: id, Due: timestamppb.New(e.Due)}}
	}
}

func requestedPB(id string, e domain.ConsultationRequested) *vigilv1.ConsultationRequested {
	return &vigilv1.ConsultationRequested{
		ConsultationId: id, DenialId: e.DenialID, DenyingMember: e.Denier, RequestingMember: e.Requester,
		Application: pbnotice.ApplicationPB(e.Application), Question: e.Question, Due: timestamppb.New(e.Due),
	}
}

func grantedPB(id string, e domain.GrantedDespiteDenial) *vigilv1.LicenceGrantedDespiteDenial {
	return &vigilv1.LicenceGrantedDespiteDenial{DenialId: id, ConsultationId: e.ConsultationID,
		GrantingMember: e.Member, Explanation: e.Explanation, ApplicationReference: e.ApplicationReference}
}

func granted(g *vigilv1.LicenceGrantedDespiteDenial) domain.GrantedDespiteDenial {
	return domain.GrantedDespiteDenial{ConsultationID: g.GetConsultationId(), Member: g.GetGrantingMember(),
		Explanation: g.GetExplanation(), ApplicationReference: g.GetApplicationReference()}
}

// decodeConsultation turns a stored envelope back into a recorded
// consultation event.
func decodeConsultation(ev eventstore.RecordedEvent) (domain.ConsultationRecord, error) {
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return domain.ConsultationRecord{}, fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	e, err := consultationPayload(&env)
	if err != nil {
		return domain.ConsultationRecord{}, fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	return domain.ConsultationRecord{
		Event:     e,
		Actor:     domain.Actor{Member: env.GetOriginator().GetMember(), Agency: env.GetOriginator().GetAgency()},
		At:        env.GetOccurredAt().AsTime(),
		RequestID: env.GetCausationId(),
		Version:   ev.Version,
		Position:  ev.Position,
	}, nil
}

func consultationPayload(env *vigilv1.EventEnvelope) (domain.ConsultationEvent, error) {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_ConsultationRequested:
		return requested(p.ConsultationRequested, model.Marking(env.GetMarking())), nil
	case *vigilv1.EventEnvelope_ConsultationAcknowledged:
		return domain.ConsultationAcknowledged{}, nil
	case *vigilv1.EventEnvelope_ConsultationAnswered:
		return domain.ConsultationAnswered{Answer: domain.Answer(p.ConsultationAnswered.GetAnswer()),
			Text: p.ConsultationAnswered.GetText()}, nil
	case *vigilv1.EventEnvelope_ConsultationClosed:
		return domain.ConsultationClosed{Reason: p.ConsultationClosed.GetReason()}, nil
	case *vigilv1.EventEnvelope_ConsultationLapsed:
		return domain.ConsultationLapsed{Due: p.ConsultationLapsed.GetDue().AsTime()}, nil
	}
	return nil, fmt.Errorf("unexpected payload %T in a consultation stream", env.GetPayload())
}

// requested decodes the opening event; the marking travels in the
// envelope, not the payload.
func requested(r *vigilv1.ConsultationRequested, marking model.Marking) domain.ConsultationRequested {
	return domain.ConsultationRequested{
		DenialID: r.GetDenialId(), Denier: r.GetDenyingMember(), Requester: r.GetRequestingMember(),
		Application: pbnotice.Application(r.GetApplication()), Question: r.GetQuestion(),
		Due: r.GetDue().AsTime(), Marking: marking,
	}
}
