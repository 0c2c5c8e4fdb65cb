// Package ports exposes the denials service over gRPC: it authenticates
// the caller from the context, translates protobuf to the domain and back,
// and maps errors to status codes in one table.
package ports

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// errorCodes maps every error the application returns on purpose to its
// gRPC code. Anything else is an internal error whose detail is logged,
// never sent.
var errorCodes = []struct {
	err  error
	code codes.Code
}{
	{domain.ErrNotFound, codes.NotFound},
	{domain.ErrNotOriginator, codes.PermissionDenied},
	{domain.ErrNotAddressed, codes.PermissionDenied},
	{domain.ErrAgencyNotAllowed, codes.PermissionDenied},
	{domain.ErrNotMember, codes.PermissionDenied},
	{domain.ErrNotActive, codes.FailedPrecondition},
	{domain.ErrNotDue, codes.FailedPrecondition},
	{domain.ErrAlreadyAcknowledged, codes.AlreadyExists},
	{domain.ErrAlreadyExists, codes.AlreadyExists},
	{domain.ErrStaleVersion, codes.Aborted},
	{domain.ErrConsultationNotFound, codes.NotFound},
	{domain.ErrNotDenier, codes.PermissionDenied},
	{domain.ErrNotRequester, codes.PermissionDenied},
	{domain.ErrOwnDenial, codes.FailedPrecondition},
	{domain.ErrConsultationEnded, codes.FailedPrecondition},
	{domain.ErrConsultationNotDue, codes.FailedPrecondition},
	{domain.ErrConsultationAcknowledged, codes.AlreadyExists},
	{domain.ErrConsultationExists, codes.AlreadyExists},
	{domain.ErrAlreadyGranted, codes.AlreadyExists},
	{app.ErrConflict, codes.Aborted},
	{app.ErrConsultationsUnavailable, codes.Unimplemented},
	{context.Canceled, codes.Canceled},
	{context.DeadlineExceeded, codes.DeadlineExceeded},
}

// toStatus converts an application error to a gRPC status error.
func toStatus(log *slog.Logger, err error) error {
	if fes := model.FieldErrors(err); len(fes) > 0 {
		return invalidArgument(fes)
	}
	for _, m := range errorCodes {
		if errors.Is(err, m.err) {
			return status.Error(m.code, m.err.Error())
		}
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	log.Error("internal error", "err", err)
	return status.Error(codes.Internal, "internal error")
}

// invalidArgument builds an InvalidArgument status whose message names
// every bad field and whose details carry them as BadRequest violations.
func invalidArgument(fes []*model.FieldError) error {
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
