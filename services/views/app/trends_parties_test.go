package app_test

import (
	"fmt"
	"github.com/vigil-org/vigil/pkg/identity"
	"slices"
	"strings"
	"testing"
	"time"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

// parties renders parties as "name=count ...".
func parties(ps []app.Party) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s=%d", p.Name, len(p.Items)))
	}
	return strings.Join(out, " ")
}

func (v *views) topParties(q app.PartiesQuery) []app.Party {
	v.t.Helper()
	res, err := v.app.TopParties(v.t.Context(), q)
	if err != nil {
		v.t.Fatal(err)
	}
	return res.Parties
}

func TestTopParties(t *testing.T) {
	v := seed(t)
	tests := []struct {
		name string
		q    app.PartiesQuery
		want string
	}{
		// D1's alias "Nour Trading" is P1's name: one entity in D1, D2, P1.
		{"aliases merge", app.PartiesQuery{Access: delegation, Member: "FRA"}, "AL NOUR TRADING=3 Sky Logistics FZE=3 Orient Shipping=2"},
		{"limit", app.PartiesQuery{Access: delegation, Member: "FRA", Limit: 1}, "AL NOUR TRADING=3"},
		{"USA does not see P1 or D3; Orient Shipping recurs no more", app.PartiesQuery{Access: delegation, Member: "USA"}, "AL NOUR TRADING=2 Sky Logistics FZE=2"},
		{"JPN", app.PartiesQuery{Access: delegation, Member: "JPN"}, "AL NOUR TRADING=2 Orient Shipping=2 Sky Logistics FZE=2"},
		{"filter", app.PartiesQuery{Access: delegation, Member: "FRA", Filter: app.Filter{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL}}, "AL NOUR TRADING=2"},
		{"one matching item shows its parties", app.PartiesQuery{Access: delegation, Member: "FRA", Filter: app.Filter{Kind: vigilv1.ItemKind_ITEM_KIND_ALERT}},
			"Orient Shipping=1 Sky Logistics FZE=1"},
		{"no matching item", app.PartiesQuery{Access: delegation, Member: "FRA", Filter: app.Filter{Country: "BRA"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parties(v.topParties(tt.q)); got != tt.want {
				t.Errorf("parties = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTopPartiesDetail(t *testing.T) {
	v := seed(t)
	p := v.topParties(app.PartiesQuery{Access: delegation, Member: "FRA"})[0]
	want := app.Party{
		Key: "AL NOUR TRADING", Name: "AL NOUR TRADING",
		Names:   []string{"AL NOUR TRADING", "Al-Nour Trading Co., Ltd.", "Nour Trading"},
		Country: "IRN", // D1 and P1 say IRN, D2 says ARE
		Items:   []app.Ref{{Kind: "procurement", ID: "P1"}, {Kind: "denial", ID: "D2"}, {Kind: "denial", ID: "D1"}},
	}
	if fmt.Sprint(p) != fmt.Sprint(want) {
		t.Errorf("party = %+v\nwant    %+v", p, want)
	}
}

func TestTopPartiesCountsItemsNotRecords(t *testing.T) {
	v := newViews(t)
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	for _, id := range []string{"X1", "X2"} {
		v.add(id, "FRA", at, &vigilv1.DenialNotice{DestinationCountry: "IRN", Releasability: screeningtest.All(),
			// the same entity twice in one item, once only by an alias
			Parties: []*vigilv1.Party{screeningtest.EndUser("Müller GmbH", "DEU"), screeningtest.EndUser("", "DEU", "MULLER")}})
	}
	v.add("X3", "FRA", at, &vigilv1.DenialNotice{DestinationCountry: "IRN", Releasability: screeningtest.All(),
		Parties: []*vigilv1.Party{screeningtest.EndUser("Mueller", "DEU")}})
	got := v.topParties(app.PartiesQuery{Access: delegation, Member: "JPN"})
	if parties(got) != "Müller GmbH=2" || !slices.Equal(got[0].Names, []string{"MULLER", "Müller GmbH"}) {
		t.Errorf("parties = %+v", got)
	}
}

func TestPartyNetwork(t *testing.T) {
	v := seed(t)
	tests := []struct {
		name         string
		q            app.PartiesQuery
		nodes, edges string
	}{
		{"all", app.PartiesQuery{Access: delegation, Member: "FRA"}, "AL NOUR TRADING=3 SKY LOGISTICS=3 ORIENT SHIPPING=2",
			"AL NOUR TRADING-SKY LOGISTICS=2 ORIENT SHIPPING-SKY LOGISTICS=1"},
		{"limit keeps the edges among the kept nodes", app.PartiesQuery{Access: delegation, Member: "FRA", Limit: 2},
			"AL NOUR TRADING=3 SKY LOGISTICS=3", "AL NOUR TRADING-SKY LOGISTICS=2"},
		{"USA sees fewer shared items", app.PartiesQuery{Access: delegation, Member: "USA"}, "AL NOUR TRADING=2 SKY LOGISTICS=2 ORIENT SHIPPING=1",
			"AL NOUR TRADING-SKY LOGISTICS=1 ORIENT SHIPPING-SKY LOGISTICS=1"},
		{"filter", app.PartiesQuery{Access: delegation, Member: "FRA", Filter: app.Filter{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL}},
			"AL NOUR TRADING=2 ORIENT SHIPPING=1 SKY LOGISTICS=1", "AL NOUR TRADING-SKY LOGISTICS=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := v.app.PartyNetwork(t.Context(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var nodes, edges []string
			for _, n := range res.Nodes {
				nodes = append(nodes, fmt.Sprintf("%s=%d", n.Key, len(n.Items)))
			}
			for _, e := range res.Edges {
				edges = append(edges, fmt.Sprintf("%s-%s=%d", e.From, e.To, e.Weight))
			}
			if got := strings.Join(nodes, " "); got != tt.nodes {
				t.Errorf("nodes = %q, want %q", got, tt.nodes)
			}
			if got := strings.Join(edges, " "); got != tt.edges {
				t.Errorf("edges = %q, want %q", got, tt.edges)
			}
		})
	}
}

func TestPartyKey(t *testing.T) {
	tests := map[string]string{
		"Al-Nour Trading Co., Ltd.": "AL NOUR TRADING",
		"  al nour   TRADING ":      "AL NOUR TRADING",
		"Société Générale S.A.":     "SOCIETE GENERALE",
		"Müller GmbH":               "MULLER",
		"Große Straße":              "GROSSE STRASSE",
		"Cafe\u0301 Ltd":            "CAFE",
		"OOO \"Technopark\"":        "TECHNOPARK",
		"O'Brien & Sons, Inc.":      "OBRIEN SONS",
		"Sky Logistics FZE":         "SKY LOGISTICS",
		"Łódź Żuraw":                "LODZ ZURAW",
		"LLC":                       "LLC",
		"Co., Ltd.":                 "CO LTD",
		"":                          "",
		" .,- ":                     "",
	}
	for in, want := range tests {
		if got := app.PartyKey(in); got != want {
			t.Errorf("PartyKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// An agency's trends count only what its need-to-know shows: licensing
// sees alerts as a summary only, so no alert party or route reaches its
// top parties or transit countries; customs sees no denial rationale but
// the parties of every kind.
func TestTrendsFollowNeedToKnow(t *testing.T) {
	v := seed(t)
	licensing := identity.NeedToKnow(identity.Principal{Member: "FRA", Agency: identity.RoleLicensing})
	alerts := app.Filter{Kind: vigilv1.ItemKind_ITEM_KIND_ALERT}
	if got := parties(v.topParties(app.PartiesQuery{Access: licensing, Member: "FRA", Filter: alerts})); got != "" {
		t.Errorf("licensing top parties of alerts = %q, want none", got)
	}
	if got := totals(v.trends(app.TrendsQuery{Access: licensing, Member: "FRA", Dimension: app.DimensionTransitCountry, Filter: alerts})); got != "" {
		t.Errorf("licensing transit countries of alerts = %q, want none", got)
	}
	if got := totals(v.trends(app.TrendsQuery{Access: licensing, Member: "FRA", Dimension: app.DimensionKind})); got != totals(v.trends(app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: app.DimensionKind})) {
		t.Errorf("licensing counts by kind %q differ from its member's", got)
	}
	customs := identity.NeedToKnow(identity.Principal{Member: "FRA", Agency: identity.RoleCustoms})
	if got, want := parties(v.topParties(app.PartiesQuery{Access: customs, Member: "FRA"})), parties(v.topParties(app.PartiesQuery{Access: delegation, Member: "FRA"})); got != want {
		t.Errorf("customs top parties %q, want its member's %q", got, want)
	}
	if got := totals(v.trends(app.TrendsQuery{Access: identity.Access{}, Member: "FRA", Dimension: app.DimensionKind})); got != "" {
		t.Errorf("no access counts %q", got)
	}
}
