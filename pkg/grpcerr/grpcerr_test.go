package grpcerr_test

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

	"github.com/vigil-org/vigil/pkg/grpcerr"
	"github.com/vigil-org/vigil/pkg/model"
)

var errGone = errors.New("gone")

func TestToStatus(t *testing.T) {
	table := []grpcerr.Mapping{{Err: errGone, Code: codes.NotFound}}
	log := slog.New(slog.DiscardHandler)
	fields := errors.Join(model.Invalid("a", "bad"), fmt.Errorf("wrapped: %w", model.Invalid("b.c", "worse")))
	cases := []struct {
		name string
		err  error
		code codes.Code
		msg  string
	}{
		{"field errors", fields, codes.InvalidArgument, "a: bad; b.c: worse"},
		{"sentinel, wrapped with detail", fmt.Errorf("load 10.0.0.7: %w", errGone), codes.NotFound, "gone"},
		{"context", fmt.Errorf("x: %w", context.DeadlineExceeded), codes.DeadlineExceeded, context.DeadlineExceeded.Error()},
		{"status passes through", status.Error(codes.Unavailable, "later"), codes.Unavailable, "later"},
		{"anything else is internal, detail not sent", errors.New("disk at 10.0.0.7 failed"), codes.Internal, "internal error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := status.Convert(grpcerr.ToStatus(log, table, tc.err))
			if st.Code() != tc.code || st.Message() != tc.msg {
				t.Fatalf("got %v %q, want %v %q", st.Code(), st.Message(), tc.code, tc.msg)
			}
		})
	}
}

func TestInvalidArgumentDetails(t *testing.T) {
	st := status.Convert(grpcerr.InvalidArgument(model.FieldErrors(model.Invalid("notice.reason", "is required"))))
	var br *errdetails.BadRequest
	for _, d := range st.Details() {
		if b, ok := d.(*errdetails.BadRequest); ok {
			br = b
		}
	}
	if br == nil || len(br.GetFieldViolations()) != 1 || br.GetFieldViolations()[0].GetField() != "notice.reason" ||
		!strings.Contains(st.Message(), "notice.reason: is required") {
		t.Fatalf("status %v, details %v", st, br)
	}
}
