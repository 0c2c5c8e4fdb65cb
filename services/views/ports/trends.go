package ports

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// TrendsServer implements vigilv1.TrendsServiceServer over the views.
type TrendsServer struct {
	vigilv1.UnsafeTrendsServiceServer
	s *Server
}

// NewTrendsServer returns the trends handlers.
func NewTrendsServer(s *Server) *TrendsServer { return &TrendsServer{s: s} }

// GetTrends is being built.
func (t *TrendsServer) GetTrends(context.Context, *vigilv1.GetTrendsRequest) (*vigilv1.GetTrendsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "trends are not available yet")
}

// TopParties is being built.
func (t *TrendsServer) TopParties(context.Context, *vigilv1.TopPartiesRequest) (*vigilv1.TopPartiesResponse, error) {
	return nil, status.Error(codes.Unimplemented, "trends are not available yet")
}

// PartyNetwork is being built.
func (t *TrendsServer) PartyNetwork(context.Context, *vigilv1.PartyNetworkRequest) (*vigilv1.PartyNetworkResponse, error) {
	return nil, status.Error(codes.Unimplemented, "trends are not available yet")
}
