package domain_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// noticeFields are the top-level field names Notice.Validate may report.
var noticeFields = []string{
	"reference", "authority", "denial_date", "decision", "basis", "marking", "control_entries",
	"item_description", "quantity", "value", "destination_country", "parties", "end_use", "reason",
	"releasability",
}

// topField returns the first path element of a field path:
// "parties" for "parties[0].name".
func topField(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// FuzzNoticeValidate builds a notice from fuzzed values (split on "|" for
// lists) and checks that Validate never panics, is deterministic, and
// reports only *model.FieldError values on known fields; and that Notify
// agrees with it under the "notice." prefix.
func FuzzNoticeValidate(f *testing.F) {
	n := validNotice(f)
	f.Add(n.Reference, n.Authority, n.DenialDate, int(n.Decision), int(n.Basis), int(n.Marking),
		"3.A.1|9.A.6.a", "9A101", n.ItemDescription, "2", "units", "EUR", int64(34000000), "IRN",
		int(model.RoleEndUser), n.Parties[0].Name, "SHIG|Shahid Hemmat", "IRN", "Tehran", int(model.IDPassport), "X1", false, "DEU|JPN", n.Reason)
	f.Add("", "", "", 0, 0, 0, "", "", "", "", "", "", int64(0), "", 0, "", "", "", "", 0, "", false, "", "")
	f.Add("r\n", "a\u202e", "2024-02-30", -1, 3, 4, "5.A.1|9.A||3.a.1", strings.Repeat("N", 40), "\xff", "-1", "", "eur", int64(-5), "irn",
		99, " ", "|\x00", "XXX", "", 0, "", true, "DEU", "\u2028")
	f.Add("ref", "auth", "2025-01-01", 1, 2, 1, "", "", "desc", "", "", "", int64(0), "PRK", 2, "Consignee",
		"", "PRK", "Pyongyang", 1, "V", false, "FRA|DEU|DEU|deu|CHN|", "reason")
	f.Fuzz(func(t *testing.T, ref, authority, date string, decision, basis, marking int,
		codes, national, desc, amount, unit, currency string, minor int64, dest string,
		role int, name, aliases, country, city string, idType int, idValue string,
		all bool, members, reason string) {
		n := domain.Notice{
			Reference: ref, Authority: authority, DenialDate: date,
			Decision: domain.Decision(decision), Basis: domain.Basis(basis), Marking: model.Marking(marking),
			ItemDescription: desc, Quantity: model.Quantity{Amount: amount, Unit: unit},
			Value: model.Money{Currency: currency, AmountMinor: minor}, Destination: dest,
			EndUse: desc, Reason: reason,
			Releasability: model.Releasability{AllMembers: all, Members: split(members)},
		}
		for _, c := range split(codes) {
			n.ControlEntries = append(n.ControlEntries, model.ControlEntry{MTCRCode: c, NationalCode: national})
		}
		if name != "" || role != 0 {
			n.Parties = append(n.Parties, model.Party{
				Role: model.PartyRole(role), Name: name, Aliases: split(aliases), Country: country,
				Addresses:   []model.Address{{City: city, Country: country}},
				Identifiers: []model.Identifier{{Type: model.IdentifierType(idType), Value: idValue, IssuingCountry: country}},
			}, model.Party{Role: model.RoleBroker, Name: city})
		}

		err := n.Validate(roster, "FRA")
		if again := n.Validate(roster, "FRA"); (err == nil) != (again == nil) || (err != nil && err.Error() != again.Error()) {
			t.Fatalf("Validate is not deterministic: %v, then %v", err, again)
		}
		events, nerr := domain.Notify(policy, domain.Fold(testID, nil), fra, n, t0)
		if err == nil {
			if nerr != nil || len(events) != 1 {
				t.Fatalf("valid notice, but Notify = %v, %v", events, nerr)
			}
			return
		}
		paths := fieldPaths(t, err)
		for _, p := range paths {
			if !slices.Contains(noticeFields, topField(p)) {
				t.Fatalf("field error on unknown field %q: %v", p, err)
			}
		}
		if model.FieldErrors(err) == nil {
			t.Fatalf("model.FieldErrors found nothing in %v", err)
		}
		if events != nil {
			t.Fatalf("Notify returned events %v for an invalid notice", events)
		}
		npaths := fieldPaths(t, nerr)
		if !slices.Equal(npaths, prefixed("notice.", paths)) {
			t.Fatalf("Notify fields %q, Validate fields %q", npaths, paths)
		}
		for _, s := range sentinels {
			if errors.Is(nerr, s) {
				t.Fatalf("validation error matches %v", s)
			}
		}
	})
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}
