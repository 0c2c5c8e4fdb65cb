// Package ports exposes the views service over gRPC: the caller's member
// comes from its client certificate, never from the request.
package ports

import (
	"context"
	"errors"
	"log/slog"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
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
	p, ok := identity.FromContext(ctx)
	if !ok {
		return "", status.Error(codes.Unauthenticated, "no client certificate")
	}
	return p.Member, nil
}

var errorCodes = []struct {
	err  error
	code codes.Code
}{
	{app.ErrNotFound, codes.NotFound},
	{app.ErrBehind, codes.Unavailable},
	{app.ErrBadPageToken, codes.InvalidArgument},
	{context.Canceled, codes.Canceled},
	{context.DeadlineExceeded, codes.DeadlineExceeded},
}

func (s *Server) toStatus(err error) error {
	for _, m := range errorCodes {
		if errors.Is(err, m.err) {
			return status.Error(m.code, m.err.Error())
		}
	}
	s.log.Error("internal error", "err", err)
	return status.Error(codes.Internal, "internal error")
}

func checkStatus(st vigilv1.NoticeStatus) error {
	if _, ok := vigilv1.NoticeStatus_name[int32(st)]; !ok {
		return status.Error(codes.InvalidArgument, "status: unknown notice status")
	}
	return nil
}

// ListInbox lists notices releasable to the caller.
func (s *Server) ListInbox(ctx context.Context, req *vigilv1.ListInboxRequest) (*vigilv1.ListInboxResponse, error) {
	m, err := member(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkStatus(req.GetStatus()); err != nil {
		return nil, err
	}
	res, err := s.app.Inbox(ctx, app.ListQuery{Member: m, MinPosition: req.GetMinPosition(), Status: req.GetStatus(),
		UnacknowledgedOnly: req.GetUnacknowledgedOnly(), PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken()})
	if err != nil {
		return nil, s.toStatus(err)
	}
	out := &vigilv1.ListInboxResponse{NextPageToken: res.NextPageToken, Position: res.Position}
	for _, n := range res.Notices {
		sum, err := summary(n, m)
		if err != nil {
			return nil, s.toStatus(err)
		}
		out.Notices = append(out.Notices, sum)
	}
	return out, nil
}

// ListOwnNotices lists the caller's notices with recipients' status.
func (s *Server) ListOwnNotices(ctx context.Context, req *vigilv1.ListOwnNoticesRequest) (*vigilv1.ListOwnNoticesResponse, error) {
	m, err := member(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkStatus(req.GetStatus()); err != nil {
		return nil, err
	}
	res, err := s.app.Own(ctx, app.ListQuery{Member: m, MinPosition: req.GetMinPosition(), Status: req.GetStatus(),
		PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken()})
	if err != nil {
		return nil, s.toStatus(err)
	}
	out := &vigilv1.ListOwnNoticesResponse{NextPageToken: res.NextPageToken, Position: res.Position}
	for _, n := range res.Notices {
		d, err := s.app.Get(ctx, m, n.ID, 0)
		if err != nil {
			return nil, s.toStatus(err)
		}
		sum, err := summary(n, m)
		if err != nil {
			return nil, s.toStatus(err)
		}
		out.Notices = append(out.Notices, &vigilv1.OwnNotice{Summary: sum, Recipients: recipients(d)})
	}
	return out, nil
}

// GetNotice returns one notice with its history.
func (s *Server) GetNotice(ctx context.Context, req *vigilv1.GetNoticeRequest) (*vigilv1.GetNoticeResponse, error) {
	m, err := member(ctx)
	if err != nil {
		return nil, err
	}
	if err := model.CheckID("id", req.GetId()); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	d, err := s.app.Get(ctx, m, req.GetId(), req.GetMinPosition())
	if err != nil {
		return nil, s.toStatus(err)
	}
	sum, err := summary(d.Notice, m)
	if err != nil {
		return nil, s.toStatus(err)
	}
	out := &vigilv1.GetNoticeResponse{Summary: sum, Notice: d.Content, Recipients: recipients(d), Position: d.Position}
	for i, e := range d.History {
		out.History = append(out.History, &vigilv1.HistoryEntry{Position: d.Positions[i], Event: e})
	}
	return out, nil
}

func recipients(d app.Detail) []*vigilv1.RecipientStatus {
	var out []*vigilv1.RecipientStatus
	for _, r := range d.Recipients {
		rs := &vigilv1.RecipientStatus{Member: r}
		if at, ok := d.Notice.Acks[r]; ok {
			rs.Acknowledged, rs.AcknowledgedAt = true, timestamppb.New(at)
		}
		out = append(out, rs)
	}
	return out
}

func summary(n *adapters.Notice, member string) (*vigilv1.NoticeSummary, error) {
	c, err := adapters.DecodeContent(n)
	if err != nil {
		return nil, err
	}
	s := &vigilv1.NoticeSummary{
		Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL, Id: n.ID, Originator: n.Originator, Reference: c.GetReference(),
		DestinationCountry: c.GetDestinationCountry(), ItemDescription: c.GetItemDescription(), Status: n.Status,
		Marking: c.GetMarking(), NotifiedAt: timestamppb.New(n.NotifiedAt), UpdatedAt: timestamppb.New(n.UpdatedAt),
		ReviewDue: timestamppb.New(n.ReviewDue), Version: n.Version,
	}
	for _, e := range c.GetControlEntries() {
		s.ControlCodes = append(s.ControlCodes, e.GetMtcrCode())
	}
	if at, ok := n.Acks[member]; ok {
		s.Acknowledged, s.AcknowledgedAt = true, timestamppb.New(at)
	}
	return s, nil
}
