package ports

import (
	"fmt"
	"log/slog"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// TestConsultationErrorCodes: every consultation error maps to its code,
// wrapped or not, with the error's own message and nothing more.
func TestConsultationErrorCodes(t *testing.T) {
	tests := []struct {
		err  error
		code codes.Code
	}{
		{domain.ErrConsultationNotFound, codes.NotFound},
		{domain.ErrNotFound, codes.NotFound},
		{domain.ErrNotDenier, codes.PermissionDenied},
		{domain.ErrNotRequester, codes.PermissionDenied},
		{domain.ErrAgencyNotAllowed, codes.PermissionDenied},
		{domain.ErrOwnDenial, codes.FailedPrecondition},
		{domain.ErrNotActive, codes.FailedPrecondition},
		{domain.ErrConsultationEnded, codes.FailedPrecondition},
		{domain.ErrConsultationNotDue, codes.FailedPrecondition},
		{domain.ErrConsultationAcknowledged, codes.AlreadyExists},
		{domain.ErrConsultationExists, codes.AlreadyExists},
		{domain.ErrAlreadyGranted, codes.AlreadyExists},
		{app.ErrConsultationsUnavailable, codes.Unimplemented},
		{model.Invalid("application.parties", "at least one party is required"), codes.InvalidArgument},
	}
	log := slog.New(slog.DiscardHandler)
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			for _, err := range []error{tt.err, fmt.Errorf("consultation 0b1e: %w", tt.err)} {
				st, _ := status.FromError(toStatus(log, err))
				if st.Code() != tt.code || st.Message() != tt.err.Error() {
					t.Fatalf("toStatus(%v) = %v %q, want %v %q", err, st.Code(), st.Message(), tt.code, tt.err.Error())
				}
			}
		})
	}
}
