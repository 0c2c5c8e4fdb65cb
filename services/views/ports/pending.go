package ports

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// ListConsultations is being built; until then it answers UNIMPLEMENTED.
func (s *Server) ListConsultations(context.Context, *vigilv1.ListConsultationsRequest) (*vigilv1.ListConsultationsResponse, error) {
	return nil, status.Error(codes.Unimplemented, "consultations are not available yet")
}
