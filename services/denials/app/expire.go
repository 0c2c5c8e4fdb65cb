package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// DueSource lists notices whose review date is at or before a time.
type DueSource interface {
	Due(before time.Time) []string
}

// ExpireDue expires every active notice whose review date has passed,
// and returns how many it expired. The system is the actor; the event's
// request id is derived from the review date, so two expiry runs (even in
// two processes) record one expiry.
func (s *Service) ExpireDue(ctx context.Context, due DueSource) (int, error) {
	now := s.now()
	n := 0
	var errs []error
	for _, id := range due.Due(now) {
		err := s.expireOne(ctx, id)
		switch {
		case err == nil:
			n++
		case errors.Is(err, domain.ErrNotActive), errors.Is(err, domain.ErrNotDue):
		default:
			errs = append(errs, fmt.Errorf("expire %s: %w", id, err))
		}
	}
	return n, errors.Join(errs...)
}

func (s *Service) expireOne(ctx context.Context, id string) error {
	for range maxRetries {
		d, err := s.repo.Load(ctx, id)
		if err != nil {
			return err
		}
		events, err := domain.Expire(d, s.now())
		if err != nil {
			return err
		}
		_, err = s.repo.Append(ctx, change(d, domain.Actor{Member: d.Originator, Agency: SystemAgency}, "", s.now(), events))
		if !errors.Is(err, ErrWrongVersion) {
			return err
		}
	}
	return ErrConflict
}

// SystemAgency marks events the platform records by itself (expiry), on
// behalf of the originator.
const SystemAgency = "system"
