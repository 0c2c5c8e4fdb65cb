package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// ReportGrantedDespiteDenial records that the requesting member granted
// the licence of consultation id despite the denial, with the mandatory
// explanation. It writes two events to two streams, which the store cannot
// do atomically:
//
//  1. GrantedDespiteDenial to the denial's stream, with the denial's
//     releasability, so that every member that can see the denial sees it;
//  2. ConsultationClosed (reason domain.GrantedReason) to the consultation.
//
// The denial's event goes first and is recorded once per consultation, so
// a retry (with the same request id, or any other) after a failure between
// the two appends finds it there and completes the close; a retry after
// both returns the first result as a duplicate. The result is that of the
// close, with the position of the later of the two events.
func (s *Service) ReportGrantedDespiteDenial(ctx context.Context, actor domain.Actor, requestID, id, explanation string) (Result, error) {
	if err := validateConsultationRef(id, requestID); err != nil {
		return Result{}, err
	}
	c, err := s.consultations.Load(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r, ok := c.Handled(actor, requestID); ok {
		return grantedBefore(id, r)
	}
	closed, granted, err := domain.GrantDespiteDenial(c, actor, explanation)
	if err != nil {
		return Result{}, err
	}
	recorded, err := s.recordGrant(ctx, c.DenialID, actor, requestID, granted)
	if err != nil {
		return Result{}, err
	}
	// Close the consultation as loaded; only if it changed meanwhile,
	// reload and decide again.
	res, err := s.consultations.Append(ctx, consultationChange(c, actor, requestID, s.now(), []domain.ConsultationEvent{closed}))
	if errors.Is(err, ErrWrongVersion) {
		res, err = s.executeConsultation(ctx, id, actor, requestID, func(c *domain.Consultation, _ time.Time) ([]domain.ConsultationEvent, error) {
			closed, _, err := domain.GrantDespiteDenial(c, actor, explanation)
			if err != nil {
				return nil, err
			}
			return []domain.ConsultationEvent{closed}, nil
		})
	}
	if err != nil {
		return Result{}, err
	}
	res.Position = max(res.Position, recorded.Position)
	return res, nil
}

// recordGrant appends the grant to the denial's stream unless it is
// there already (from this request or an earlier, half-finished one).
func (s *Service) recordGrant(ctx context.Context, denialID string, actor domain.Actor, requestID string, grant domain.GrantedDespiteDenial) (Result, error) {
	for range maxRetries {
		d, err := s.repo.Load(ctx, denialID)
		if err != nil {
			return Result{}, err
		}
		if r, ok := d.Grants[grant.ConsultationID]; ok {
			return duplicate(denialID, r), nil
		}
		if _, ok := d.Handled(actor, requestID); ok {
			// The store would take the append for a retry of that other
			// command and write nothing.
			return Result{}, model.Invalid("request_id", "was used for another command on the denial; use a new one")
		}
		events, err := domain.RecordGrant(d, grant)
		if err != nil {
			return Result{}, err
		}
		res, err := s.repo.Append(ctx, change(d, actor, requestID, s.now(), events))
		if !errors.Is(err, ErrWrongVersion) {
			return res, err
		}
	}
	return Result{}, ErrConflict
}

// grantedBefore returns the result of a retried grant, or refuses a
// request id the member used for another command on the consultation.
func grantedBefore(id string, r domain.ConsultationRecord) (Result, error) {
	if e, ok := r.Event.(domain.ConsultationClosed); ok && e.Reason == domain.GrantedReason {
		return consulted(id, r), nil
	}
	return Result{}, model.Invalid("request_id", "was used for another command on the consultation; use a new one")
}
