package app

import (
	"context"

	"github.com/vigil-org/vigil/services/procurement/domain"
)

// UpdateReport replaces the content of actor's own active report.
// expected, when non-zero, is the version the caller last read; a
// mismatch is domain.ErrStaleVersion.
func (s *Service) UpdateReport(ctx context.Context, actor domain.Actor, requestID, id string, expected uint64,
	rep domain.Report, comment string) (Result, error) {
	return s.execute(ctx, id, actor, requestID, expected, func(_ context.Context, p *domain.Procurement) ([]domain.Event, error) {
		return domain.Update(s.policy, p, actor, rep, comment)
	})
}
