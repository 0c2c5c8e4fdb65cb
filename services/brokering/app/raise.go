package app

import (
	"context"
	"errors"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Raise shares a new alert by actor, a member delegation. The alert id
// derives from the actor and requestID (AlertID), so a retry returns the
// first result with Duplicate set, even if the details would no longer
// validate (a deadline since passed); nothing is appended unless the
// details are valid.
//
// The first attempt reads nothing: it appends to a stream that must not
// exist yet, and only a refusal (invalid details, or the stream exists)
// reads the stream to tell a retry from a clash.
func (s *Service) Raise(ctx context.Context, actor domain.Actor, requestID string, d domain.Details) (Result, error) {
	if err := model.CheckRequestID(requestID); err != nil {
		return Result{}, err
	}
	id := AlertID(actor.Member, requestID)
	now := s.now()
	a := &domain.Alert{ID: id}
	events, err := domain.Raise(s.policy, a, actor, d, now)
	if err != nil {
		return s.refusedRaise(ctx, id, actor, requestID, err)
	}
	res, err := s.repo.Append(ctx, change(a, actor, requestID, now, events))
	if errors.Is(err, ErrWrongVersion) {
		return s.refusedRaise(ctx, id, actor, requestID, domain.ErrAlreadyExists) // lost a race for the stream: a concurrent retry, or a clash
	}
	return res, err
}

// refusedRaise answers a raise the rules or the store refused: a retry of
// a raise that was accepted gets its first result (its details may have
// gone stale since), anything else the refusal.
func (s *Service) refusedRaise(ctx context.Context, id string, actor domain.Actor, requestID string, refusal error) (Result, error) {
	a, err := s.repo.Load(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r, ok := a.Handled(actor, requestID); ok {
		return duplicate(id, r), nil
	}
	return Result{}, refusal
}
