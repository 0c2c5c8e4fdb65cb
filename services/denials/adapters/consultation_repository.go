package adapters

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// ConsultationRepository stores consultations in an event store, one
// stream each ("consultation.<id>").
type ConsultationRepository struct {
	store eventstore.Store
}

var _ app.ConsultationRepository = (*ConsultationRepository)(nil)

// NewConsultationRepository returns a ConsultationRepository over store.
func NewConsultationRepository(store eventstore.Store) *ConsultationRepository {
	return &ConsultationRepository{store: store}
}

// Load folds consultation id from its stream. A missing stream gives a
// consultation that does not exist.
func (r *ConsultationRepository) Load(ctx context.Context, id string) (*domain.Consultation, error) {
	recs, err := eventstore.LoadDecoded(ctx, r.store, ConsultationStream(id), decodeConsultation)
	if err != nil {
		return nil, err
	}
	return domain.FoldConsultation(id, recs), nil
}

// Append writes a change with the expected version and the change's
// request id, scoped to the stream and member, as idempotency key.
func (r *ConsultationRepository) Append(ctx context.Context, c app.ConsultationChange) (app.Result, error) {
	events, err := encodeConsultation(c, uuid.NewString)
	if err != nil {
		return app.Result{}, err
	}
	req := eventstore.AppendRequest{
		Stream:          ConsultationStream(c.ID),
		ExpectedVersion: int64(c.ExpectedVersion),
		RequestID:       eventstore.RequestKey(ConsultationStream(c.ID), c.Actor.ID(), c.RequestID),
		Events:          events,
	}
	res, err := r.store.Append(ctx, req)
	if errors.Is(err, eventstore.ErrWrongVersion) {
		return app.Result{}, app.ErrWrongVersion
	}
	if err != nil {
		return app.Result{}, fmt.Errorf("append to consultation %s: %w", c.ID, err)
	}
	return app.Result{ID: c.ID, Version: res.Version, Position: res.LastPosition, Duplicate: res.Duplicate}, nil
}
