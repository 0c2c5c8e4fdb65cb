package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Respond records the action and outcome of actor, an addressed member.
// Each call with a new request id records a new response; the latest
// counts.
func (s *Service) Respond(ctx context.Context, actor domain.Actor, requestID, id string, r domain.Response) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(a *domain.Alert, _ time.Time) ([]domain.Event, error) {
		return domain.Respond(s.policy, a, actor, r)
	})
}
