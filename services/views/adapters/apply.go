package adapters

import (
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

var deterministic = proto.MarshalOptions{Deterministic: true}

// applyEvent projects one event inside tx. Events at or below the applied
// position are ignored, so redelivery is harmless. Events of other kinds
// only advance the position.
func applyEvent(tx *bolt.Tx, ev eventstore.RecordedEvent) error {
	if ev.Position <= position(tx) {
		return nil
	}
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	if env.GetAggregateType() == "denial" {
		if err := applyDenial(tx, ev, &env); err != nil {
			return fmt.Errorf("project event %d (%s): %w", ev.Position, env.GetType(), err)
		}
	}
	return setPosition(tx, ev.Position)
}

func applyDenial(tx *bolt.Tx, ev eventstore.RecordedEvent, env *vigilv1.EventEnvelope) error {
	id := env.GetAggregateId()
	n, err := getNotice(tx, id)
	if errors.Is(err, ErrNotFound) && env.GetDenialNotified() != nil {
		n, err = &Notice{ID: id, Originator: env.GetOriginator().GetMember(), NotifiedPosition: ev.Position}, nil
	}
	if err != nil {
		return err
	}
	at := env.GetOccurredAt().AsTime()
	if err := change(tx, n, env, at); err != nil {
		return err
	}
	n.UpdatedAt, n.Version = at, env.GetAggregateVersion()
	if err := tx.Bucket(bucketHistory).Put(historyKey(id, ev.Position), ev.Data); err != nil {
		return err
	}
	return putNotice(tx, n)
}

func change(tx *bolt.Tx, n *Notice, env *vigilv1.EventEnvelope, at time.Time) error {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_DenialNotified:
		n.Status, n.NotifiedAt = vigilv1.NoticeStatus_NOTICE_STATUS_ACTIVE, p.DenialNotified.GetNotifiedAt().AsTime()
		n.ReviewDue = p.DenialNotified.GetReviewDue().AsTime()
		if err := tx.Bucket(bucketOwn).Put(indexKey(n.Originator, n.NotifiedPosition, n.ID), nil); err != nil {
			return err
		}
		return setContent(tx, n, p.DenialNotified.GetNotice())
	case *vigilv1.EventEnvelope_DenialAmended:
		return setContent(tx, n, p.DenialAmended.GetNotice())
	case *vigilv1.EventEnvelope_DenialReviewed:
		return review(tx, n, p.DenialReviewed)
	case *vigilv1.EventEnvelope_DenialAcknowledged:
		if n.Acks == nil {
			n.Acks = map[string]time.Time{}
		}
		n.Acks[p.DenialAcknowledged.GetMember()] = at
	case *vigilv1.EventEnvelope_DenialExpired:
		n.Status = vigilv1.NoticeStatus_NOTICE_STATUS_EXPIRED
	}
	return nil
}

func review(tx *bolt.Tx, n *Notice, r *vigilv1.DenialReviewed) error {
	if r.GetOutcome() == vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED {
		n.Status = vigilv1.NoticeStatus_NOTICE_STATUS_REVOKED
	} else {
		n.ReviewDue = r.GetReviewDue().AsTime()
	}
	if r.GetNotice() == nil {
		return nil
	}
	return setContent(tx, n, r.GetNotice())
}

// setContent stores new notice content and moves the inbox index entries
// to the new set of readers.
func setContent(tx *bolt.Tx, n *Notice, content *vigilv1.DenialNotice) error {
	b, err := deterministic.Marshal(content)
	if err != nil {
		return err
	}
	n.Notice = b
	next := readers(content.GetReleasability())
	inbox := tx.Bucket(bucketInbox)
	for _, r := range n.Readers {
		if !slices.Contains(next, r) {
			if err := inbox.Delete(indexKey(r, n.NotifiedPosition, n.ID)); err != nil {
				return err
			}
		}
	}
	for _, r := range next {
		if err := inbox.Put(indexKey(r, n.NotifiedPosition, n.ID), nil); err != nil {
			return err
		}
	}
	n.Readers = next
	return nil
}

// Apply projects a batch of events in one transaction, with the position.
func (s *Store) Apply(evs []eventstore.RecordedEvent) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, ev := range evs {
			if err := applyEvent(tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
}
