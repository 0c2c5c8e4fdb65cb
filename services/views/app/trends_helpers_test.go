package app_test

import (
	"context"
	"github.com/vigil-org/vigil/pkg/identity"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/screening/screeningtest"
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
	log   *screeningtest.Log
}

func newViews(t *testing.T) *views {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/v.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return &views{t: t, store: s, app: app.New(s, caughtUp{s}, roster), log: screeningtest.NewLog(t)}
}

// add projects the first event of a new item: DenialNotified,
// ProcurementReported or AlertRaised, by content type.
func (v *views) add(id, originator string, at time.Time, content proto.Message) {
	v.t.Helper()
	var pos uint64
	switch c := content.(type) {
	case *vigilv1.DenialNotice:
		pos = v.log.Notified(id, originator, at, c)
	case *vigilv1.ProcurementReport:
		pos = v.log.Reported(id, originator, at, c)
	case *vigilv1.BrokeringAlert:
		pos = v.log.Raised(id, originator, at, c)
	default:
		v.t.Fatalf("add %s: unexpected content %T", id, content)
	}
	if err := v.store.Apply(v.log.Events()[pos-1 : pos]); err != nil {
		v.t.Fatal(err)
	}
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
		Reference: "FRA-1", DestinationCountry: "IRN", ControlEntries: screeningtest.Entries("3.A.1", "3.A.2", "9.A.6"),
		Parties: []*vigilv1.Party{screeningtest.EndUser("Al-Nour Trading Co., Ltd.", "IRN", "Nour Trading")}, Releasability: screeningtest.All()})
	v.add("D2", "JPN", utc("2026-02-03T08:00:00Z"), &vigilv1.DenialNotice{
		Reference: "JPN-1", DestinationCountry: "PAK", ControlEntries: screeningtest.Entries("1.A.1", "2.A.1"),
		Parties: []*vigilv1.Party{screeningtest.EndUser("AL NOUR TRADING", "ARE"), screeningtest.EndUser("Sky Logistics FZE", "ARE")}, Releasability: screeningtest.All()})
	v.add("P1", "KOR", utc("2026-03-31T23:30:00Z"), &vigilv1.ProcurementReport{
		Reference: "KOR-1", DestinationCountry: "IRN",
		Items:         []*vigilv1.SoughtItem{{ControlEntries: screeningtest.Entries("3.A.1")}},
		RedFlags:      []vigilv1.RedFlag{vigilv1.RedFlag_RED_FLAG_END_USER_IS_TRADER, vigilv1.RedFlag_RED_FLAG_THIN_WEB_PRESENCE},
		ShippingRoute: []*vigilv1.Place{{Country: "ARE", Name: "Jebel Ali"}, {Country: "IRN", Name: "Bandar Abbas"}},
		Parties:       []*vigilv1.Party{screeningtest.EndUser("Sky Logistics", "ARE", "Sky Logistic FZE"), screeningtest.EndUser("Nour Trading", "IRN")},
		Releasability: screeningtest.Only("FRA")})
	v.add("A1", "USA", utc("2026-04-01T00:00:00Z"), &vigilv1.BrokeringAlert{
		Reference: "USA-1", DestinationCountry: "SYR", AddressedMembers: []string{"FRA"},
		Cargo: &vigilv1.Cargo{SuspectedEntries: screeningtest.Entries("9.A.6")},
		Route: []*vigilv1.PortCall{
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_LOADING, "Shanghai", "CNSHA", "CHN"),
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSSHIPMENT, "Jebel Ali", "AEJEA", "ARE"),
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSIT, "Port Said", "EGPSD", "EGY"),
			call(vigilv1.PortCallRole_PORT_CALL_ROLE_DISCHARGE, "Latakia", "SYLTK", "SYR"),
		},
		Parties:       []*vigilv1.Party{screeningtest.EndUser("Sky Logistics FZE", "ARE"), screeningtest.EndUser("Orient Shipping", "CHN")},
		Releasability: screeningtest.All()})
	v.add("D3", "FRA", utc("2025-11-20T12:00:00Z"), &vigilv1.DenialNotice{
		Reference: "FRA-2", DestinationCountry: "IRN", ControlEntries: screeningtest.Entries("4.C.2.a"),
		Parties: []*vigilv1.Party{screeningtest.EndUser("Orient Shipping Co", "CHN")}, Releasability: screeningtest.Only("JPN")})
	return v
}

// delegation is a member delegation's need-to-know: everything its member
// may see.
var delegation = identity.NeedToKnow(identity.Principal{Member: "FRA"})
