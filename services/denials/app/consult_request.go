package app

import (
	"context"
	"errors"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// RequestConsultation opens a consultation by actor of the member that
// notified denial denialID, about application a. The consultation id
// derives from the actor and requestID, so a retry returns the first
// result. Errors: domain.ErrNotFound when the actor cannot see the
// denial, domain.ErrOwnDenial, domain.ErrNotActive, field errors.
//
// The consultation stream is not read first: the append expects it not to
// exist, and only a refusal (by the rules, or because the stream exists)
// reads it to tell a retry from a clash.
func (s *Service) RequestConsultation(ctx context.Context, actor domain.Actor, requestID, denialID string,
	a domain.Application, question string) (Result, error) {
	if err := validateRef(denialID, requestID); err != nil {
		return Result{}, err
	}
	id := ConsultationID(actor.Member, requestID)
	d, err := s.repo.Load(ctx, denialID)
	if err != nil {
		return Result{}, err
	}
	now := s.now()
	events, err := domain.RequestConsultation(s.policy, d, &domain.Consultation{ID: id}, actor, a, question, now)
	if err != nil {
		return s.refusedRequest(ctx, id, actor, requestID, err)
	}
	res, err := s.consultations.Append(ctx, ConsultationChange{ID: id, Actor: actor, RequestID: requestID, At: now,
		Events: events, Members: domain.Parties(actor.Member, d.Originator), Marking: d.Notice.Marking})
	if errors.Is(err, ErrWrongVersion) {
		return s.refusedRequest(ctx, id, actor, requestID, domain.ErrConsultationExists) // lost a race for the stream: a concurrent retry, or a clash
	}
	return res, err
}

// refusedRequest answers a request the rules or the store refused: a retry of a request
// that was accepted gets its first result (the denial may have expired
// since), anything else the refusal.
func (s *Service) refusedRequest(ctx context.Context, id string, actor domain.Actor, requestID string, refusal error) (Result, error) {
	c, err := s.consultations.Load(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r, ok := c.Handled(actor, requestID); ok {
		return consulted(id, r), nil
	}
	return Result{}, refusal
}
