package ports

import (
	"context"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/internal/pbnotice"
)

// RequestConsultation opens a consultation of the member that notified a
// denial the caller can see. NOT_FOUND when the caller cannot see it;
// FAILED_PRECONDITION when it is the caller's own or no longer active.
func (s *Server) RequestConsultation(ctx context.Context, req *vigilv1.RequestConsultationRequest) (*vigilv1.RequestConsultationResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.RequestConsultation(ctx, a, req.GetRequestId(), req.GetDenialId(),
		pbnotice.Application(req.GetApplication()), req.GetQuestion())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.RequestConsultationResponse{Result: result(res)}, nil
}

// AcknowledgeConsultation records the denying member's receipt.
func (s *Server) AcknowledgeConsultation(ctx context.Context, req *vigilv1.AcknowledgeConsultationRequest) (*vigilv1.AcknowledgeConsultationResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.AcknowledgeConsultation(ctx, a, req.GetRequestId(), req.GetConsultationId())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.AcknowledgeConsultationResponse{Result: result(res)}, nil
}

// AnswerConsultation records an answer of the denying member.
func (s *Server) AnswerConsultation(ctx context.Context, req *vigilv1.AnswerConsultationRequest) (*vigilv1.AnswerConsultationResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.AnswerConsultation(ctx, a, req.GetRequestId(), req.GetConsultationId(),
		domain.Answer(req.GetAnswer()), req.GetText())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.AnswerConsultationResponse{Result: result(res)}, nil
}

// CloseConsultation closes a consultation the caller requested.
func (s *Server) CloseConsultation(ctx context.Context, req *vigilv1.CloseConsultationRequest) (*vigilv1.CloseConsultationResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.CloseConsultation(ctx, a, req.GetRequestId(), req.GetConsultationId(), req.GetReason())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.CloseConsultationResponse{Result: result(res)}, nil
}

// ReportGrantedDespiteDenial records, in the denial's history and in the
// consultation, that the caller granted the licence anyway, and why.
func (s *Server) ReportGrantedDespiteDenial(ctx context.Context, req *vigilv1.ReportGrantedDespiteDenialRequest) (*vigilv1.ReportGrantedDespiteDenialResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.ReportGrantedDespiteDenial(ctx, a, req.GetRequestId(), req.GetConsultationId(), req.GetExplanation())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.ReportGrantedDespiteDenialResponse{Result: result(res)}, nil
}
