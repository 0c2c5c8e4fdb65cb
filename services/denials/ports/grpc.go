package ports

import (
	"context"
	"log/slog"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/internal/pbnotice"
)

// Server implements vigilv1.DenialsServiceServer.
type Server struct {
	vigilv1.UnsafeDenialsServiceServer
	app *app.Service
	log *slog.Logger
}

// NewServer returns the gRPC handlers over the application.
func NewServer(a *app.Service, log *slog.Logger) *Server { return &Server{app: a, log: log} }

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

// NotifyDenial shares a new notice.
func (s *Server) NotifyDenial(ctx context.Context, req *vigilv1.NotifyDenialRequest) (*vigilv1.NotifyDenialResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.Notify(ctx, a, req.GetRequestId(), pbnotice.Notice(req.GetNotice()))
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.NotifyDenialResponse{Result: result(res)}, nil
}

// AmendDenial replaces the content of the caller's notice.
func (s *Server) AmendDenial(ctx context.Context, req *vigilv1.AmendDenialRequest) (*vigilv1.AmendDenialResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.Amend(ctx, a, req.GetRequestId(), req.GetDenialId(), req.GetExpectedVersion(),
		pbnotice.Notice(req.GetNotice()), req.GetComment())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.AmendDenialResponse{Result: result(res)}, nil
}

// ReviewDenial records a review of the caller's notice.
func (s *Server) ReviewDenial(ctx context.Context, req *vigilv1.ReviewDenialRequest) (*vigilv1.ReviewDenialResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var n *domain.Notice
	if req.GetNotice() != nil {
		dn := pbnotice.Notice(req.GetNotice())
		n = &dn
	}
	res, err := s.app.Review(ctx, a, req.GetRequestId(), req.GetDenialId(), req.GetExpectedVersion(),
		domain.ReviewOutcome(req.GetOutcome()), n, req.GetComment())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.ReviewDenialResponse{Result: result(res)}, nil
}

// AcknowledgeDenial records the caller's receipt of a notice.
func (s *Server) AcknowledgeDenial(ctx context.Context, req *vigilv1.AcknowledgeDenialRequest) (*vigilv1.AcknowledgeDenialResponse, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := s.app.Acknowledge(ctx, a, req.GetRequestId(), req.GetDenialId())
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return &vigilv1.AcknowledgeDenialResponse{Result: result(res)}, nil
}
