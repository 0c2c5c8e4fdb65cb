package ports

import (
	"context"
	"log/slog"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
	"github.com/vigil-org/vigil/services/procurement/internal/pbreport"
)

// Server implements vigilv1.ProcurementServiceServer.
type Server struct {
	vigilv1.UnsafeProcurementServiceServer
	app *app.Service
	log *slog.Logger
}

var _ vigilv1.ProcurementServiceServer = (*Server)(nil)

// NewServer returns the gRPC handlers over the application.
func NewServer(a *app.Service, log *slog.Logger) *Server { return &Server{app: a, log: log} }

// actor is the authenticated caller; Unauthenticated without one.
func actor(ctx context.Context) (domain.Actor, error) {
	p, ok := identity.FromContext(ctx)
	if !ok {
		return domain.Actor{}, status.Error(codes.Unauthenticated, "no client certificate")
	}
	return domain.Actor{Member: p.Member, Agency: p.Agency}, nil
}

func result(r app.Result) *vigilv1.CommandResult {
	return &vigilv1.CommandResult{Id: r.ID, Version: r.Version, Position: r.Position, Duplicate: r.Duplicate}
}

// ReportAttempt shares a new report.
func (s *Server) ReportAttempt(ctx context.Context, req *vigilv1.ReportAttemptRequest) (*vigilv1.ReportAttemptResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.ReportAttempt(ctx, a, req.GetRequestId(), pbreport.Report(req.GetReport()))
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.ReportAttemptResponse{Result: result(res)}, nil
}

// UpdateReport replaces the content of the caller's own report.
func (s *Server) UpdateReport(ctx context.Context, req *vigilv1.UpdateReportRequest) (*vigilv1.UpdateReportResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.UpdateReport(ctx, a, req.GetRequestId(), req.GetReportId(), req.GetExpectedVersion(),
		pbreport.Report(req.GetReport()), req.GetComment())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.UpdateReportResponse{Result: result(res)}, nil
}

// RecordOutcome records the outcome of the caller's own report.
func (s *Server) RecordOutcome(ctx context.Context, req *vigilv1.RecordOutcomeRequest) (*vigilv1.RecordOutcomeResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.RecordOutcome(ctx, a, req.GetRequestId(), req.GetReportId(),
		domain.Outcome(req.GetOutcome()), req.GetComment())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.RecordOutcomeResponse{Result: result(res)}, nil
}

// WithdrawReport withdraws the caller's own report.
func (s *Server) WithdrawReport(ctx context.Context, req *vigilv1.WithdrawReportRequest) (*vigilv1.WithdrawReportResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.WithdrawReport(ctx, a, req.GetRequestId(), req.GetReportId(), req.GetReason())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.WithdrawReportResponse{Result: result(res)}, nil
}

// LinkReport links a report to another report or a denial notice.
func (s *Server) LinkReport(ctx context.Context, req *vigilv1.LinkReportRequest) (*vigilv1.LinkReportResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.LinkReport(ctx, a, req.GetRequestId(), req.GetReportId(),
		pbreport.ItemRef(req.GetTo()), req.GetComment())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.LinkReportResponse{Result: result(res)}, nil
}

// AcknowledgeReport records the caller's receipt of a report.
func (s *Server) AcknowledgeReport(ctx context.Context, req *vigilv1.AcknowledgeReportRequest) (*vigilv1.AcknowledgeReportResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.AcknowledgeReport(ctx, a, req.GetRequestId(), req.GetReportId())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.AcknowledgeReportResponse{Result: result(res)}, nil
}
