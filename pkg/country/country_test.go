package country

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		in   string
		want error
		msg  string
	}{
		{"FRA", nil, ""},
		{"USA", nil, ""},
		{"ALA", nil, ""},
		{"SSD", nil, ""},
		{"ZWE", nil, ""},
		{"FRX", ErrUnknown, `country code "FRX": not an ISO 3166-1 alpha-3 code`},
		{"XKX", ErrUnknown, `country code "XKX": not an ISO 3166-1 alpha-3 code`},
		{"ANT", ErrUnknown, `country code "ANT": not an ISO 3166-1 alpha-3 code`},
		{"EUE", ErrUnknown, `country code "EUE": not an ISO 3166-1 alpha-3 code`},
		{"AAA", ErrUnknown, `country code "AAA": not an ISO 3166-1 alpha-3 code`},
		{"fra", ErrMalformed, `country code "fra": must be three uppercase letters`},
		{"Fra", ErrMalformed, `country code "Fra": must be three uppercase letters`},
		{"FR", ErrMalformed, `country code "FR": must be three uppercase letters`},
		{"FRAN", ErrMalformed, `country code "FRAN": must be three uppercase letters`},
		{"250", ErrMalformed, `country code "250": must be three uppercase letters`},
		{"", ErrMalformed, `country code "": must be three uppercase letters`},
		{" FRA", ErrMalformed, `country code " FRA": must be three uppercase letters`},
		{"FR ", ErrMalformed, `country code "FR ": must be three uppercase letters`},
		{"ÅLA", ErrMalformed, `country code "ÅLA": must be three uppercase letters`},
		{"ＦＲＡ", ErrMalformed, `country code "ＦＲＡ": must be three uppercase letters`},
		{"F\x00A", ErrMalformed, `country code "F\x00A": must be three uppercase letters`},
		{strings.Repeat("é", 20), ErrMalformed, `country code "éééééééé...": must be three uppercase letters`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := Validate(tt.in)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Validate(%q) = %v, want %v", tt.in, err, tt.want)
			}
			if err != nil && err.Error() != tt.msg {
				t.Errorf("message %q, want %q", err, tt.msg)
			}
			if Valid(tt.in) != (tt.want == nil) {
				t.Errorf("Valid(%q) = %v", tt.in, Valid(tt.in))
			}
			if _, ok := Name(tt.in); ok != (tt.want == nil) {
				t.Errorf("Name(%q) ok = %v", tt.in, ok)
			}
		})
	}
}

func TestName(t *testing.T) {
	tests := map[string]string{
		"FRA": "France", "JPN": "Japan", "KOR": "Korea (Republic of)",
		"USA": "United States of America", "ALA": "Åland Islands", "TUR": "Türkiye",
		"CIV": "Côte d'Ivoire", "ABW": "Aruba", "ZWE": "Zimbabwe",
	}
	for code, want := range tests {
		if got, ok := Name(code); !ok || got != want {
			t.Errorf("Name(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
	if got, ok := Name("fra"); ok || got != "" {
		t.Errorf(`Name("fra") = %q, %v`, got, ok)
	}
}

func TestTable(t *testing.T) {
	all := All()
	if len(all) != 249 {
		t.Errorf("%d codes, want 249", len(all))
	}
	if !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != len(all) {
		t.Error("codes are not sorted and unique")
	}
	for _, e := range table {
		if !wellFormed(e.code) || e.name == "" || strings.TrimSpace(e.name) != e.name {
			t.Errorf("bad entry %q %q", e.code, e.name)
		}
		if err := Validate(e.code); err != nil {
			t.Errorf("Validate(%q) = %v", e.code, err)
		}
	}
}

func TestAllReturnsCopy(t *testing.T) {
	a := All()
	a[0] = "XXX"
	if All()[0] != "ABW" || !Valid("ABW") {
		t.Error("All exposes the table")
	}
}
