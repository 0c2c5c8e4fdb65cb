package domain_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// applicationFields are the top-level field names Application.Validate
// may report.
var applicationFields = []string{"reference", "control_entries", "destination_country", "parties", "item_description"}

// FuzzApplicationValidate builds a licence application from fuzzed values
// (split on "|" for lists) and checks that Validate never panics, is
// deterministic, reports only *model.FieldError values on known fields,
// requires entries only when asked, and that RequestConsultation agrees
// with it under the "application." prefix.
func FuzzApplicationValidate(f *testing.F) {
	a := validApplication(f)
	f.Add(a.Reference, "3.A.1|9.A.6.a", "4A101", a.Destination, int(model.RoleEndUser), a.Parties[0].Name, "SHIG", "IRN", "Tehran",
		int(model.IDRegistrationNumber), "101", a.ItemDescription, true, "Same end-user?")
	f.Add("", "", "", "", 0, "", "", "", "", 0, "", "", false, "")
	f.Add("r\n", "5.A.1|9.A||3.a.1", "N\x00", "irn", 99, " ", "|\x00", "XXX", "", -1, "", "\xff", true, "\u2028")
	f.Add("ref", "", "", "PRK", 2, "Consignee", "", "PRK", "Pyongyang", 1, "V", "desc", false, "q")
	f.Fuzz(func(t *testing.T, ref, codes, national, dest string, role int, name, aliases, country, city string,
		idType int, idValue, desc string, catchAll bool, question string) {
		a := domain.Application{Reference: ref, Destination: dest, ItemDescription: desc}
		for _, c := range split(codes) {
			a.ControlEntries = append(a.ControlEntries, model.ControlEntry{MTCRCode: c, NationalCode: national})
		}
		if name != "" || role != 0 {
			a.Parties = append(a.Parties, model.Party{
				Role: model.PartyRole(role), Name: name, Aliases: split(aliases), Country: country,
				Addresses:   []model.Address{{City: city, Country: country}},
				Identifiers: []model.Identifier{{Type: model.IdentifierType(idType), Value: idValue, IssuingCountry: country}},
			})
		}
		err := a.Validate(!catchAll)
		if again := a.Validate(!catchAll); (err == nil) != (again == nil) || (err != nil && err.Error() != again.Error()) {
			t.Fatalf("Validate is not deterministic: %v, then %v", err, again)
		}
		if lenient := a.Validate(false); err == nil && lenient != nil {
			t.Fatalf("valid with entries required, invalid without: %v", lenient)
		}
		fuzzCheckApplicationPaths(t, err)
		fuzzCheckRequest(t, a, catchAll, question, err)
	})
}

func fuzzCheckApplicationPaths(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, p := range fieldPaths(t, err) {
		if !slices.Contains(applicationFields, topField(p)) {
			t.Fatalf("field error on unknown field %q: %v", p, err)
		}
	}
}

// fuzzCheckRequest checks that RequestConsultation agrees with Validate.
func fuzzCheckRequest(t *testing.T, a domain.Application, catchAll bool, question string, verr error) {
	t.Helper()
	n := validNotice(t)
	if catchAll {
		n = catchAllNotice(t)
	}
	events, err := domain.RequestConsultation(consultPolicy, notified(t, n), domain.FoldConsultation(consultationID, nil), jpn, a, question, now)
	qerr := model.CheckText("question", question, model.MaxTextLen, false, true)
	if verr == nil && qerr == nil {
		if err != nil || len(events) != 1 {
			t.Fatalf("valid request, but RequestConsultation = %v, %v", events, err)
		}
		return
	}
	if events != nil {
		t.Fatalf("events %v for an invalid request", events)
	}
	want := prefixed("application.", fieldPathsOrNone(t, verr))
	want = append(want, fieldPathsOrNone(t, qerr)...)
	if got := fieldPaths(t, err); !slices.Equal(got, want) {
		t.Fatalf("RequestConsultation fields %q, want %q", got, want)
	}
	for _, s := range append(sentinels, consultationSentinels...) {
		if errors.Is(err, s) {
			t.Fatalf("validation error matches %v", s)
		}
	}
}

func fieldPathsOrNone(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	return fieldPaths(t, err)
}
