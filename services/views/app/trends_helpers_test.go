package app_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/app"
)

// roster is the members of the test regime.
var roster = model.StaticRoster{"FRA", "JPN", "KOR", "USA"}

// caughtUp is a projection that has applied everything it will ever
// apply: waiting for a later position fails at once.
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

// views is a views store and query service over hand-made events.
type views struct {
	t     *testing.T
	store *adapters.Store
	app   *app.Service
	pos   uint64
}

func newViews(t *testing.T) *views {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/v.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return &views{t: t, store: s, app: app.New(s, caughtUp{s}, roster)}
}

// add projects the first event of a new item: DenialNotified,
// ProcurementReported or AlertRaised, by content type.
func (v *views) add(id, originator string, at time.Time, content proto.Message) {
	v.t.Helper()
	env := &vigilv1.EventEnvelope{
		EventId: id + "-1", AggregateId: id, AggregateVersion: 1,
		Originator: &vigilv1.Originator{Member: originator}, OccurredAt: timestamppb.New(at),
	}
	switch c := content.(type) {
	case *vigilv1.DenialNotice:
		env.Type, env.AggregateType = "vigil.v1.DenialNotified", "denial"
		env.Payload = &vigilv1.EventEnvelope_DenialNotified{DenialNotified: &vigilv1.DenialNotified{
			DenialId: id, Notice: c, NotifiedAt: timestamppb.New(at), ReviewDue: timestamppb.New(at.AddDate(3, 0, 0))}}
	case *vigilv1.ProcurementReport:
		env.Type, env.AggregateType = "vigil.v1.ProcurementReported", "procurement"
		env.Payload = &vigilv1.EventEnvelope_ProcurementReported{ProcurementReported: &vigilv1.ProcurementReported{
			ReportId: id, Report: c, ReportedAt: timestamppb.New(at)}}
	case *vigilv1.BrokeringAlert:
		env.Type, env.AggregateType = "vigil.v1.AlertRaised", "alert"
		env.Payload = &vigilv1.EventEnvelope_AlertRaised{AlertRaised: &vigilv1.AlertRaised{
			AlertId: id, Alert: c, RaisedAt: timestamppb.New(at)}}
	default:
		v.t.Fatalf("add %s: unexpected content %T", id, content)
	}
	data, err := proto.Marshal(env)
	if err != nil {
		v.t.Fatal(err)
	}
	v.pos++
	ev := eventstore.RecordedEvent{Event: eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data},
		Stream: env.GetAggregateType() + "." + id, Version: 1, Position: v.pos, RecordedAt: at}
	if err := v.store.Apply([]eventstore.RecordedEvent{ev}); err != nil {
		v.t.Fatal(err)
	}
}

func toAll() *vigilv1.Releasability { return &vigilv1.Releasability{AllMembers: true} }

func toOnly(members ...string) *vigilv1.Releasability {
	return &vigilv1.Releasability{Members: members}
}

func entries(codes ...string) []*vigilv1.ControlEntry {
	var out []*vigilv1.ControlEntry
	for _, c := range codes {
		out = append(out, &vigilv1.ControlEntry{MtcrCode: c})
	}
	return out
}

func party(name, country string, aliases ...string) *vigilv1.Party {
	return &vigilv1.Party{Role: vigilv1.PartyRole_PARTY_ROLE_END_USER, Name: name, Country: country, Aliases: aliases}
}

func call(role vigilv1.PortCallRole, port, locode, country string) *vigilv1.PortCall {
	return &vigilv1.PortCall{Role: role, Port: port, Locode: locode, Country: country}
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// seed projects the five items the trends tests count. Who sees what:
//
//	item  by   created (UTC)         released to  FRA JPN KOR USA
//	D1    FRA  2026-01-15            all           x   x   x   x
//	D2    JPN  2026-02-03            all           x   x   x   x
//	P1    KOR  2026-03-31 23:30      FRA           x       x
//	A1    USA  2026-04-01 00:00      all           x   x   x   x
//	D3    FRA  2025-11-20            JPN           x   x
func seed(t *testing.T) *views {
	v := newViews(t)
	v.add("D1", "FRA", utc("2026-01-15T10:00:00Z"), &vigilv1.DenialNotice{
		Reference: "FRA-1", DestinationCountry: "IRN", ControlEntries: entries("3.A.1", "3.A.2", "9.A.6"),
		Parties: []*vigilv1.Party{party("Al-Nour Trading Co., Ltd.", "IRN", "Nour Trading")}, Releasability: toAll()})
	v.add("D2", "JPN", utc("2026-02-03T08:00:00Z"), &vigilv1.DenialNotice{
		Reference: "JPN-1", DestinationCountry: "PAK", ControlEntries: entries("1.A.1", "2.A.1"),
		Parties: []*vigilv1.Party{party("AL NOUR TRADING", "ARE"), party("Sky Logistics FZE", "ARE")}, Releasability: toAll()})
	v.add("P1", "KOR", utc("2026-03-31T23:30:00Z"), &vigilv1.ProcurementReport{
		Reference: "KOR-1", DestinationCountry: "IRN",
		Items:         []*vigilv1.SoughtItem{{ControlEntries: entries("3.A.1")}},
		RedFlags:      []vigilv1.RedFlag{vigilv1.RedFlag_RED_FLAG_END_USER_IS_TRADER, vigilv1.RedFlag_RED_FLAG_THIN_WEB_PRESENCE},
		ShippingRoute: []*vigilv1.Place{{Country: "ARE", Name: "Jebel Ali"}, {Country: "IRN", Name: "Bandar Abbas"}},
		Parties:       []*vigilv1.Party{party("Sky Logistics", "ARE", "Sky Logistic FZE"), party("Nour Trading", "IRN")},
		Releasability: toOnly("FRA")})
	v.add("A1", "USA", utc("2026-04-01T00:00:00Z"), &vigilv1.BrokeringAlert{
		Reference: "USA-1", DestinationCountry: "SYR", AddressedMembers: []string{"FRA"},
		Cargo: &vigilv1.Cargo{SuspectedEntries: entries("9.A.6")},
		Route: []*vigilv1.PortCall{
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_LOADING, "Shanghai", "CNSHA", "CHN"),
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSSHIPMENT, "Jebel Ali", "AEJEA", "ARE"),
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSIT, "Port Said", "EGPSD", "EGY"),
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_DISCHARGE, "Latakia", "SYLTK", "SYR"),
		},
		Parties:       []*vigilv1.Party{party("Sky Logistics FZE", "ARE"), party("Orient Shipping", "CHN")},
		Releasability: toAll()})
	v.add("D3", "FRA", utc("2025-11-20T12:00:00Z"), &vigilv1.DenialNotice{
		Reference: "FRA-2", DestinationCountry: "IRN", ControlEntries: entries("4.C.2.a"),
		Parties: []*vigilv1.Party{party("Orient Shipping Co", "CHN")}, Releasability: toOnly("JPN")})
	return v
}
