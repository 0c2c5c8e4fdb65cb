package adapters

import (
	"time"

	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// changeItem applies one event's payload to an item.
func changeItem(tx *bolt.Tx, n *Item, env *vigilv1.EventEnvelope) error {
	at := env.GetOccurredAt().AsTime()
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_DenialNotified:
		n.CreatedAt, n.DueAt = p.DenialNotified.GetNotifiedAt().AsTime(), p.DenialNotified.GetReviewDue().AsTime()
		return setContent(tx, n, p.DenialNotified.GetNotice(), p.DenialNotified.GetNotice().GetReleasability())
	case *vigilv1.EventEnvelope_DenialAmended:
		return setContent(tx, n, p.DenialAmended.GetNotice(), p.DenialAmended.GetNotice().GetReleasability())
	case *vigilv1.EventEnvelope_DenialReviewed:
		return review(tx, n, p.DenialReviewed)
	case *vigilv1.EventEnvelope_DenialAcknowledged:
		n.ack(p.DenialAcknowledged.GetMember(), at)
	case *vigilv1.EventEnvelope_DenialExpired:
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_EXPIRED
	default:
		return changeReportOrAlert(tx, n, env, at)
	}
	return nil
}

func review(tx *bolt.Tx, n *Item, r *vigilv1.DenialReviewed) error {
	if r.GetOutcome() == vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED {
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_REVOKED
	} else {
		n.DueAt = r.GetReviewDue().AsTime()
	}
	if r.GetNotice() == nil {
		return nil
	}
	return setContent(tx, n, r.GetNotice(), r.GetNotice().GetReleasability())
}

func changeReportOrAlert(tx *bolt.Tx, n *Item, env *vigilv1.EventEnvelope, at time.Time) error {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_ProcurementReported:
		n.CreatedAt = p.ProcurementReported.GetReportedAt().AsTime()
		return setContent(tx, n, p.ProcurementReported.GetReport(), p.ProcurementReported.GetReport().GetReleasability())
	case *vigilv1.EventEnvelope_ProcurementUpdated:
		return setContent(tx, n, p.ProcurementUpdated.GetReport(), p.ProcurementUpdated.GetReport().GetReleasability())
	case *vigilv1.EventEnvelope_ProcurementOutcomeRecorded:
		return setOutcome(n, p.ProcurementOutcomeRecorded.GetOutcome())
	case *vigilv1.EventEnvelope_ProcurementWithdrawn:
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_WITHDRAWN
	case *vigilv1.EventEnvelope_ProcurementAcknowledged:
		n.ack(p.ProcurementAcknowledged.GetMember(), at)
	case *vigilv1.EventEnvelope_ItemLinked:
		return link(tx, n, p.ItemLinked, at)
	default:
		return changeAlert(tx, n, env, at)
	}
	return nil
}

func changeAlert(tx *bolt.Tx, n *Item, env *vigilv1.EventEnvelope, at time.Time) error {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_AlertRaised:
		a := p.AlertRaised.GetAlert()
		n.CreatedAt, n.DueAt = p.AlertRaised.GetRaisedAt().AsTime(), a.GetResponseDeadline().AsTime()
		return setContent(tx, n, a, a.GetReleasability())
	case *vigilv1.EventEnvelope_AlertUpdated:
		a := p.AlertUpdated.GetAlert()
		n.DueAt = a.GetResponseDeadline().AsTime()
		return setContent(tx, n, a, a.GetReleasability())
	case *vigilv1.EventEnvelope_AlertAcknowledged:
		n.ack(p.AlertAcknowledged.GetMember(), at)
	case *vigilv1.EventEnvelope_AlertResponded:
		return respond(n, p.AlertResponded, at)
	case *vigilv1.EventEnvelope_AlertClosed:
		n.Status = vigilv1.ItemStatus_ITEM_STATUS_CLOSED
	case *vigilv1.EventEnvelope_AlertResponseLapsed:
		if n.Lapsed == nil {
			n.Lapsed = map[string]time.Time{}
		}
		n.Lapsed[p.AlertResponseLapsed.GetMember()] = at
	}
	return nil
}

func setOutcome(n *Item, o vigilv1.ProcurementOutcome) error {
	r := &vigilv1.ProcurementReport{}
	if err := proto.Unmarshal(n.Content, r); err != nil {
		return err
	}
	r.Outcome = o
	b, err := deterministic.Marshal(r)
	n.Content = b
	return err
}

func respond(n *Item, r *vigilv1.AlertResponded, at time.Time) error {
	b, err := deterministic.Marshal(r.GetResponse())
	if err != nil {
		return err
	}
	if n.Responses == nil {
		n.Responses = map[string]Response{}
	}
	n.Responses[r.GetMember()] = Response{At: at, Response: b}
	return nil
}

// link records a link on this item and, when it is projected, on the
// other end.
func link(tx *bolt.Tx, n *Item, l *vigilv1.ItemLinked, at time.Time) error {
	other := l.GetTo()
	if other.GetId() == n.ID {
		other = l.GetFrom()
	}
	n.Links = append(n.Links, Link{OtherKind: pbconv.ItemKind(other.GetKind()), OtherID: other.GetId(), By: l.GetLinkedBy(), At: at, Comment: l.GetComment()})
	o, err := getItem(tx, other.GetId())
	if err != nil {
		return nil //nolint:nilerr // the other end is not projected (yet): the link lives on this side
	}
	o.Links = append(o.Links, Link{OtherKind: n.Kind, OtherID: n.ID, By: l.GetLinkedBy(), At: at, Comment: l.GetComment()})
	return putItem(tx, o)
}
