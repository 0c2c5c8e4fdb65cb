package ports

import (
	"bytes"
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
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

func TestToStatus(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want codes.Code
	}{
		{domain.ErrNotFound, codes.NotFound},
		{domain.ErrTargetNotFound, codes.NotFound},
		{domain.ErrNotOriginator, codes.PermissionDenied},
		{domain.ErrNotAddressed, codes.PermissionDenied},
		{domain.ErrAgencyNotAllowed, codes.PermissionDenied},
		{domain.ErrNotMember, codes.PermissionDenied},
		{domain.ErrWithdrawn, codes.FailedPrecondition},
		{domain.ErrAlreadyAcknowledged, codes.AlreadyExists},
		{domain.ErrAlreadyLinked, codes.AlreadyExists},
		{domain.ErrAlreadyExists, codes.AlreadyExists},
		{domain.ErrStaleVersion, codes.Aborted},
		{app.ErrConflict, codes.Aborted},
		{fmt.Errorf("load: %w", context.Canceled), codes.Canceled},
		{context.DeadlineExceeded, codes.DeadlineExceeded},
		{fmt.Errorf("link x: %w", domain.ErrTargetNotFound), codes.NotFound},
		{status.Error(codes.Unavailable, "down"), codes.Unavailable},
	} {
		if got := status.Code(toStatus(slog.New(slog.DiscardHandler), tt.err)); got != tt.want {
			t.Errorf("toStatus(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestToStatus_InternalHidesDetail(t *testing.T) {
	var logged bytes.Buffer
	err := toStatus(slog.New(slog.NewTextHandler(&logged, nil)), errors.New("nats: secret internal detail"))
	st, _ := status.FromError(err)
	if st.Code() != codes.Internal || strings.Contains(st.Message(), "secret") {
		t.Fatalf("internal error leaked: %v", st)
	}
	if !strings.Contains(logged.String(), "secret internal detail") {
		t.Fatalf("internal error not logged: %q", logged.String())
	}
}

func TestToStatus_FieldErrors(t *testing.T) {
	err := errors.Join(model.Invalid("report.reference", "is required"), model.Invalid("report.parties", "name the claimed end-user"))
	st, _ := status.FromError(toStatus(slog.New(slog.DiscardHandler), err))
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code = %v", st.Code())
	}
	var got []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				got = append(got, v.GetField()+": "+v.GetDescription())
			}
		}
	}
	if want := "report.reference: is required|report.parties: name the claimed end-user"; strings.Join(got, "|") != want {
		t.Fatalf("violations %q, want %q", got, want)
	}
}
