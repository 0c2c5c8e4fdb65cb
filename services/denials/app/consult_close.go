package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// CloseConsultation records that the requesting member closed its open
// consultation id, with an optional reason.
func (s *Service) CloseConsultation(ctx context.Context, actor domain.Actor, requestID, id, reason string) (Result, error) {
	return s.executeConsultation(ctx, id, actor, requestID, func(c *domain.Consultation, _ time.Time) ([]domain.ConsultationEvent, error) {
		return domain.CloseConsultation(c, actor, reason)
	})
}
