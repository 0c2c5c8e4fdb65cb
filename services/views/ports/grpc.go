// Package ports exposes the views service over gRPC: the caller's member
// comes from its client certificate, never from the request.
package ports

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/grpcerr"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
)

// Server implements vigilv1.ViewsServiceServer.
type Server struct {
	vigilv1.UnsafeViewsServiceServer
	app *app.Service
	log *slog.Logger
}

// NewServer returns the gRPC handlers over the queries.
func NewServer(a *app.Service, log *slog.Logger) *Server { return &Server{app: a, log: log} }

func member(ctx context.Context) (string, error) {
	p, err := principal(ctx)
	return p.Member, err
}

func principal(ctx context.Context) (identity.Principal, error) {
	p, ok := identity.FromContext(ctx)
	if !ok {
		return identity.Principal{}, status.Error(codes.Unauthenticated, "no client certificate")
	}
	return p, nil
}

var errorCodes = []grpcerr.Mapping{
	{Err: app.ErrNotFound, Code: codes.NotFound},
	{Err: app.ErrBehind, Code: codes.Unavailable},
	{Err: app.ErrBadPageToken, Code: codes.InvalidArgument},
}

func (s *Server) toStatus(err error) error { return grpcerr.ToStatus(s.log, errorCodes, err) }

// filter validates a request filter.
func filter(f *vigilv1.ItemFilter) (app.Filter, error) {
	out := app.Filter{Kind: f.GetKind(), Status: f.GetStatus(), Country: f.GetCountry(), UnacknowledgedOnly: f.GetUnacknowledgedOnly()}
	var errs []error
	if _, ok := vigilv1.ItemKind_name[int32(f.GetKind())]; !ok {
		errs = append(errs, model.Invalid("filter.kind", "unknown item kind"))
	}
	if _, ok := vigilv1.ItemStatus_name[int32(f.GetStatus())]; !ok {
		errs = append(errs, model.Invalid("filter.status", "unknown item status"))
	}
	if f.GetCountry() != "" {
		errs = append(errs, model.CheckCountry("filter.country", f.GetCountry()))
	}
	if f.GetControlCode() != "" {
		c, err := annex.Parse(f.GetControlCode())
		if err != nil {
			errs = append(errs, model.Invalid("filter.control_code", "%v", err))
		}
		out.ControlCode = &c
	}
	var err error
	if out.From, err = date("filter.from_date", f.GetFromDate()); err != nil {
		errs = append(errs, err)
	}
	if out.To, err = date("filter.to_date", f.GetToDate()); err != nil {
		errs = append(errs, err)
	} else if !out.To.IsZero() {
		out.To = out.To.Add(24 * time.Hour) // to_date is inclusive
	}
	if err := errors.Join(errs...); err != nil {
		return app.Filter{}, status.Error(codes.InvalidArgument, err.Error())
	}
	return out, nil
}

func date(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return model.ParseDate(field, s)
}

// ListInbox lists items of other members releasable to the caller.
func (s *Server) ListInbox(ctx context.Context, req *vigilv1.ListInboxRequest) (*vigilv1.ListInboxResponse, error) {
	q, err := query(ctx, req.GetMinPosition(), req.GetFilter(), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	res, err := s.app.Inbox(ctx, q)
	if err != nil {
		return nil, s.toStatus(err)
	}
	out := &vigilv1.ListInboxResponse{NextPageToken: res.NextPageToken, Position: res.Position}
	for _, r := range res.Rows {
		out.Items = append(out.Items, r.Summary)
	}
	return out, nil
}

// ListOwnItems lists the caller's items with recipients' status.
func (s *Server) ListOwnItems(ctx context.Context, req *vigilv1.ListOwnItemsRequest) (*vigilv1.ListOwnItemsResponse, error) {
	q, err := query(ctx, req.GetMinPosition(), req.GetFilter(), req.GetPageSize(), req.GetPageToken())
	if err != nil {
		return nil, err
	}
	res, err := s.app.Own(ctx, q)
	if err != nil {
		return nil, s.toStatus(err)
	}
	out := &vigilv1.ListOwnItemsResponse{NextPageToken: res.NextPageToken, Position: res.Position}
	for _, r := range res.Rows {
		out.Items = append(out.Items, &vigilv1.OwnItem{Summary: r.Summary, Recipients: s.app.RecipientsOf(r, q.Member)})
	}
	return out, nil
}

func query(ctx context.Context, minPos uint64, f *vigilv1.ItemFilter, size int32, token string) (app.ListQuery, error) {
	p, err := principal(ctx)
	if err != nil {
		return app.ListQuery{}, err
	}
	flt, err := filter(f)
	if err != nil {
		return app.ListQuery{}, err
	}
	return app.ListQuery{Member: p.Member, Access: identity.NeedToKnow(p), MinPosition: minPos, Filter: flt,
		PageSize: int(size), PageToken: token}, nil
}

// GetItem returns one item with its history and links.
func (s *Server) GetItem(ctx context.Context, req *vigilv1.GetItemRequest) (*vigilv1.GetItemResponse, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := model.CheckID("id", req.GetId()); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	d, err := s.app.GetFor(ctx, p, req.GetId(), req.GetMinPosition())
	if err != nil {
		return nil, s.toStatus(err)
	}
	out := &vigilv1.GetItemResponse{Summary: d.Summary, Recipients: d.Recipients, History: d.History, Links: d.Links, Position: d.Position}
	switch c := d.Content.(type) {
	case *vigilv1.DenialNotice:
		out.Content = &vigilv1.GetItemResponse_Denial{Denial: c}
	case *vigilv1.ProcurementReport:
		out.Content = &vigilv1.GetItemResponse_Procurement{Procurement: c}
	case *vigilv1.BrokeringAlert:
		out.Content = &vigilv1.GetItemResponse_Alert{Alert: c}
	}
	return out, nil
}
