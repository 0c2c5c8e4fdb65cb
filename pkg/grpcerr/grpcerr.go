// Package grpcerr maps application errors to gRPC status errors, the same
// way in every service: field errors (model.FieldError) become
// InvalidArgument naming every bad field, with BadRequest details; the
// sentinel errors a service lists map to their codes; context errors to
// Canceled and DeadlineExceeded; anything else to Internal, whose detail
// is logged and never sent.
package grpcerr

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/model"
)

// Mapping is one sentinel error and its code.
type Mapping struct {
	Err  error
	Code codes.Code
}

var contextCodes = []Mapping{
	{Err: context.Canceled, Code: codes.Canceled},
	{Err: context.DeadlineExceeded, Code: codes.DeadlineExceeded},
}

// ToStatus converts err with the service's table. The message of a
// mapped error is the sentinel's own, so wrapping never leaks detail.
func ToStatus(log *slog.Logger, table []Mapping, err error) error {
	if fes := model.FieldErrors(err); len(fes) > 0 {
		return InvalidArgument(fes)
	}
	for _, t := range [][]Mapping{table, contextCodes} {
		for _, m := range t {
			if errors.Is(err, m.Err) {
				return status.Error(m.Code, m.Err.Error())
			}
		}
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	log.Error("internal error", "err", err)
	return status.Error(codes.Internal, "internal error")
}

// InvalidArgument builds an InvalidArgument status whose message names
// every bad field and whose details carry them as BadRequest violations.
func InvalidArgument(fes []*model.FieldError) error {
	msgs := make([]string, 0, len(fes))
	br := &errdetails.BadRequest{}
	for _, fe := range fes {
		msgs = append(msgs, fe.Error())
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{
			Field: fe.Field, Description: fe.Reason})
	}
	st := status.New(codes.InvalidArgument, strings.Join(msgs, "; "))
	if withDetails, err := st.WithDetails(br); err == nil {
		st = withDetails
	}
	return st.Err()
}
