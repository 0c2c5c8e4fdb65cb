package app

import (
	"context"
	"fmt"

	"github.com/vigil-org/vigil/services/procurement/domain"
)

// LinkReport links report id to another item: any member that can see
// both may. The link is recorded on the report's stream with the actor as
// linked_by. An item the actor cannot see is domain.ErrTargetNotFound; the
// same link twice is domain.ErrAlreadyLinked.
func (s *Service) LinkReport(ctx context.Context, actor domain.Actor, requestID, id string, to domain.ItemRef, comment string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, 0, func(ctx context.Context, p *domain.Procurement) ([]domain.Event, error) {
		if err := domain.CheckLink(p, actor, to, comment); err != nil {
			return nil, err
		}
		visible, err := s.items.Visible(ctx, to, actor.Member)
		if err != nil {
			return nil, fmt.Errorf("link %s to %s: %w", id, to.ID, err)
		}
		return domain.Link(p, actor, to, comment, visible)
	})
}
