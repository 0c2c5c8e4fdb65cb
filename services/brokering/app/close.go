package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Close closes actor's own open alert. Every later command on it is
// refused with domain.ErrClosed.
func (s *Service) Close(ctx context.Context, actor domain.Actor, requestID, id, reason string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(a *domain.Alert, _ time.Time) ([]domain.Event, error) {
		return domain.Close(s.policy, a, actor, reason)
	})
}
