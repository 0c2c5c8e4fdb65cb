// Package ports exposes the alert stream over gRPC: it authenticates the
// subscriber from the context, translates the request to the domain
// (filter, start position) and the application's errors to status codes.
package ports

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/app"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// Hub runs subscriptions (app.Hub).
type Hub interface {
	Subscribe(ctx context.Context, s app.Subscription, send app.Send) error
}

// Log tells where the live end of the event log is.
type Log interface {
	LastPosition(ctx context.Context) (uint64, error)
}

// Server implements vigilv1.AlertsServiceServer.
type Server struct {
	vigilv1.UnsafeAlertsServiceServer
	hub Hub
	log Log
	lg  *slog.Logger
}

// NewServer returns the gRPC server of the alert stream.
func NewServer(hub Hub, log Log, logger *slog.Logger) *Server {
	return &Server{hub: hub, log: log, lg: logger}
}

// Subscribe streams the item events the caller may receive and that match
// its filter, from its cursor, from the start or from the live end.
// Errors: Unauthenticated without a principal; PermissionDenied for a
// role with no need-to-know entry or a filter kind outside it;
// InvalidArgument naming each bad filter field or the cursor;
// ResourceExhausted when the caller reads too slowly (the message holds
// the cursor to resume with); Unavailable when the stream stops.
func (s *Server) Subscribe(req *vigilv1.SubscribeRequest, stream grpc.ServerStreamingServer[vigilv1.SubscribeResponse]) error {
	ctx := stream.Context()
	sub, err := s.subscription(ctx, req)
	if err != nil {
		return s.toStatus(err)
	}
	err = s.hub.Subscribe(ctx, sub, func(si *vigilv1.StreamItem) error {
		return stream.Send(&vigilv1.SubscribeResponse{Item: si})
	})
	return s.toStatus(err)
}

// subscription builds the application's subscription from the request.
func (s *Server) subscription(ctx context.Context, req *vigilv1.SubscribeRequest) (app.Subscription, error) {
	p, ok := identity.FromContext(ctx)
	if !ok {
		return app.Subscription{}, status.Error(codes.Unauthenticated, "client certificate required")
	}
	access := identity.NeedToKnow(p)
	if len(access.Kinds()) == 0 {
		return app.Subscription{}, status.Errorf(codes.PermissionDenied, "%s has no need-to-know entry: it receives nothing", p.ID)
	}
	filter, err := filterOf(req.GetFilter(), access)
	if err != nil {
		return app.Subscription{}, err
	}
	after, err := s.start(ctx, req)
	if err != nil {
		return app.Subscription{}, err
	}
	return app.Subscription{Audience: domain.Audience{Member: p.Member, Access: access}, Filter: filter, After: after}, nil
}

// start is the position the stream starts after: the cursor's, 0 from
// the start, or the live end of the log.
func (s *Server) start(ctx context.Context, req *vigilv1.SubscribeRequest) (uint64, error) {
	if req.GetCursor() != "" && req.GetFromStart() {
		return 0, model.Invalid("cursor", "give a cursor or from_start, not both")
	}
	if req.GetFromStart() {
		return 0, nil
	}
	last, err := s.log.LastPosition(ctx)
	if err != nil {
		return 0, fmt.Errorf("live end: %w", err)
	}
	if req.GetCursor() == "" {
		return last, nil
	}
	pos, err := domain.ParseCursor(req.GetCursor())
	if err != nil {
		return 0, model.Invalid("cursor", "%v", err)
	}
	if pos > last {
		return 0, model.Invalid("cursor", "points past the end of the log: it was not issued by this deployment")
	}
	return pos, nil
}

// filterOf validates the protobuf filter: enum values here, the rest in
// the domain. Field paths start with "filter.".
func filterOf(f *vigilv1.StreamFilter, access identity.Access) (domain.Filter, error) {
	spec := domain.FilterSpec{Codes: f.GetControlCodes(), Countries: f.GetCountries(), WatchNames: f.GetWatchNames(),
		MinUrgency: int32(f.GetMinUrgency())}
	var errs []error
	for i, k := range f.GetKinds() {
		name := pbconv.ItemKind(k)
		if name == "" {
			errs = append(errs, model.Invalid(fmt.Sprintf("kinds[%d]", i), "unknown item kind %d", k))
			continue
		}
		spec.Kinds = append(spec.Kinds, name)
	}
	for i, r := range f.GetRedFlags() {
		if _, ok := vigilv1.RedFlag_name[int32(r)]; !ok || r == vigilv1.RedFlag_RED_FLAG_UNSPECIFIED {
			errs = append(errs, model.Invalid(fmt.Sprintf("red_flags[%d]", i), "unknown red flag %d", r))
		}
		spec.RedFlags = append(spec.RedFlags, int32(r))
	}
	if _, ok := vigilv1.Urgency_name[spec.MinUrgency]; !ok {
		errs = append(errs, model.Invalid("min_urgency", "unknown urgency %d", spec.MinUrgency))
	}
	filter, err := domain.NewFilter(spec, access)
	if err != nil {
		errs = append(errs, err)
	}
	return filter, model.Prefix("filter", errors.Join(errs...))
}
