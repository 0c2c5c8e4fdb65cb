// Package adapters connects the denials service to the event store: the
// repository that folds notices from their streams, the codec between
// domain events and protobuf envelopes, and the index of review dates that
// drives expiry.
package adapters

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/internal/pbnotice"
)

// AggregateType is the stream prefix of denial notices.
const AggregateType = "denial"

// StreamName returns the event-store stream of notice id.
func StreamName(id string) string { return AggregateType + "." + id }

// SchemaVersion is the version of the envelope payloads written here.
const SchemaVersion = 1

// encode turns the events of a change into envelopes.
func encode(c app.Change, newID func() string) ([]eventstore.Event, error) {
	out := make([]eventstore.Event, 0, len(c.Events))
	for i, e := range c.Events {
		env := envelope(c, newID(), uint64(i+1)+c.ExpectedVersion)
		setPayload(env, c.ID, e)
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
		Releasability:    pbnotice.NoticePB(c.Notice).GetReleasability(),
		Marking:          vigilv1.HandlingMarking(c.Notice.Marking),
	}
}

func setPayload(env *vigilv1.EventEnvelope, id string, e domain.Event) {
	switch e := e.(type) {
	case domain.Notified:
		env.Type = "vigil.v1.DenialNotified"
		env.Payload = &vigilv1.EventEnvelope_DenialNotified{DenialNotified: &vigilv1.DenialNotified{
			DenialId: id, Notice: pbnotice.NoticePB(e.Notice),
			NotifiedAt: timestamppb.New(e.NotifiedAt), ReviewDue: timestamppb.New(e.ReviewDue)}}
	case domain.Amended:
		env.Type = "vigil.v1.DenialAmended"
		env.Payload = &vigilv1.EventEnvelope_DenialAmended{DenialAmended: &vigilv1.DenialAmended{
			DenialId: id, Notice: pbnotice.NoticePB(e.Notice), Comment: e.Comment}}
	case domain.Reviewed:
		env.Type = "vigil.v1.DenialReviewed"
		env.Payload = &vigilv1.EventEnvelope_DenialReviewed{DenialReviewed: reviewedPB(id, e)}
	case domain.Acknowledged:
		env.Type = "vigil.v1.DenialAcknowledged"
		env.Payload = &vigilv1.EventEnvelope_DenialAcknowledged{DenialAcknowledged: &vigilv1.DenialAcknowledged{
			DenialId: id, Member: e.Member}}
	case domain.Expired:
		env.Type = "vigil.v1.DenialExpired"
		env.Payload = &vigilv1.EventEnvelope_DenialExpired{DenialExpired: &vigilv1.DenialExpired{
			DenialId: id, ReviewDue: timestamppb.New(e.ReviewDue)}}
	case domain.GrantedDespiteDenial:
		env.Type = "vigil.v1.LicenceGrantedDespiteDenial"
		env.Payload = &vigilv1.EventEnvelope_LicenceGrantedDespiteDenial{LicenceGrantedDespiteDenial: grantedPB(id, e)}
	}
}

func reviewedPB(id string, e domain.Reviewed) *vigilv1.DenialReviewed {
	r := &vigilv1.DenialReviewed{DenialId: id, Outcome: vigilv1.ReviewOutcome(e.Outcome), Comment: e.Comment}
	if e.Notice != nil {
		r.Notice = pbnotice.NoticePB(*e.Notice)
	}
	if !e.ReviewDue.IsZero() {
		r.ReviewDue = timestamppb.New(e.ReviewDue)
	}
	return r
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
	case *vigilv1.EventEnvelope_DenialNotified:
		return domain.Notified{Notice: pbnotice.Notice(p.DenialNotified.GetNotice()),
			NotifiedAt: p.DenialNotified.GetNotifiedAt().AsTime(), ReviewDue: p.DenialNotified.GetReviewDue().AsTime()}, nil
	case *vigilv1.EventEnvelope_DenialAmended:
		return domain.Amended{Notice: pbnotice.Notice(p.DenialAmended.GetNotice()), Comment: p.DenialAmended.GetComment()}, nil
	case *vigilv1.EventEnvelope_DenialReviewed:
		return reviewed(p.DenialReviewed), nil
	case *vigilv1.EventEnvelope_DenialAcknowledged:
		return domain.Acknowledged{Member: p.DenialAcknowledged.GetMember()}, nil
	case *vigilv1.EventEnvelope_DenialExpired:
		return domain.Expired{ReviewDue: p.DenialExpired.GetReviewDue().AsTime()}, nil
	case *vigilv1.EventEnvelope_LicenceGrantedDespiteDenial:
		return granted(p.LicenceGrantedDespiteDenial), nil
	}
	return nil, fmt.Errorf("unexpected payload %T in a denial stream", env.GetPayload())
}

func reviewed(r *vigilv1.DenialReviewed) domain.Reviewed {
	out := domain.Reviewed{Outcome: domain.ReviewOutcome(r.GetOutcome()), Comment: r.GetComment()}
	if r.GetNotice() != nil {
		n := pbnotice.Notice(r.GetNotice())
		out.Notice = &n
	}
	if r.GetReviewDue() != nil {
		out.ReviewDue = r.GetReviewDue().AsTime()
	}
	return out
}
