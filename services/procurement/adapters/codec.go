// Package adapters connects the procurement service to the event store:
// the repository that folds reports from their streams, the codec between
// domain events and protobuf envelopes, and the item index that answers
// whether a member can see the other end of a link.
package adapters

import (
	"fmt"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
	"github.com/vigil-org/vigil/services/procurement/internal/pbreport"
)

// AggregateType is the stream prefix of procurement reports.
const AggregateType = "procurement"

// StreamName returns the event-store stream of report id.
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

// envelope carries the metadata of one event, with the releasability and
// marking of the report after the change.
func envelope(c app.Change, eventID string, version uint64) *vigilv1.EventEnvelope {
	pb := pbreport.ReportPB(c.Report)
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
		Releasability:    pb.GetReleasability(),
		Marking:          pb.GetMarking(),
	}
}

func setPayload(env *vigilv1.EventEnvelope, id string, e domain.Event) {
	switch e := e.(type) {
	case domain.Reported:
		env.Type = "vigil.v1.ProcurementReported"
		env.Payload = &vigilv1.EventEnvelope_ProcurementReported{ProcurementReported: &vigilv1.ProcurementReported{
			ReportId: id, Report: pbreport.ReportPB(e.Report), ReportedAt: timestamppb.New(e.ReportedAt)}}
	case domain.Updated:
		env.Type = "vigil.v1.ProcurementUpdated"
		env.Payload = &vigilv1.EventEnvelope_ProcurementUpdated{ProcurementUpdated: &vigilv1.ProcurementUpdated{
			ReportId: id, Report: pbreport.ReportPB(e.Report), Comment: e.Comment}}
	case domain.OutcomeRecorded:
		env.Type = "vigil.v1.ProcurementOutcomeRecorded"
		env.Payload = &vigilv1.EventEnvelope_ProcurementOutcomeRecorded{ProcurementOutcomeRecorded: &vigilv1.ProcurementOutcomeRecorded{
			ReportId: id, Outcome: vigilv1.ProcurementOutcome(e.Outcome), Comment: e.Comment}}
	case domain.Withdrawn:
		env.Type = "vigil.v1.ProcurementWithdrawn"
		env.Payload = &vigilv1.EventEnvelope_ProcurementWithdrawn{ProcurementWithdrawn: &vigilv1.ProcurementWithdrawn{
			ReportId: id, Reason: e.Reason}}
	default:
		setRelationPayload(env, id, e)
	}
}

// setRelationPayload encodes the events other members record on a report.
func setRelationPayload(env *vigilv1.EventEnvelope, id string, e domain.Event) {
	switch e := e.(type) {
	case domain.Linked:
		env.Type = "vigil.v1.ItemLinked"
		env.Payload = &vigilv1.EventEnvelope_ItemLinked{ItemLinked: &vigilv1.ItemLinked{
			From:     pbreport.ItemRefPB(domain.ItemRef{Kind: domain.KindProcurement, ID: id}),
			To:       pbreport.ItemRefPB(e.To),
			LinkedBy: e.By, Comment: e.Comment}}
	case domain.Acknowledged:
		env.Type = "vigil.v1.ProcurementAcknowledged"
		env.Payload = &vigilv1.EventEnvelope_ProcurementAcknowledged{ProcurementAcknowledged: &vigilv1.ProcurementAcknowledged{
			ReportId: id, Member: e.Member}}
	}
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
	case *vigilv1.EventEnvelope_ProcurementReported:
		return domain.Reported{Report: pbreport.Report(p.ProcurementReported.GetReport()),
			ReportedAt: p.ProcurementReported.GetReportedAt().AsTime()}, nil
	case *vigilv1.EventEnvelope_ProcurementUpdated:
		return domain.Updated{Report: pbreport.Report(p.ProcurementUpdated.GetReport()), Comment: p.ProcurementUpdated.GetComment()}, nil
	case *vigilv1.EventEnvelope_ProcurementOutcomeRecorded:
		return domain.OutcomeRecorded{Outcome: domain.Outcome(p.ProcurementOutcomeRecorded.GetOutcome()),
			Comment: p.ProcurementOutcomeRecorded.GetComment()}, nil
	case *vigilv1.EventEnvelope_ProcurementWithdrawn:
		return domain.Withdrawn{Reason: p.ProcurementWithdrawn.GetReason()}, nil
	case *vigilv1.EventEnvelope_ItemLinked:
		return domain.Linked{To: pbreport.ItemRef(p.ItemLinked.GetTo()), By: p.ItemLinked.GetLinkedBy(),
			Comment: p.ItemLinked.GetComment()}, nil
	case *vigilv1.EventEnvelope_ProcurementAcknowledged:
		return domain.Acknowledged{Member: p.ProcurementAcknowledged.GetMember()}, nil
	}
	return nil, fmt.Errorf("unexpected payload %T in a procurement stream", env.GetPayload())
}
