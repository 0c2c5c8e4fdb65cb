package ports

import (
	"context"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
)

// ListConsultations lists the consultations the caller requested or was
// asked, open ones first, overdue first, then by due date. Only the two
// parties ever see a consultation.
func (s *Server) ListConsultations(ctx context.Context, req *vigilv1.ListConsultationsRequest) (*vigilv1.ListConsultationsResponse, error) {
	m, err := member(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.ListConsultations(ctx, app.ConsultationQuery{Member: m, MinPosition: req.GetMinPosition(), OpenOnly: req.GetOpenOnly()})
	if err != nil {
		return nil, s.toStatus(err)
	}
	return &vigilv1.ListConsultationsResponse{Consultations: res.Consultations, Position: res.Position}, nil
}
