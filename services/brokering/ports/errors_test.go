package ports

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

func TestToStatus(t *testing.T) {
	quiet := slog.New(slog.DiscardHandler)
	tests := []struct {
		err  error
		code codes.Code
	}{
		{domain.ErrNotFound, codes.NotFound},
		{domain.ErrNotOriginator, codes.PermissionDenied},
		{domain.ErrNotAddressed, codes.PermissionDenied},
		{domain.ErrAgencyNotAllowed, codes.PermissionDenied},
		{domain.ErrNotMember, codes.PermissionDenied},
		{domain.ErrClosed, codes.FailedPrecondition},
		{domain.ErrAlreadyAcknowledged, codes.AlreadyExists},
		{domain.ErrAlreadyExists, codes.AlreadyExists},
		{domain.ErrStaleVersion, codes.Aborted},
		{app.ErrConflict, codes.Aborted},
		{fmt.Errorf("load: %w", context.Canceled), codes.Canceled},
		{fmt.Errorf("wrapped: %w", domain.ErrClosed), codes.FailedPrecondition},
		{status.Error(codes.Unauthenticated, "no certificate"), codes.Unauthenticated},
		{errors.New("nats: connection closed at 10.0.0.7"), codes.Internal},
	}
	for _, tt := range tests {
		st, _ := status.FromError(toStatus(quiet, tt.err))
		if st.Code() != tt.code {
			t.Errorf("toStatus(%v) = %v, want %v", tt.err, st.Code(), tt.code)
		}
		if tt.code == codes.Internal && strings.Contains(st.Message(), "10.0.0.7") {
			t.Errorf("internal detail leaked: %q", st.Message())
		}
	}
}

func TestToStatus_FieldErrors(t *testing.T) {
	err := model.Prefix("alert", errors.Join(
		model.Invalid("vessel.imo_number", "bad check digit"),
		model.Invalid("route[0].port", "is required")))
	st, _ := status.FromError(toStatus(slog.New(slog.DiscardHandler), err))
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code %v", st.Code())
	}
	var fields []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
	}
	if strings.Join(fields, ",") != "alert.vessel.imo_number,alert.route[0].port" {
		t.Fatalf("violations %v; message %q", fields, st.Message())
	}
}
