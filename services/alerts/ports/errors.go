package ports

import (
	"context"
	"errors"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/alerts/app"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// errorCodes maps every error the application returns on purpose to its
// gRPC code, in one table. Anything else is an internal error whose
// detail is logged, never sent.
func errorCodes() []struct {
	err  error
	code codes.Code
} {
	return []struct {
		err  error
		code codes.Code
	}{
		{app.ErrSlowConsumer, codes.ResourceExhausted},
		{app.ErrStopped, codes.Unavailable},
		{context.Canceled, codes.Canceled},
		{context.DeadlineExceeded, codes.DeadlineExceeded},
	}
}

// toStatus converts an error to a gRPC status error; nil stays nil.
func (s *Server) toStatus(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	if fes := model.FieldErrors(err); len(fes) > 0 {
		return fieldStatus(fes, errors.Is(err, domain.ErrKindNotAllowed))
	}
	var slow *app.SlowConsumerError
	if errors.As(err, &slow) {
		return slowStatus(slow)
	}
	for _, m := range errorCodes() {
		if errors.Is(err, m.err) {
			return status.Error(m.code, err.Error())
		}
	}
	s.lg.Error("alert stream: internal error", "err", err)
	return status.Error(codes.Internal, "internal error")
}

// fieldStatus is InvalidArgument (PermissionDenied when the filter asks
// for a kind outside the caller's need-to-know) naming every field, with
// the fields as BadRequest violations in the details.
func fieldStatus(fes []*model.FieldError, denied bool) error {
	code := codes.InvalidArgument
	if denied {
		code = codes.PermissionDenied
	}
	msgs := make([]string, 0, len(fes))
	br := &errdetails.BadRequest{}
	for _, fe := range fes {
		msgs = append(msgs, fe.Error())
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: fe.Field, Description: fe.Reason})
	}
	st := status.New(code, strings.Join(msgs, "; "))
	if withDetails, err := st.WithDetails(br); err == nil {
		st = withDetails
	}
	return st.Err()
}

// slowStatus is ResourceExhausted with the resume cursor in the message
// and, for programs, in an ErrorInfo detail (reason SLOW_CONSUMER,
// metadata "cursor").
func slowStatus(e *app.SlowConsumerError) error {
	st := status.New(codes.ResourceExhausted, e.Error())
	info := &errdetails.ErrorInfo{Reason: "SLOW_CONSUMER", Domain: "vigil.v1.AlertsService", Metadata: map[string]string{"cursor": e.Cursor}}
	if withDetails, err := st.WithDetails(info); err == nil {
		st = withDetails
	}
	return st.Err()
}
