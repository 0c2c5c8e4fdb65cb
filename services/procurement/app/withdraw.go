package app

import (
	"context"

	"github.com/vigil-org/vigil/services/procurement/domain"
)

// WithdrawReport withdraws actor's own active report. The history stays;
// every later change is refused with domain.ErrWithdrawn.
func (s *Service) WithdrawReport(ctx context.Context, actor domain.Actor, requestID, id, reason string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(_ context.Context, p *domain.Procurement) ([]domain.Event, error) {
		return domain.Withdraw(p, actor, reason)
	})
}
