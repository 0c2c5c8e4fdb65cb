package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// LapseSource lists consultations awaiting an answer whose due date is at
// or before a time.
type LapseSource interface {
	ConsultationsDue(before time.Time) []string
}

// LapseDue records the lapse of every consultation whose due date has
// passed with no final answer, and returns how many lapsed. The system is
// the actor, on behalf of the requesting member; the domain rule refuses a
// second lapse, so two runs (even in two processes) record one.
func (s *Service) LapseDue(ctx context.Context, due LapseSource) (int, error) {
	n := 0
	var errs []error
	for _, id := range due.ConsultationsDue(s.now()) {
		err := s.lapseOne(ctx, id)
		switch {
		case err == nil:
			n++
		case errors.Is(err, domain.ErrConsultationNotDue):
		default:
			errs = append(errs, fmt.Errorf("lapse consultation %s: %w", id, err))
		}
	}
	return n, errors.Join(errs...)
}

func (s *Service) lapseOne(ctx context.Context, id string) error {
	for range maxRetries {
		c, err := s.consultations.Load(ctx, id)
		if err != nil {
			return err
		}
		now := s.now()
		events, err := domain.LapseConsultation(c, now)
		if err != nil {
			return err
		}
		system := domain.Actor{Member: c.Requester, Agency: SystemAgency}
		_, err = s.consultations.Append(ctx, consultationChange(c, system, "", now, events))
		if !errors.Is(err, ErrWrongVersion) {
			return err
		}
	}
	return ErrConflict
}
