package adapters

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// Repository stores procurement reports in an event store, one stream
// each ("procurement.<id>").
type Repository struct {
	store eventstore.Store
}

var _ app.Repository = (*Repository)(nil)

// NewRepository returns a Repository over store.
func NewRepository(store eventstore.Store) *Repository { return &Repository{store: store} }

// Load folds report id from its stream. A missing stream gives a report
// that does not exist.
func (r *Repository) Load(ctx context.Context, id string) (*domain.Procurement, error) {
	recs, err := eventstore.LoadDecoded(ctx, r.store, StreamName(id), decode)
	if err != nil {
		return nil, err
	}
	return domain.Fold(id, recs), nil
}

// Append writes a change with the expected version and the change's
// request id as idempotency key. A version mismatch is
// app.ErrWrongVersion.
func (r *Repository) Append(ctx context.Context, c app.Change) (app.Result, error) {
	events, err := encode(c, uuid.NewString)
	if err != nil {
		return app.Result{}, err
	}
	req := eventstore.AppendRequest{
		Stream:          StreamName(c.ID),
		ExpectedVersion: int64(c.ExpectedVersion),
		RequestID:       eventstore.RequestKey(StreamName(c.ID), c.Actor.ID(), c.RequestID),
		Events:          events,
	}
	res, err := r.store.Append(ctx, req)
	if errors.Is(err, eventstore.ErrWrongVersion) {
		return app.Result{}, app.ErrWrongVersion
	}
	if err != nil {
		return app.Result{}, fmt.Errorf("append to procurement %s: %w", c.ID, err)
	}
	return app.Result{ID: c.ID, Version: res.Version, Position: res.LastPosition, Duplicate: res.Duplicate}, nil
}
