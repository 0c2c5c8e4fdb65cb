package adapters

import (
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

var deterministic = proto.MarshalOptions{Deterministic: true}

// applyEvent projects one event inside tx. Events at or below the applied
// position are ignored, so redelivery is harmless. Events of unknown kinds
// only advance the position.
func applyEvent(tx *bolt.Tx, ev eventstore.RecordedEvent) error {
	if ev.Position <= position(tx) {
		return nil
	}
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return fmt.Errorf("decode event %d: %w", ev.Position, err)
	}
	var err error
	switch {
	case isItemKind(env.GetAggregateType()):
		err = applyItemEvent(tx, ev, &env)
	case env.GetAggregateType() == "consultation":
		err = applyConsultation(tx, ev, &env)
	}
	if err != nil {
		return fmt.Errorf("project event %d (%s): %w", ev.Position, env.GetType(), err)
	}
	return setPosition(tx, ev.Position)
}

// isItemKind reports whether aggregate type k is a shared item's.
func isItemKind(k string) bool { return pbconv.ItemKindPB(k) != vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED }

func applyItemEvent(tx *bolt.Tx, ev eventstore.RecordedEvent, env *vigilv1.EventEnvelope) error {
	id := env.GetAggregateId()
	n, err := getItem(tx, id)
	if errors.Is(err, ErrNotFound) && env.GetAggregateVersion() == 1 {
		n, err = &Item{Kind: env.GetAggregateType(), ID: id, Originator: env.GetOriginator().GetMember(),
			CreatedPosition: ev.Position, Status: vigilv1.ItemStatus_ITEM_STATUS_ACTIVE}, nil
	}
	if err != nil {
		return err
	}
	if err := changeItem(tx, n, env); err != nil {
		return err
	}
	n.UpdatedAt, n.Version = env.GetOccurredAt().AsTime(), env.GetAggregateVersion()
	if err := tx.Bucket(bucketHistory).Put(historyKey(id, ev.Position), ev.Data); err != nil {
		return err
	}
	return putItem(tx, n)
}

// setContent stores new content, moves the inbox index entries to the new
// readers, and indexes a new item under its originator.
func setContent(tx *bolt.Tx, n *Item, content proto.Message, rel *vigilv1.Releasability) error {
	b, err := deterministic.Marshal(content)
	if err != nil {
		return err
	}
	if n.Content == nil {
		if err := tx.Bucket(bucketOwn).Put(indexKey(n.Originator, n.CreatedPosition, n.ID), nil); err != nil {
			return err
		}
	}
	n.Content = b
	next := readers(rel)
	inbox := tx.Bucket(bucketInbox)
	for _, r := range n.Readers {
		if !slices.Contains(next, r) {
			if err := inbox.Delete(indexKey(r, n.CreatedPosition, n.ID)); err != nil {
				return err
			}
		}
	}
	for _, r := range next {
		if err := inbox.Put(indexKey(r, n.CreatedPosition, n.ID), nil); err != nil {
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
