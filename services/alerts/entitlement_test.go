package alerts_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	te "github.com/vigil-org/vigil/services/alerts/internal/testevents"
)

// scenario appends the events of the entitlement tests; the last one,
// alert "s1" released to every member, is the sentinel every subscriber
// receives last.
func scenario(e *env) {
	e.append(
		te.Alert("a1", "FRA", te.To("KOR"), alertA1()),
		te.Denial("d1", "DEU", te.All(), &vigilv1.DenialNotice{
			Reference: "DEU-2026-001", ItemDescription: "Gyroscopes", DestinationCountry: "IRN", ControlEntries: te.Entries("9.A.6.a"),
			Reason: "licensing rationale: diversion risk", EndUse: "UAV guidance",
			Parties: []*vigilv1.Party{te.Party(vigilv1.PartyRole_PARTY_ROLE_END_USER, "Shahid Hemmat Industrial Group", "IRN")},
		}),
		te.Report("p1", "KOR", te.To("DEU"), &vigilv1.ProcurementReport{
			Reference: "KOR-P-7", Summary: "Enquiry for carbon fibre", DestinationCountry: "PRK",
			Items:         []*vigilv1.SoughtItem{{ControlEntries: te.Entries("6.C.6")}},
			Parties:       []*vigilv1.Party{te.Party(vigilv1.PartyRole_PARTY_ROLE_PURCHASER, "Green Pine Associated Corporation", "PRK")},
			ShippingRoute: []*vigilv1.Place{{Country: "CHN", Name: "Dalian"}},
			PaymentRoute:  &vigilv1.PaymentRoute{Countries: []string{"HKG"}},
			RedFlags:      []vigilv1.RedFlag{vigilv1.RedFlag_RED_FLAG_END_USER_IS_TRADER},
		}),
		te.Ack("denial", "d1", "KOR"),
		te.Link("p1", &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_ALERT, Id: "a1"}, "KOR"),
		te.Consultation("c1", "KOR"),
		te.Alert("a2", "DEU", te.All(), &vigilv1.BrokeringAlert{Reference: "DEU-A-2", Summary: "Brokering of valves",
			DestinationCountry: "SYR", Urgency: vigilv1.Urgency_URGENCY_ROUTINE}),
		te.UpdateAlert("a1", "FRA", te.To("KOR", "DEU"), alertA1()),
		te.Alert("s1", "FRA", te.All(), &vigilv1.BrokeringAlert{Reference: "S", Summary: "sentinel", DestinationCountry: "FRA"}),
	)
}

func alertA1() *vigilv1.BrokeringAlert {
	return &vigilv1.BrokeringAlert{
		Reference: "FRA-A-1", Type: vigilv1.AlertType_ALERT_TYPE_TRANSSHIPMENT, Urgency: vigilv1.Urgency_URGENCY_IMMEDIATE,
		Summary: "Gyroscopes via Port Klang", DestinationCountry: "PAK", AddressedMembers: []string{"KOR"},
		Vessel: &vigilv1.Vessel{Name: "MV Example", ImoNumber: "9074729", Flag: "PAN"},
		Route: []*vigilv1.PortCall{
			{Role: vigilv1.PortCallRole_PORT_CALL_ROLE_LOADING, Port: "Shanghai", Country: "CHN"},
			{Role: vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSSHIPMENT, Port: "Port Klang", Country: "MYS"},
		},
		Parties: []*vigilv1.Party{te.Party(vigilv1.PartyRole_PARTY_ROLE_BROKER, "Orion Trading FZE", "ARE", "Orion General Trading")},
		Cargo:   &vigilv1.Cargo{SuspectedEntries: te.Entries("9.A.6.a")},
	}
}

// expected lists, per principal, the events it is entitled to, as
// "<Event> <id>".
func expected() map[string][]string {
	fra := []string{"AlertRaised a1", "DenialNotified d1", "AlertRaised a2", "AlertUpdated a1", "AlertRaised s1"}
	deu := []string{"DenialNotified d1", "ProcurementReported p1", "DenialAcknowledged d1", "AlertRaised a2", "AlertUpdated a1", "AlertRaised s1"}
	kor := []string{"AlertRaised a1", "DenialNotified d1", "ProcurementReported p1", "DenialAcknowledged d1", "ItemLinked p1",
		"AlertRaised a2", "AlertUpdated a1", "AlertRaised s1"}
	var enf []string
	for _, s := range kor {
		if !strings.HasPrefix(s, "Denial") {
			enf = append(enf, s)
		}
	}
	return map[string][]string{
		"FRA": fra, "DEU": deu, "DEU-licensing": deu, "DEU-customs": deu,
		"KOR": kor, "KOR-licensing": kor, "KOR-customs": kor, "KOR-enforcement": enf,
	}
}

func names(items []*vigilv1.StreamItem) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, strings.TrimPrefix(it.GetEventType(), "vigil.v1.")+" "+it.GetItem().GetId())
	}
	return out
}

// byName indexes items by "<Event> <id>".
func byName(items []*vigilv1.StreamItem) map[string]*vigilv1.StreamItem {
	out := map[string]*vigilv1.StreamItem{}
	for _, it := range items {
		out[names([]*vigilv1.StreamItem{it})[0]] = it
	}
	return out
}

// TestEveryItemReachesExactlyItsSubscribers runs two members' agencies
// and delegations (and a third member) over gRPC and NATS: each receives
// exactly the events it is entitled to, in log order, with only the parts
// its role may see.
func TestEveryItemReachesExactlyItsSubscribers(t *testing.T) {
	e := newEnv(t, nil)
	want := expected()
	grpcStreams := map[string]*stream{}
	for id := range want {
		grpcStreams[id] = e.subscribe(id, &vigilv1.SubscribeRequest{})
	}
	natsStreams := map[string]*natsStream{
		"DEU": e.natsSub("DEU", "vigil.members.DEU.>"), "KOR": e.natsSub("KOR", "vigil.members.KOR.>"),
		"DEU-customs": e.natsSub("DEU-customs", "vigil.agencies.DEU.customs.>"), "DEU-licensing": e.natsSub("DEU-licensing", "vigil.agencies.DEU.licensing.>"),
		"KOR-customs": e.natsSub("KOR-customs", "vigil.agencies.KOR.customs.>"), "KOR-licensing": e.natsSub("KOR-licensing", "vigil.agencies.KOR.licensing.>"),
	}
	waitFor(t, "subscriptions", func() bool { return e.svc.Hub().Subscribers() == len(want) })
	scenario(e)
	got := map[string][]*vigilv1.StreamItem{}
	for id, s := range grpcStreams {
		got[id] = s.until("s1")
		if !slices.Equal(names(got[id]), want[id]) {
			t.Errorf("%s over gRPC received\n  %v\nwant\n  %v", id, names(got[id]), want[id])
		}
		checkCursors(t, id, got[id])
	}
	for id, s := range natsStreams {
		items := s.until("s1")
		if !slices.Equal(names(items), want[id]) {
			t.Errorf("%s over NATS received\n  %v\nwant\n  %v", id, names(items), want[id])
		}
		for i, it := range items {
			if i < len(got[id]) && it.GetCursor() != got[id][i].GetCursor() {
				t.Errorf("%s: NATS cursor %s, gRPC %s", id, it.GetCursor(), got[id][i].GetCursor())
			}
		}
		checkParts(t, id+" (NATS)", byName(items))
	}
	for id := range grpcStreams {
		checkParts(t, id, byName(got[id]))
	}
}

// checkCursors checks that positions increase and each cursor is its own.
func checkCursors(t *testing.T, id string, items []*vigilv1.StreamItem) {
	t.Helper()
	for i, it := range items {
		if it.GetCursor() == "" || (i > 0 && it.GetPosition() <= items[i-1].GetPosition()) {
			t.Errorf("%s: item %d has position %d, cursor %q", id, i, it.GetPosition(), it.GetCursor())
		}
	}
}

// checkParts checks the need-to-know subset of each role on the items the
// tests know.
func checkParts(t *testing.T, id string, items map[string]*vigilv1.StreamItem) {
	t.Helper()
	role := ""
	if _, r, ok := strings.Cut(id, "-"); ok {
		role = strings.Fields(r)[0]
	}
	for name, it := range items {
		parties, route := len(it.GetParties()) > 0, len(it.GetRoute()) > 0 || it.GetVessel() != nil
		countries := it.GetItem().GetCountries()
		var wantParties, wantRoute bool
		var hidden []string // countries that must not show
		switch {
		case strings.Contains(name, " a1"):
			wantParties, wantRoute = role != "licensing", role != "licensing"
			if role == "licensing" {
				hidden = []string{"CHN", "MYS", "PAN", "ARE"}
			}
		case name == "DenialNotified d1":
			wantParties = true
		case name == "ProcurementReported p1":
			wantParties = true
			if role == "customs" {
				hidden = []string{"CHN", "HKG"}
			}
		default:
			continue
		}
		if parties != wantParties || route != wantRoute {
			t.Errorf("%s: %s has parties %v route %v, want %v %v", id, name, parties, route, wantParties, wantRoute)
		}
		for _, c := range hidden {
			if slices.Contains(countries, c) {
				t.Errorf("%s: %s reveals country %s in %v", id, name, c, countries)
			}
		}
	}
	if ack, ok := items["DenialAcknowledged d1"]; ok {
		wantAck := strings.HasPrefix(id, "KOR")
		if ack.GetItem().GetAcknowledged() != wantAck {
			t.Errorf("%s: acknowledged = %v, want %v", id, ack.GetItem().GetAcknowledged(), wantAck)
		}
	}
	if a1, ok := items["AlertRaised a1"]; ok {
		if a1.GetItem().GetAddressed() != strings.HasPrefix(id, "KOR") {
			t.Errorf("%s: addressed = %v", id, a1.GetItem().GetAddressed())
		}
	}
}

// TestFilters checks each filter over gRPC, hierarchy-aware codes,
// countries on the route only for roles that see it, and watch names
// normalised.
func TestFilters(t *testing.T) {
	e := newEnv(t, nil)
	scenario(e)
	e.append(te.Report("p2", "FRA", te.All(), &vigilv1.ProcurementReport{
		Reference: "FRA-P-2", Summary: "Valves", DestinationCountry: "SYR", Items: []*vigilv1.SoughtItem{{ControlEntries: te.Entries("3.A.3")}},
		Parties:  []*vigilv1.Party{te.Party(vigilv1.PartyRole_PARTY_ROLE_PURCHASER, "Müller Präzisionstechnik GmbH", "DEU")},
		RedFlags: []vigilv1.RedFlag{vigilv1.RedFlag_RED_FLAG_PO_BOX_ADDRESS},
	}))
	tests := []struct {
		id     string
		filter *vigilv1.StreamFilter
		want   []string
	}{
		{"KOR", &vigilv1.StreamFilter{Kinds: []vigilv1.ItemKind{vigilv1.ItemKind_ITEM_KIND_DENIAL}}, []string{"DenialNotified d1", "DenialAcknowledged d1"}},
		{"KOR", &vigilv1.StreamFilter{ControlCodes: []string{"9.A"}}, []string{"AlertRaised a1", "DenialNotified d1", "DenialAcknowledged d1", "AlertUpdated a1"}},
		{"KOR", &vigilv1.StreamFilter{ControlCodes: []string{"9.A.6.b", "6.C"}}, []string{"ProcurementReported p1", "ItemLinked p1"}},
		{"KOR-customs", &vigilv1.StreamFilter{Countries: []string{"MYS"}}, []string{"AlertRaised a1", "AlertUpdated a1"}},
		{"KOR-licensing", &vigilv1.StreamFilter{Countries: []string{"MYS"}}, nil},
		{"KOR-licensing", &vigilv1.StreamFilter{Countries: []string{"PAK", "SYR"}}, []string{"AlertRaised a1", "AlertRaised a2", "AlertUpdated a1", "ProcurementReported p2"}},
		{"KOR-customs", &vigilv1.StreamFilter{WatchNames: []string{"ORION trading"}}, []string{"AlertRaised a1", "AlertUpdated a1"}},
		{"KOR-licensing", &vigilv1.StreamFilter{WatchNames: []string{"Orion Trading"}}, nil},
		{"KOR-customs", &vigilv1.StreamFilter{WatchNames: []string{"muller prazisionstechnik"}}, []string{"ProcurementReported p2"}},
		{"KOR", &vigilv1.StreamFilter{RedFlags: []vigilv1.RedFlag{vigilv1.RedFlag_RED_FLAG_PO_BOX_ADDRESS}}, []string{"ProcurementReported p2"}},
		{"KOR", &vigilv1.StreamFilter{Kinds: []vigilv1.ItemKind{vigilv1.ItemKind_ITEM_KIND_ALERT}, MinUrgency: vigilv1.Urgency_URGENCY_PRIORITY},
			[]string{"AlertRaised a1", "AlertUpdated a1"}},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", i, tt.id), func(t *testing.T) {
			s := e.subscribe(tt.id, &vigilv1.SubscribeRequest{FromStart: true, Filter: tt.filter})
			got := names(s.take(len(tt.want)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			s.quiet(300 * time.Millisecond)
		})
	}
}
