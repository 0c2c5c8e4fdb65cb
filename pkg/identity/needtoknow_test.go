package identity_test

import (
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/identity"
)

func TestNeedToKnow(t *testing.T) {
	all := identity.Parts{Parties: true, Route: true, Details: true}
	none := identity.Parts{}
	tests := []struct {
		id   string
		want map[string]identity.Parts // kind -> parts; absent kinds are refused
	}{
		{"KOR", map[string]identity.Parts{"denial": all, "procurement": all, "alert": all}},
		{"KOR-licensing", map[string]identity.Parts{"denial": all, "procurement": all, "alert": none}},
		{"DEU-customs", map[string]identity.Parts{"alert": all, "procurement": {Parties: true}, "denial": {Parties: true}}},
		{"USA-enforcement", map[string]identity.Parts{"alert": all, "procurement": all}},
		{"FRA-statistics", map[string]identity.Parts{}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p, err := identity.ParseID(tt.id)
			if err != nil {
				t.Fatal(err)
			}
			a := identity.NeedToKnow(p)
			for _, kind := range []string{identity.KindDenial, identity.KindProcurement, identity.KindAlert, "consultation", ""} {
				want, allowed := tt.want[kind]
				got, ok := a.Parts(kind)
				if ok != allowed || got != want || a.Allows(kind) != allowed {
					t.Errorf("%s: Parts = %+v, %v; Allows = %v; want %+v, %v", kind, got, ok, a.Allows(kind), want, allowed)
				}
			}
			var kinds []string
			for k := range tt.want {
				kinds = append(kinds, k)
			}
			slices.Sort(kinds)
			if got := a.Kinds(); !slices.Equal(got, kinds) {
				t.Errorf("Kinds() = %v, want %v", got, kinds)
			}
		})
	}
}

func TestNeedToKnowNarrowsNeverWidens(t *testing.T) {
	member := identity.NeedToKnow(identity.Principal{ID: "KOR", Member: "KOR"})
	for _, role := range identity.AgencyRoles() {
		a := identity.NeedToKnow(identity.Principal{ID: "KOR-" + role, Member: "KOR", Agency: role})
		for _, kind := range a.Kinds() {
			p, _ := a.Parts(kind)
			m, ok := member.Parts(kind)
			if !ok || (p.Parties && !m.Parties) || (p.Route && !m.Route) || (p.Details && !m.Details) {
				t.Errorf("%s gets more of %s than its member: %+v > %+v", role, kind, p, m)
			}
		}
	}
}

func TestCustomsNeverGetsLicensingRationale(t *testing.T) {
	a := identity.NeedToKnow(identity.Principal{ID: "KOR-customs", Member: "KOR", Agency: "customs"})
	for _, kind := range []string{identity.KindDenial, identity.KindProcurement} {
		if p, _ := a.Parts(kind); p.Details {
			t.Errorf("customs receives the details of %s", kind)
		}
	}
}

func TestAgencyRoles(t *testing.T) {
	want := []string{"customs", "enforcement", "licensing"}
	if got := identity.AgencyRoles(); !slices.Equal(got, want) {
		t.Errorf("AgencyRoles() = %v, want %v", got, want)
	}
}

func TestZeroAccessAllowsNothing(t *testing.T) {
	var a identity.Access
	if a.Allows(identity.KindAlert) || len(a.Kinds()) != 0 {
		t.Error("zero Access allows something")
	}
}
