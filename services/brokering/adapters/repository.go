package adapters

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Repository stores alerts in an event store, one stream each.
type Repository struct {
	store eventstore.Store
}

var _ app.Repository = (*Repository)(nil)

// NewRepository returns a Repository over store.
func NewRepository(store eventstore.Store) *Repository { return &Repository{store: store} }

// Load folds alert id from its stream. A missing stream gives an alert
// that does not exist.
func (r *Repository) Load(ctx context.Context, id string) (*domain.Alert, error) {
	evs, err := r.store.Load(ctx, StreamName(id))
	if errors.Is(err, eventstore.ErrStreamNotFound) {
		return domain.Fold(id, nil), nil
	}
	if err != nil {
		return nil, fmt.Errorf("load alert %s: %w", id, err)
	}
	recs := make([]domain.Recorded, 0, len(evs))
	for _, ev := range evs {
		rec, err := decode(ev)
		if err != nil {
			return nil, fmt.Errorf("load alert %s: %w", id, err)
		}
		recs = append(recs, rec)
	}
	return domain.Fold(id, recs), nil
}

// Append writes a change with the expected version and the change's
// request id as idempotency key. A version mismatch is app.ErrWrongVersion.
func (r *Repository) Append(ctx context.Context, c app.Change) (app.Result, error) {
	events, err := encode(c, uuid.NewString)
	if err != nil {
		return app.Result{}, err
	}
	req := eventstore.AppendRequest{
		Stream:          StreamName(c.ID),
		ExpectedVersion: int64(c.ExpectedVersion),
		RequestID:       requestKey(c),
		Events:          events,
	}
	res, err := r.store.Append(ctx, req)
	if errors.Is(err, eventstore.ErrWrongVersion) {
		return app.Result{}, app.ErrWrongVersion
	}
	if err != nil {
		return app.Result{}, fmt.Errorf("append to alert %s: %w", c.ID, err)
	}
	return app.Result{ID: c.ID, Version: res.Version, Position: res.LastPosition, Duplicate: res.Duplicate}, nil
}

// requestKey scopes a client's request id to the stream and the member,
// so two members (or two alerts) reusing an id never collide. Requests
// with no id are not deduplicated by the store.
func requestKey(c app.Change) string {
	if c.RequestID == "" {
		return ""
	}
	return StreamName(c.ID) + "/" + c.Actor.Member + "/" + c.RequestID
}
