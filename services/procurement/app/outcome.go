package app

import (
	"context"

	"github.com/vigil-org/vigil/services/procurement/domain"
)

// RecordOutcome records what became of actor's own active report.
func (s *Service) RecordOutcome(ctx context.Context, actor domain.Actor, requestID, id string,
	outcome domain.Outcome, comment string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(_ context.Context, p *domain.Procurement) ([]domain.Event, error) {
		return domain.RecordOutcome(p, actor, outcome, comment)
	})
}
