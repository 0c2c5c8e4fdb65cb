package adapters

import (
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// applyPayload changes n by env's payload. Content is replaced, never
// mutated: earlier snapshots keep theirs.
func applyPayload(n *Snapshot, env *vigilv1.EventEnvelope) {
	at := timeOf(env.GetOccurredAt())
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_DenialNotified:
		n.CreatedAt, n.DueAt = timeOf(p.DenialNotified.GetNotifiedAt()), timeOf(p.DenialNotified.GetReviewDue())
		setContent(n, p.DenialNotified.GetNotice())
	case *vigilv1.EventEnvelope_DenialAmended:
		setContent(n, p.DenialAmended.GetNotice())
	case *vigilv1.EventEnvelope_DenialReviewed:
		reviewed(n, p.DenialReviewed)
	case *vigilv1.EventEnvelope_DenialExpired:
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_EXPIRED
	case *vigilv1.EventEnvelope_DenialAcknowledged:
		n.Acks = ack(n.Acks, p.DenialAcknowledged.GetMember(), at)
	default:
		applyReportPayload(n, env, at)
	}
}

func reviewed(n *Snapshot, r *vigilv1.DenialReviewed) {
	if r.GetOutcome() == vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED {
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_REVOKED
	} else if r.GetReviewDue() != nil {
		n.DueAt = r.GetReviewDue().AsTime()
	}
	if r.GetNotice() != nil {
		setContent(n, r.GetNotice())
	}
}

func applyReportPayload(n *Snapshot, env *vigilv1.EventEnvelope, at time.Time) {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_ProcurementReported:
		n.CreatedAt = timeOf(p.ProcurementReported.GetReportedAt())
		setContent(n, p.ProcurementReported.GetReport())
	case *vigilv1.EventEnvelope_ProcurementUpdated:
		setContent(n, p.ProcurementUpdated.GetReport())
	case *vigilv1.EventEnvelope_ProcurementOutcomeRecorded:
		if r, ok := n.Content.(*vigilv1.ProcurementReport); ok {
			r = proto.CloneOf(r)
			r.Outcome = p.ProcurementOutcomeRecorded.GetOutcome()
			n.Content = r
		}
	case *vigilv1.EventEnvelope_ProcurementWithdrawn:
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_WITHDRAWN
	case *vigilv1.EventEnvelope_ProcurementAcknowledged:
		n.Acks = ack(n.Acks, p.ProcurementAcknowledged.GetMember(), at)
	default:
		applyAlertPayload(n, env, at)
	}
}

func applyAlertPayload(n *Snapshot, env *vigilv1.EventEnvelope, at time.Time) {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_AlertRaised:
		n.CreatedAt = timeOf(p.AlertRaised.GetRaisedAt())
		n.DueAt = timeOf(p.AlertRaised.GetAlert().GetResponseDeadline())
		setContent(n, p.AlertRaised.GetAlert())
	case *vigilv1.EventEnvelope_AlertUpdated:
		n.DueAt = timeOf(p.AlertUpdated.GetAlert().GetResponseDeadline())
		setContent(n, p.AlertUpdated.GetAlert())
	case *vigilv1.EventEnvelope_AlertAcknowledged:
		n.Acks = ack(n.Acks, p.AlertAcknowledged.GetMember(), at)
	case *vigilv1.EventEnvelope_AlertClosed:
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_CLOSED
	}
}

// setContent replaces the content and the facts derived from it. The
// message comes from a freshly decoded envelope that nothing else holds.
func setContent(n *Snapshot, content proto.Message) {
	n.Content = content
	withFacts(n.Facts, content)
}

// timeOf is t as a time, the zero time for a missing timestamp (whose
// AsTime would be 1970).
func timeOf(t *timestamppb.Timestamp) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.AsTime()
}
