package app

import (
	"context"

	"github.com/vigil-org/vigil/services/procurement/domain"
)

// AcknowledgeReport records that actor, a member the report is addressed
// to, received it.
func (s *Service) AcknowledgeReport(ctx context.Context, actor domain.Actor, requestID, id string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(_ context.Context, p *domain.Procurement) ([]domain.Event, error) {
		return domain.Acknowledge(s.policy, p, actor)
	})
}
