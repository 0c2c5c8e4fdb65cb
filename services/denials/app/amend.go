package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// Amend replaces the content of actor's own active notice. expected, when
// non-zero, is the version the caller last read.
func (s *Service) Amend(ctx context.Context, actor domain.Actor, requestID, id string, expected uint64, n domain.Notice, comment string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, expected, func(d *domain.Denial, _ time.Time) ([]domain.Event, error) {
		return domain.Amend(s.policy, d, actor, n, comment)
	})
}
