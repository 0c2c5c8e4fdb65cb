package ports

import (
	"context"
	"log/slog"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
	"github.com/vigil-org/vigil/services/brokering/internal/pbalert"
)

// Server implements vigilv1.BrokeringServiceServer.
type Server struct {
	vigilv1.UnsafeBrokeringServiceServer
	app *app.Service
	log *slog.Logger
}

// NewServer returns the gRPC handlers over the application.
func NewServer(a *app.Service, log *slog.Logger) *Server { return &Server{app: a, log: log} }

// actor is the authenticated caller; Unauthenticated when there is none.
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

// run authenticates the caller, runs cmd and maps its error.
func (s *Server) run(ctx context.Context, cmd func(domain.Actor) (app.Result, error)) (*vigilv1.CommandResult, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	res, err := cmd(a)
	if err != nil {
		return nil, toStatus(s.log, err)
	}
	return result(res), nil
}

// RaiseAlert shares a new alert.
func (s *Server) RaiseAlert(ctx context.Context, req *vigilv1.RaiseAlertRequest) (*vigilv1.RaiseAlertResponse, error) {
	res, err := s.run(ctx, func(a domain.Actor) (app.Result, error) {
		return s.app.Raise(ctx, a, req.GetRequestId(), pbalert.Details(req.GetAlert()))
	})
	if err != nil {
		return nil, err
	}
	return &vigilv1.RaiseAlertResponse{Result: res}, nil
}

// UpdateAlert replaces the content of the caller's own open alert.
func (s *Server) UpdateAlert(ctx context.Context, req *vigilv1.UpdateAlertRequest) (*vigilv1.UpdateAlertResponse, error) {
	res, err := s.run(ctx, func(a domain.Actor) (app.Result, error) {
		return s.app.Update(ctx, a, req.GetRequestId(), req.GetAlertId(), req.GetExpectedVersion(),
			pbalert.Details(req.GetAlert()), req.GetComment())
	})
	if err != nil {
		return nil, err
	}
	return &vigilv1.UpdateAlertResponse{Result: res}, nil
}

// AcknowledgeAlert records the caller's receipt of an alert.
func (s *Server) AcknowledgeAlert(ctx context.Context, req *vigilv1.AcknowledgeAlertRequest) (*vigilv1.AcknowledgeAlertResponse, error) {
	res, err := s.run(ctx, func(a domain.Actor) (app.Result, error) {
		return s.app.Acknowledge(ctx, a, req.GetRequestId(), req.GetAlertId())
	})
	if err != nil {
		return nil, err
	}
	return &vigilv1.AcknowledgeAlertResponse{Result: res}, nil
}

// RespondToAlert records the caller's action and outcome.
func (s *Server) RespondToAlert(ctx context.Context, req *vigilv1.RespondToAlertRequest) (*vigilv1.RespondToAlertResponse, error) {
	res, err := s.run(ctx, func(a domain.Actor) (app.Result, error) {
		return s.app.Respond(ctx, a, req.GetRequestId(), req.GetAlertId(), pbalert.Response(req.GetResponse()))
	})
	if err != nil {
		return nil, err
	}
	return &vigilv1.RespondToAlertResponse{Result: res}, nil
}

// CloseAlert closes the caller's own alert.
func (s *Server) CloseAlert(ctx context.Context, req *vigilv1.CloseAlertRequest) (*vigilv1.CloseAlertResponse, error) {
	res, err := s.run(ctx, func(a domain.Actor) (app.Result, error) {
		return s.app.Close(ctx, a, req.GetRequestId(), req.GetAlertId(), req.GetReason())
	})
	if err != nil {
		return nil, err
	}
	return &vigilv1.CloseAlertResponse{Result: res}, nil
}
