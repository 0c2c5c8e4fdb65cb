package ports_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/ports"
)

// caughtUp is a projection with nothing left to apply.
type caughtUp struct{ store *adapters.Store }

func (w caughtUp) WaitFor(_ context.Context, pos uint64) error {
	if pos > w.Position() {
		return context.DeadlineExceeded
	}
	return nil
}

func (w caughtUp) Position() uint64 {
	pos, _ := w.store.Position()
	return pos
}

// newTrends returns the trends handlers over a store holding one denial
// by FRA, released to JPN only, notified on 2026-03-10.
func newTrends(t *testing.T) *ports.TrendsServer {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/v.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	notice := &vigilv1.DenialNotice{
		DestinationCountry: "IRN", ControlEntries: []*vigilv1.ControlEntry{{MtcrCode: "9.A.6"}},
		Parties:       []*vigilv1.Party{{Name: "Sky Logistics FZE", Country: "ARE"}},
		Releasability: &vigilv1.Releasability{Members: []string{"JPN"}},
	}
	data, err := proto.Marshal(&vigilv1.EventEnvelope{
		EventId: "e1", Type: "vigil.v1.DenialNotified", AggregateType: "denial", AggregateId: "D1", AggregateVersion: 1,
		Originator: &vigilv1.Originator{Member: "FRA"}, OccurredAt: timestamppb.New(at),
		Payload: &vigilv1.EventEnvelope_DenialNotified{DenialNotified: &vigilv1.DenialNotified{
			DenialId: "D1", Notice: notice, NotifiedAt: timestamppb.New(at)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ev := eventstore.RecordedEvent{Event: eventstore.Event{ID: "e1", Type: "vigil.v1.DenialNotified", Data: data},
		Stream: "denial.D1", Version: 1, Position: 1, RecordedAt: at}
	if err := s.Apply([]eventstore.RecordedEvent{ev}); err != nil {
		t.Fatal(err)
	}
	a := app.New(s, caughtUp{s}, model.StaticRoster{"FRA", "JPN", "KOR"})
	return ports.NewTrendsServer(ports.NewServer(a, slog.New(slog.DiscardHandler)))
}

func as(t *testing.T, member string) context.Context {
	return identity.NewContext(t.Context(), identity.Principal{ID: member, Member: member})
}

func TestGetTrendsInvalidArgument(t *testing.T) {
	srv := newTrends(t)
	kind := vigilv1.TrendDimension_TREND_DIMENSION_KIND
	tests := []struct {
		name string
		req  *vigilv1.GetTrendsRequest
		want []string
	}{
		{"no dimension", &vigilv1.GetTrendsRequest{},
			[]string{"dimension: required: one of TREND_DIMENSION_KIND, TREND_DIMENSION_CONTROL_ITEM,", "TREND_DIMENSION_ORIGINATOR"}},
		{"unknown dimension", &vigilv1.GetTrendsRequest{Dimension: 42}, []string{"dimension: unknown trend dimension 42"}},
		{"unknown period", &vigilv1.GetTrendsRequest{Dimension: kind, Period: 9}, []string{"period: unknown trend period 9"}},
		{"negative limit", &vigilv1.GetTrendsRequest{Dimension: kind, Limit: -1}, []string{"limit: must not be negative"}},
		{"every problem at once", &vigilv1.GetTrendsRequest{Dimension: 42, Period: 9, Limit: -1},
			[]string{"dimension: unknown trend dimension 42", "period: unknown trend period 9", "limit: must not be negative"}},
		{"bad filter", &vigilv1.GetTrendsRequest{Dimension: kind, Filter: &vigilv1.ItemFilter{Country: "XXX", ControlCode: "9.Z"}},
			[]string{"filter.country", "filter.control_code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := srv.GetTrends(as(t, "JPN"), tt.req)
			checkInvalid(t, err, tt.want...)
		})
	}
}

func checkInvalid(t *testing.T, err error, want ...string) {
	t.Helper()
	st, _ := status.FromError(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("err = %v, want INVALID_ARGUMENT", err)
	}
	for _, w := range want {
		if !strings.Contains(st.Message(), w) {
			t.Errorf("message %q does not say %q", st.Message(), w)
		}
	}
}

func TestPartiesInvalidArgument(t *testing.T) {
	srv := newTrends(t)
	_, err := srv.TopParties(as(t, "JPN"), &vigilv1.TopPartiesRequest{Limit: -1})
	checkInvalid(t, err, "limit: must not be negative")
	_, err = srv.PartyNetwork(as(t, "JPN"), &vigilv1.PartyNetworkRequest{Filter: &vigilv1.ItemFilter{FromDate: "2026-13-01"}})
	checkInvalid(t, err, "filter.from_date")
}

func TestTrendsUnauthenticated(t *testing.T) {
	srv := newTrends(t)
	_, err1 := srv.GetTrends(t.Context(), &vigilv1.GetTrendsRequest{Dimension: vigilv1.TrendDimension_TREND_DIMENSION_KIND})
	_, err2 := srv.TopParties(t.Context(), &vigilv1.TopPartiesRequest{})
	_, err3 := srv.PartyNetwork(t.Context(), &vigilv1.PartyNetworkRequest{})
	for _, err := range []error{err1, err2, err3} {
		if status.Code(err) != codes.Unauthenticated {
			t.Errorf("err = %v, want UNAUTHENTICATED", err)
		}
	}
}

func TestGetTrends(t *testing.T) {
	srv := newTrends(t)
	req := &vigilv1.GetTrendsRequest{Dimension: vigilv1.TrendDimension_TREND_DIMENSION_CONTROL_ITEM}
	res, err := srv.GetTrends(as(t, "JPN"), req)
	if err != nil {
		t.Fatal(err)
	}
	want := &vigilv1.GetTrendsResponse{
		Totals:     []*vigilv1.TrendCount{{Key: "9", Label: "Instrumentation, navigation and direction finding", Count: 1}},
		Series:     []*vigilv1.TrendSeries{{Key: "9", Label: "Instrumentation, navigation and direction finding", Points: []*vigilv1.TrendPoint{{Period: "2026-03", Count: 1}}}},
		Periods:    []string{"2026-03"},
		TotalItems: 1, Position: 1,
	}
	if !proto.Equal(res, want) {
		t.Errorf("JPN got %v\nwant %v", res, want)
	}
	if res, err := srv.GetTrends(as(t, "KOR"), req); err != nil || res.GetTotalItems() != 0 || len(res.GetTotals()) != 0 {
		t.Errorf("KOR, who may not see the denial, got %v, %v", res, err)
	}
	req.MinPosition = 2
	if _, err := srv.GetTrends(as(t, "JPN"), req); status.Code(err) != codes.Unavailable {
		t.Errorf("beyond the projection: %v, want UNAVAILABLE", err)
	}
}

func TestTopPartiesAndNetwork(t *testing.T) {
	srv := newTrends(t)
	parties, err := srv.TopParties(as(t, "FRA"), &vigilv1.TopPartiesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	want := &vigilv1.TopPartiesResponse{Position: 1, Parties: []*vigilv1.PartyCount{{
		Name: "Sky Logistics FZE", Names: []string{"Sky Logistics FZE"}, Country: "ARE", Count: 1,
		Items: []*vigilv1.ItemRef{{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL, Id: "D1"}},
	}}}
	if !proto.Equal(parties, want) {
		t.Errorf("got %v\nwant %v", parties, want)
	}
	net, err := srv.PartyNetwork(as(t, "FRA"), &vigilv1.PartyNetworkRequest{})
	if err != nil {
		t.Fatal(err)
	}
	wantNet := &vigilv1.PartyNetworkResponse{Position: 1, Nodes: []*vigilv1.NetworkNode{{Id: "SKY LOGISTICS", Name: "Sky Logistics FZE", Country: "ARE", Items: 1}}}
	if !proto.Equal(net, wantNet) {
		t.Errorf("got %v\nwant %v", net, wantNet)
	}
	if net, err := srv.PartyNetwork(as(t, "KOR"), &vigilv1.PartyNetworkRequest{}); err != nil || len(net.GetNodes()) != 0 {
		t.Errorf("KOR, who may not see the denial, got %v, %v", net, err)
	}
}
