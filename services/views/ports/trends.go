package ports

import (
	"context"
	"errors"
	"github.com/vigil-org/vigil/pkg/identity"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/grpcerr"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
)

// TrendsServer implements vigilv1.TrendsServiceServer over the views.
// Every figure counts only items releasable to the caller's member.
type TrendsServer struct {
	vigilv1.UnsafeTrendsServiceServer
	s *Server
}

// NewTrendsServer returns the trends handlers.
func NewTrendsServer(s *Server) *TrendsServer { return &TrendsServer{s: s} }

// dimensions maps the protobuf dimensions onto the app's.
var dimensions = map[vigilv1.TrendDimension]app.Dimension{
	vigilv1.TrendDimension_TREND_DIMENSION_KIND:            app.DimensionKind,
	vigilv1.TrendDimension_TREND_DIMENSION_CONTROL_ITEM:    app.DimensionControlItem,
	vigilv1.TrendDimension_TREND_DIMENSION_CATEGORY:        app.DimensionCategory,
	vigilv1.TrendDimension_TREND_DIMENSION_DESTINATION:     app.DimensionDestination,
	vigilv1.TrendDimension_TREND_DIMENSION_TRANSIT_COUNTRY: app.DimensionTransitCountry,
	vigilv1.TrendDimension_TREND_DIMENSION_PORT:            app.DimensionPort,
	vigilv1.TrendDimension_TREND_DIMENSION_RED_FLAG:        app.DimensionRedFlag,
	vigilv1.TrendDimension_TREND_DIMENSION_ORIGINATOR:      app.DimensionOriginator,
}

// periods maps the protobuf periods onto the app's; unspecified is a month.
var periods = map[vigilv1.TrendPeriod]app.Period{
	vigilv1.TrendPeriod_TREND_PERIOD_UNSPECIFIED: app.PeriodMonth,
	vigilv1.TrendPeriod_TREND_PERIOD_MONTH:       app.PeriodMonth,
	vigilv1.TrendPeriod_TREND_PERIOD_QUARTER:     app.PeriodQuarter,
	vigilv1.TrendPeriod_TREND_PERIOD_YEAR:        app.PeriodYear,
}

// GetTrends counts the caller's visible items that pass the filter per
// group of the dimension, overall and per period. INVALID_ARGUMENT names
// every bad field: dimension (required), period, limit, filter.
func (t *TrendsServer) GetTrends(ctx context.Context, req *vigilv1.GetTrendsRequest) (*vigilv1.GetTrendsResponse, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q, err := trendsQuery(req)
	if err != nil {
		return nil, err
	}
	q.Member, q.Access = p.Member, identity.NeedToKnow(p)
	res, err := t.s.app.GetTrends(ctx, q)
	if err != nil {
		return nil, t.s.toStatus(err)
	}
	return trendsPB(res), nil
}

// trendsQuery validates a trends request.
func trendsQuery(req *vigilv1.GetTrendsRequest) (app.TrendsQuery, error) {
	d, dErr := dimension(req.GetDimension())
	p, ok := periods[req.GetPeriod()]
	var pErr error
	if !ok {
		pErr = model.Invalid("period", "unknown trend period %d", req.GetPeriod())
	}
	if err := invalid(dErr, pErr, checkLimit(req.GetLimit())); err != nil {
		return app.TrendsQuery{}, err
	}
	f, err := filter(req.GetFilter())
	if err != nil {
		return app.TrendsQuery{}, err
	}
	return app.TrendsQuery{MinPosition: req.GetMinPosition(), Filter: f, Dimension: d, Period: p, Limit: int(req.GetLimit())}, nil
}

// dimension maps a requested dimension, which is required.
func dimension(d vigilv1.TrendDimension) (app.Dimension, error) {
	if d == vigilv1.TrendDimension_TREND_DIMENSION_UNSPECIFIED {
		return 0, model.Invalid("dimension", "required: one of %s", dimensionNames())
	}
	out, ok := dimensions[d]
	if !ok {
		return 0, model.Invalid("dimension", "unknown trend dimension %d", d)
	}
	return out, nil
}

// dimensionNames lists the valid dimensions in number order.
func dimensionNames() string {
	var names []string
	for i := int32(1); i < int32(len(vigilv1.TrendDimension_name)); i++ {
		names = append(names, vigilv1.TrendDimension_name[i])
	}
	return strings.Join(names, ", ")
}

// checkLimit rejects a negative limit; zero means the default and a
// limit above the maximum is capped by the app.
func checkLimit(n int32) error {
	if n < 0 {
		return model.Invalid("limit", "must not be negative")
	}
	return nil
}

// invalid joins field errors into one INVALID_ARGUMENT status, with
// BadRequest details as every service gives them, nil if there are none.
func invalid(errs ...error) error {
	err := errors.Join(errs...)
	if fes := model.FieldErrors(err); len(fes) > 0 {
		return grpcerr.InvalidArgument(fes)
	}
	if err != nil {
		return status.Error(codes.InvalidArgument, err.Error())
	}
	return nil
}

// trendsPB converts trends to the response.
func trendsPB(t app.Trends) *vigilv1.GetTrendsResponse {
	out := &vigilv1.GetTrendsResponse{Periods: t.Periods, TotalItems: int64(t.TotalItems), Position: t.Position}
	for _, c := range t.Totals {
		out.Totals = append(out.Totals, &vigilv1.TrendCount{Key: c.Key, Label: c.Label, Count: int64(c.Count)})
	}
	for _, s := range t.Series {
		ps := &vigilv1.TrendSeries{Key: s.Key, Label: s.Label}
		for i, c := range s.Counts {
			ps.Points = append(ps.Points, &vigilv1.TrendPoint{Period: t.Periods[i], Count: int64(c)})
		}
		out.Series = append(out.Series, ps)
	}
	return out
}

// TopParties lists the parties recurring across the caller's visible
// items that pass the filter. Parties are grouped by exact normalised
// names and aliases (see app.PartyKey), not by fuzzy matching.
func (t *TrendsServer) TopParties(ctx context.Context, req *vigilv1.TopPartiesRequest) (*vigilv1.TopPartiesResponse, error) {
	q, err := partiesQuery(ctx, req.GetFilter(), req.GetLimit(), req.GetMinPosition())
	if err != nil {
		return nil, err
	}
	res, err := t.s.app.TopParties(ctx, q)
	if err != nil {
		return nil, t.s.toStatus(err)
	}
	out := &vigilv1.TopPartiesResponse{Position: res.Position}
	for _, p := range res.Parties {
		out.Parties = append(out.Parties, partyPB(p))
	}
	return out, nil
}

// partyPB converts a recurring party.
func partyPB(p app.Party) *vigilv1.PartyCount {
	out := &vigilv1.PartyCount{Name: p.Name, Names: p.Names, Country: p.Country, Count: int64(len(p.Items))}
	for _, r := range p.Items {
		out.Items = append(out.Items, &vigilv1.ItemRef{Kind: pbconv.ItemKindPB(r.Kind), Id: r.ID})
	}
	return out
}

// PartyNetwork links the parties of the caller's visible items that pass
// the filter when they appear in the same items. Node ids are the
// parties' normalised names.
func (t *TrendsServer) PartyNetwork(ctx context.Context, req *vigilv1.PartyNetworkRequest) (*vigilv1.PartyNetworkResponse, error) {
	q, err := partiesQuery(ctx, req.GetFilter(), req.GetLimit(), req.GetMinPosition())
	if err != nil {
		return nil, err
	}
	res, err := t.s.app.PartyNetwork(ctx, q)
	if err != nil {
		return nil, t.s.toStatus(err)
	}
	out := &vigilv1.PartyNetworkResponse{Position: res.Position}
	for _, n := range res.Nodes {
		out.Nodes = append(out.Nodes, &vigilv1.NetworkNode{Id: n.Key, Name: n.Name, Country: n.Country, Items: int64(len(n.Items))})
	}
	for _, e := range res.Edges {
		out.Edges = append(out.Edges, &vigilv1.NetworkEdge{From: e.From, To: e.To, Weight: int64(e.Weight)})
	}
	return out, nil
}

// partiesQuery validates a parties request for the caller.
func partiesQuery(ctx context.Context, f *vigilv1.ItemFilter, n int32, minPos uint64) (app.PartiesQuery, error) {
	p, err := principal(ctx)
	if err != nil {
		return app.PartiesQuery{}, err
	}
	if err := invalid(checkLimit(n)); err != nil {
		return app.PartiesQuery{}, err
	}
	flt, err := filter(f)
	if err != nil {
		return app.PartiesQuery{}, err
	}
	return app.PartiesQuery{Member: p.Member, Access: identity.NeedToKnow(p), MinPosition: minPos, Filter: flt, Limit: int(n)}, nil
}
