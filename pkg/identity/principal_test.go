package identity_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/identity"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		id      string
		want    identity.Principal
		wantErr bool
	}{
		{id: "FRA", want: identity.Principal{ID: "FRA", Member: "FRA"}},
		{id: "KOR-customs", want: identity.Principal{ID: "KOR-customs", Member: "KOR", Agency: "customs"}},
		{id: "DEU-licensing", want: identity.Principal{ID: "DEU-licensing", Member: "DEU", Agency: "licensing"}},
		{id: "USA-export-enforcement2", want: identity.Principal{ID: "USA-export-enforcement2", Member: "USA", Agency: "export-enforcement2"}},
		{id: "JPN-" + strings.Repeat("a", 32), want: identity.Principal{ID: "JPN-" + strings.Repeat("a", 32), Member: "JPN", Agency: strings.Repeat("a", 32)}},
		{id: "JPN-keys", want: identity.Principal{ID: "JPN-keys", Member: "JPN", Agency: "keys"}},
		{id: "", wantErr: true},
		{id: "fra", wantErr: true},
		{id: "FR", wantErr: true},
		{id: "FRAN", wantErr: true},
		{id: "FR1", wantErr: true},
		{id: "ÉTA", wantErr: true},
		{id: "FRA-", wantErr: true},
		{id: "-customs", wantErr: true},
		{id: "FRA-Customs", wantErr: true},
		{id: "FRA-cust oms", wantErr: true},
		{id: "FRA-cust_oms", wantErr: true},
		{id: "FRA-1customs", wantErr: true},
		{id: "FRA-customs-", wantErr: true},
		{id: "FRA-cus--toms", wantErr: true},
		{id: "FRA-" + strings.Repeat("a", 33), wantErr: true},
		{id: "FRA-key", wantErr: true},
		{id: "FRA-customs-key", wantErr: true},
		{id: "FRA-../x", wantErr: true},
		{id: "FRA/customs", wantErr: true},
		{id: " FRA", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, err := identity.ParseID(tt.id)
			if tt.wantErr {
				if !errors.Is(err, identity.ErrInvalidID) {
					t.Fatalf("ParseID(%q) = %+v, %v; want ErrInvalidID", tt.id, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseID(%q) = %+v, %v; want %+v", tt.id, got, err, tt.want)
			}
			if got.String() != tt.id || got.IsAgency() != (tt.want.Agency != "") {
				t.Fatalf("String() = %q, IsAgency() = %v", got.String(), got.IsAgency())
			}
		})
	}
}

func FuzzParseID(f *testing.F) {
	for _, s := range []string{"FRA", "KOR-customs", "DEU-licensing", "FRA-key", "FRA-a-b", "fra", "FRA--x", "FRA-x-", "A", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := identity.ParseID(s)
		if err != nil {
			if !errors.Is(err, identity.ErrInvalidID) || p != (identity.Principal{}) {
				t.Fatalf("ParseID(%q) = %+v, %v", s, p, err)
			}
			return
		}
		checkValidPrincipal(t, s, p)
	})
}

// checkValidPrincipal checks the invariants of a successfully parsed id.
func checkValidPrincipal(t *testing.T, s string, p identity.Principal) {
	t.Helper()
	rebuilt := p.Member
	if p.IsAgency() {
		rebuilt += "-" + p.Agency
	}
	if p.ID != s || p.String() != s || rebuilt != s {
		t.Fatalf("ParseID(%q) = %+v: does not round-trip", s, p)
	}
	if len(p.Member) != 3 || strings.ToUpper(p.Member) != p.Member || len(p.Agency) > 32 {
		t.Fatalf("ParseID(%q) = %+v: bad member or agency", s, p)
	}
	if filepath.Base(s) != s || strings.Contains(s, "..") {
		t.Fatalf("ParseID(%q) accepted an id that is not a plain file name", s)
	}
	if _, err := identity.ParseID(s + "-key"); err == nil {
		t.Fatalf("ParseID(%q) accepted: its certificate file would be %q's key file", s+"-key", s)
	}
	if again, err := identity.ParseID(p.ID); err != nil || again != p {
		t.Fatalf("ParseID(p.ID) = %+v, %v; want %+v", again, err, p)
	}
}
