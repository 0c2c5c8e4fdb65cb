package ports

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// ScreeningServer implements vigilv1.ScreeningServiceServer over the views.
type ScreeningServer struct {
	vigilv1.UnsafeScreeningServiceServer
	s *Server
}

// NewScreeningServer returns the screening handlers.
func NewScreeningServer(s *Server) *ScreeningServer { return &ScreeningServer{s: s} }

// Screen is being built.
func (x *ScreeningServer) Screen(context.Context, *vigilv1.ScreenRequest) (*vigilv1.ScreenResponse, error) {
	return nil, status.Error(codes.Unimplemented, "screening is not available yet")
}

// CheckTransaction is being built.
func (x *ScreeningServer) CheckTransaction(context.Context, *vigilv1.CheckTransactionRequest) (*vigilv1.CheckTransactionResponse, error) {
	return nil, status.Error(codes.Unimplemented, "screening is not available yet")
}
