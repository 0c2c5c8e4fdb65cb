package adapters

import (
	"context"
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// Items answers whether a member can see a shared item by reading the
// item's stream ("denial.<id>" or "procurement.<id>") from the event
// store: the originator is the member of the first envelope, the
// releasability that of the last one.
type Items struct {
	store eventstore.Store
}

var _ app.Items = (*Items)(nil)

// NewItems returns an Items over store.
func NewItems(store eventstore.Store) *Items { return &Items{store: store} }

// Visible reports whether member can see the item ref. An item of an
// unknown kind, or with no stream, is not visible; an error means the
// store could not be read or an envelope not decoded.
func (x *Items) Visible(ctx context.Context, ref domain.ItemRef, member string) (bool, error) {
	kind := pbconv.ItemKind(vigilv1.ItemKind(ref.Kind))
	if kind == "" || model.CheckID("id", ref.ID) != nil {
		return false, nil
	}
	stream := kind + "." + ref.ID
	evs, err := x.store.Load(ctx, stream)
	if errors.Is(err, eventstore.ErrStreamNotFound) || (err == nil && len(evs) == 0) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load %s: %w", stream, err)
	}
	return visibleIn(evs, member)
}

// visibleIn decides visibility from the envelopes of a non-empty stream.
func visibleIn(evs []eventstore.RecordedEvent, member string) (bool, error) {
	first, err := envelopeOf(evs[0])
	if err != nil {
		return false, err
	}
	last, err := envelopeOf(evs[len(evs)-1])
	if err != nil {
		return false, err
	}
	originator := first.GetOriginator().GetMember()
	return pbconv.Releasability(last.GetReleasability()).VisibleTo(member, originator), nil
}

func envelopeOf(ev eventstore.RecordedEvent) (*vigilv1.EventEnvelope, error) {
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		return nil, fmt.Errorf("decode %s event %d: %w", ev.Stream, ev.Version, err)
	}
	return &env, nil
}
