package app

import (
	"context"
	"errors"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// Notify shares a new denial notification by actor. The notice id derives
// from the actor and requestID, so a retry returns the first result.
func (s *Service) Notify(ctx context.Context, actor domain.Actor, requestID string, n domain.Notice) (Result, error) {
	if err := model.CheckRequestID(requestID); err != nil {
		return Result{}, err
	}
	id := NoticeID(actor.Member, requestID)
	now := s.now()
	events, err := domain.Notify(s.policy, &domain.Denial{ID: id}, actor, n, now)
	if err != nil {
		return Result{}, err
	}
	c := Change{ID: id, Actor: actor, RequestID: requestID, At: now, Events: events, Notice: n}
	res, err := s.repo.Append(ctx, c)
	if errors.Is(err, ErrWrongVersion) {
		return s.notifiedBefore(ctx, id, actor, requestID)
	}
	return res, err
}

// notifiedBefore resolves a notification whose stream already exists: a
// retry of the same request, or a clash.
func (s *Service) notifiedBefore(ctx context.Context, id string, actor domain.Actor, requestID string) (Result, error) {
	d, err := s.repo.Load(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r, ok := d.Handled(actor, requestID); ok {
		return duplicate(id, r), nil
	}
	return Result{}, domain.ErrAlreadyExists
}
