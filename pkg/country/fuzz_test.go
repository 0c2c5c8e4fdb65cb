package country

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"FRA", "fra", "FRX", "FR", "", "ÅLA", "250", "XKX", "ZWE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Validate(s)
		name, ok := Name(s)
		if Valid(s) != (err == nil) || ok != (err == nil) || ok != (name != "") {
			t.Fatalf("%q: Valid %v, Name %q %v, Validate %v disagree", s, Valid(s), name, ok, err)
		}
		if err == nil {
			if _, found := slices.BinarySearch(All(), s); !found || !wellFormed(s) {
				t.Fatalf("%q valid but not a listed three-letter code", s)
			}
			return
		}
		malformed, unknown := errors.Is(err, ErrMalformed), errors.Is(err, ErrUnknown)
		if malformed == unknown || malformed == wellFormed(s) {
			t.Fatalf("%q: error %v has the wrong kind", s, err)
		}
		if !strings.HasPrefix(err.Error(), `country code "`) || len(err.Error()) > 120 {
			t.Fatalf("%q: message %q", s, err)
		}
	})
}
