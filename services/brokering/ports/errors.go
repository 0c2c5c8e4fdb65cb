// Package ports exposes the brokering service over gRPC: it authenticates
// the caller from the context, translates protobuf to the domain and back,
// and maps errors to status codes in one table.
package ports

import (
	"log/slog"

	"google.golang.org/grpc/codes"

	"github.com/vigil-org/vigil/pkg/grpcerr"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// errorCodes maps every error the application returns on purpose to its
// gRPC code. Anything else is an internal error whose detail is logged,
// never sent.
var errorCodes = []grpcerr.Mapping{
	{Err: domain.ErrNotFound, Code: codes.NotFound},
	{Err: domain.ErrNotOriginator, Code: codes.PermissionDenied},
	{Err: domain.ErrNotAddressed, Code: codes.PermissionDenied},
	{Err: domain.ErrAgencyNotAllowed, Code: codes.PermissionDenied},
	{Err: domain.ErrNotMember, Code: codes.PermissionDenied},
	{Err: domain.ErrClosed, Code: codes.FailedPrecondition},
	{Err: domain.ErrNotDue, Code: codes.FailedPrecondition},
	{Err: domain.ErrNothingToLapse, Code: codes.FailedPrecondition},
	{Err: domain.ErrAlreadyAcknowledged, Code: codes.AlreadyExists},
	{Err: domain.ErrAlreadyExists, Code: codes.AlreadyExists},
	{Err: domain.ErrStaleVersion, Code: codes.Aborted},
	{Err: app.ErrConflict, Code: codes.Aborted},
}

// toStatus converts an application error to a gRPC status error with
// this service's table (see package grpcerr).
func toStatus(log *slog.Logger, err error) error {
	return grpcerr.ToStatus(log, errorCodes, err)
}
