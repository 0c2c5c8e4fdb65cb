package app

import (
	"context"
	"errors"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// ReportAttempt shares a new procurement-attempt report by actor, a member
// delegation. The report id derives from the actor and requestID, so a
// retry returns the first result (Duplicate set). Invalid input is
// reported as *model.FieldError values under "report." and appends
// nothing.
func (s *Service) ReportAttempt(ctx context.Context, actor domain.Actor, requestID string, rep domain.Report) (Result, error) {
	if err := model.CheckRequestID(requestID); err != nil {
		return Result{}, err
	}
	id := ReportID(actor.Member, requestID)
	now := s.now()
	events, err := domain.ReportAttempt(s.policy, &domain.Procurement{ID: id}, actor, rep, now)
	if err != nil {
		return Result{}, err
	}
	c := Change{ID: id, Actor: actor, RequestID: requestID, At: now, Events: events, Report: rep}
	res, err := s.repo.Append(ctx, c)
	if errors.Is(err, ErrWrongVersion) {
		return s.reportedBefore(ctx, id, actor, requestID)
	}
	return res, err
}

// reportedBefore resolves a report whose stream already exists: a retry of
// the same request, or a clash.
func (s *Service) reportedBefore(ctx context.Context, id string, actor domain.Actor, requestID string) (Result, error) {
	p, err := s.repo.Load(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r, ok := p.Handled(actor, requestID); ok {
		return duplicate(id, r), nil
	}
	return Result{}, domain.ErrAlreadyExists
}
