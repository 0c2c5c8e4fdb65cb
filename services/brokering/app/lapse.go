package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-org/vigil/services/brokering/domain"
)

// DueSource lists open alerts whose response deadline is at or before a
// time and that may still have members to lapse.
type DueSource interface {
	Due(before time.Time) []string
}

// SystemAgency marks events the platform records by itself (lapses), on
// behalf of the originator.
const SystemAgency = "system"

// LapseDue records, for every due alert, one ResponseLapsed per addressed
// member that has not responded by the deadline, and returns how many
// members it lapsed. The system is the actor. Each alert's lapses are
// appended with the expected version, so two passes (even in two
// processes) never lapse a member twice: the loser reloads and finds
// nothing left to lapse.
func (s *Service) LapseDue(ctx context.Context, due DueSource) (int, error) {
	n := 0
	var errs []error
	for _, id := range due.Due(s.now()) {
		lapsed, err := s.lapseOne(ctx, id)
		switch {
		case err == nil:
			n += lapsed
		case errors.Is(err, domain.ErrClosed), errors.Is(err, domain.ErrNotDue), errors.Is(err, domain.ErrNothingToLapse):
		default:
			errs = append(errs, fmt.Errorf("lapse responses of alert %s: %w", id, err))
		}
	}
	return n, errors.Join(errs...)
}

func (s *Service) lapseOne(ctx context.Context, id string) (int, error) {
	for range maxRetries {
		a, err := s.repo.Load(ctx, id)
		if err != nil {
			return 0, err
		}
		now := s.now()
		events, err := domain.Lapse(a, now)
		if err != nil {
			return 0, err
		}
		system := domain.Actor{Member: a.Originator, Agency: SystemAgency}
		_, err = s.repo.Append(ctx, change(a, system, "", now, events))
		if err == nil {
			return len(events), nil
		}
		if !errors.Is(err, ErrWrongVersion) {
			return 0, err
		}
	}
	return 0, ErrConflict
}
