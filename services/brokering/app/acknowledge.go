package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Acknowledge records that actor, an addressed member, received the alert.
func (s *Service) Acknowledge(ctx context.Context, actor domain.Actor, requestID, id string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(a *domain.Alert, _ time.Time) ([]domain.Event, error) {
		return domain.Acknowledge(s.policy, a, actor)
	})
}
