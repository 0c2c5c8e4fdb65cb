package ports

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Consultation RPCs are being built; until then they answer UNIMPLEMENTED.

func (s *Server) RequestConsultation(context.Context, *vigilv1.RequestConsultationRequest) (*vigilv1.RequestConsultationResponse, error) {
	return nil, status.Error(codes.Unimplemented, "consultations are not available yet")
}

func (s *Server) AcknowledgeConsultation(context.Context, *vigilv1.AcknowledgeConsultationRequest) (*vigilv1.AcknowledgeConsultationResponse, error) {
	return nil, status.Error(codes.Unimplemented, "consultations are not available yet")
}

func (s *Server) AnswerConsultation(context.Context, *vigilv1.AnswerConsultationRequest) (*vigilv1.AnswerConsultationResponse, error) {
	return nil, status.Error(codes.Unimplemented, "consultations are not available yet")
}

func (s *Server) CloseConsultation(context.Context, *vigilv1.CloseConsultationRequest) (*vigilv1.CloseConsultationResponse, error) {
	return nil, status.Error(codes.Unimplemented, "consultations are not available yet")
}

func (s *Server) ReportGrantedDespiteDenial(context.Context, *vigilv1.ReportGrantedDespiteDenialRequest) (*vigilv1.ReportGrantedDespiteDenialResponse, error) {
	return nil, status.Error(codes.Unimplemented, "consultations are not available yet")
}
