package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// Review records the review of actor's own active notice: renewed, amended
// (n is the new content) or revoked.
func (s *Service) Review(ctx context.Context, actor domain.Actor, requestID, id string, expected uint64,
	outcome domain.ReviewOutcome, n *domain.Notice, comment string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, expected, func(d *domain.Denial, now time.Time) ([]domain.Event, error) {
		return domain.Review(s.policy, d, actor, outcome, n, comment, now)
	})
}
