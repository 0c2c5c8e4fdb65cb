package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Update replaces the content of actor's own open alert. expected, when
// non-zero, is the version the caller last read; a mismatch is
// domain.ErrStaleVersion.
func (s *Service) Update(ctx context.Context, actor domain.Actor, requestID, id string, expected uint64, d domain.Details, comment string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, expected, func(a *domain.Alert, now time.Time) ([]domain.Event, error) {
		return domain.Update(s.policy, a, actor, d, comment, now)
	})
}
