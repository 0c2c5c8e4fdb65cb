package identity_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/identity"
)

func TestDemoRoster(t *testing.T) {
	r, err := identity.NewRoster(identity.DemoRoster())
	if err != nil {
		t.Fatalf("NewRoster(DemoRoster()): %v", err)
	}
	want := []string{"DEU", "DEU-customs", "DEU-licensing", "FRA", "GBR", "ITA", "JPN", "KOR", "KOR-customs", "KOR-licensing", "USA"}
	var got []string
	for _, e := range r.Entries() {
		got = append(got, e.ID)
		if e.Name == "" {
			t.Errorf("%s has no name", e.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("entries = %v, want %v", got, want)
	}
	if e, ok := r.Lookup("FRA"); !ok || e.Name != "France" {
		t.Fatalf("Lookup(FRA) = %+v, %v", e, ok)
	}
	if _, ok := r.Lookup("CHN"); ok {
		t.Fatal("Lookup(CHN) found an entry")
	}
}

func TestNewRosterReportsEveryProblem(t *testing.T) {
	_, err := identity.NewRoster([]identity.Entry{{ID: "FRA"}, {ID: "fra"}, {ID: "FRA"}, {ID: "DEU-"}})
	if !errors.Is(err, identity.ErrInvalidID) {
		t.Fatalf("err = %v, want ErrInvalidID", err)
	}
	for _, part := range []string{`"fra"`, `duplicate id "FRA"`, `"DEU-"`} {
		if !containsText(err, part) {
			t.Errorf("error %q does not mention %s", err, part)
		}
	}
}

func TestNilRoster(t *testing.T) {
	var r *identity.Roster
	if _, ok := r.Lookup("FRA"); ok || r.Entries() != nil {
		t.Fatal("nil roster is not empty")
	}
}
