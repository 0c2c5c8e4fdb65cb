package app

import (
	"context"
	"time"

	"github.com/vigil-org/vigil/services/denials/domain"
)

// AcknowledgeConsultation records the denying member's receipt of
// consultation id.
func (s *Service) AcknowledgeConsultation(ctx context.Context, actor domain.Actor, requestID, id string) (Result, error) {
	return s.executeConsultation(ctx, id, actor, requestID, func(c *domain.Consultation, _ time.Time) ([]domain.ConsultationEvent, error) {
		return domain.AcknowledgeConsultation(c, actor)
	})
}

// AnswerConsultation records an answer of the denying member. Several
// answers are allowed while the consultation is open; the latest holds.
func (s *Service) AnswerConsultation(ctx context.Context, actor domain.Actor, requestID, id string, a domain.Answer, text string) (Result, error) {
	return s.executeConsultation(ctx, id, actor, requestID, func(c *domain.Consultation, _ time.Time) ([]domain.ConsultationEvent, error) {
		return domain.AnswerConsultation(c, actor, a, text)
	})
}
