package domain_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// reportFields are the top-level field names Report.Validate may report.
var reportFields = []string{
	"reference", "agency", "first_contact_date", "last_contact_date", "channel", "outcome",
	"source_confidence", "marking", "items", "parties", "payment_route", "shipping_route", "red_flags",
	"destination_country", "summary", "releasability",
}

// topField returns the first path element of a field path:
// "parties" for "parties[0].name".
func topField(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// fuzzInput holds fuzzed values; report builds a report from them, with
// lists split on "|" and party roles and red flags taken from bytes.
type fuzzInput struct {
	ref, agency, first, last     string
	channel, outcome, conf, mark int
	codes, desc, params, amount  string
	roles, names, contacts       string
	payCountries, institutions   string
	places, flags, dest, summary string
	all                          bool
	members                      string
}

func (in fuzzInput) report() domain.Report {
	r := domain.Report{
		Reference: in.ref, Agency: in.agency, FirstContactDate: in.first, LastContactDate: in.last,
		Channel: domain.Channel(in.channel), Outcome: domain.Outcome(in.outcome),
		SourceConfidence: domain.Confidence(in.conf), Marking: model.Marking(in.mark),
		PaymentRoute: domain.PaymentRoute{Description: in.summary, Countries: split(in.payCountries), Institutions: split(in.institutions)},
		Destination:  in.dest, Summary: in.summary,
		Releasability: model.Releasability{AllMembers: in.all, Members: split(in.members)},
	}
	if in.desc != "" || in.codes != "" {
		item := domain.SoughtItem{Description: in.desc, TechnicalParameters: in.params, Quantity: model.Quantity{Amount: in.amount, Unit: "units"}}
		for _, c := range split(in.codes) {
			item.ControlEntries = append(item.ControlEntries, model.ControlEntry{MTCRCode: c})
		}
		r.Items = append(r.Items, item)
	}
	names := split(in.names)
	for i, role := range []byte(in.roles) {
		p := model.Party{Role: model.PartyRole(role % 16), Name: at(names, i), Phones: split(in.contacts)}
		r.Parties = append(r.Parties, p)
	}
	for _, c := range split(in.places) {
		r.ShippingRoute = append(r.ShippingRoute, domain.Place{Country: c, Name: in.agency, FreeTradeZone: in.all})
	}
	for _, b := range []byte(in.flags) {
		r.RedFlags = append(r.RedFlags, domain.RedFlag(int(b)-'a'))
	}
	return r
}

func at(ss []string, i int) string {
	if i < len(ss) {
		return ss[i]
	}
	return ""
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// FuzzReportValidate checks that Validate never panics, is deterministic,
// and reports only *model.FieldError values on known fields; and that
// ReportAttempt agrees with it under the "report." prefix.
func FuzzReportValidate(f *testing.F) {
	f.Add("FR-1", "customs", "2025-02-11", "2025-03-28", 1, 2, 2, 2, "10.A.2|3.A.1", "valves", "20 g", "40",
		"\x08\x01\x0a", "Gulf Precision|Pars Aviation|Blue Horizon", "+971 4 555 0199", "ARE|TUR", "Al Noor",
		"FRA|ARE|IRN", "bcj", "IRN", "summary", false, "DEU|JPN")
	f.Add("", "", "", "", 0, 0, 0, 0, "", "", "", "", "", "", "", "", "", "", "", "", "", false, "")
	f.Add("r\n", "a\u202e", "2025-02-30", "2025-02-01", -1, 9, 6, 4, "5.A.1|9.A||3.a.1", "\xff", "\x00", "-1",
		"\x00\x06\x0d\xff", "|\x00|x", "call me|a@b", "irn||XXX", " ", "IR|", "aa`p{", "irn", "\u2028", true, "DEU")
	f.Add("ref", "ag", "2025-01-01", "2024-12-31", 7, 7, 5, 3, "20.A.1.b.1", "d", "", "",
		"\x08\x01", "E|U", "sales@example.org", "", "", "", "", "PRK", "s", false, "FRA|DEU|DEU|deu|CHN|")
	f.Fuzz(func(t *testing.T, ref, agency, first, last string, channel, outcome, conf, mark int,
		codes, desc, params, amount, roles, names, contacts, payCountries, institutions,
		places, flags, dest, summary string, all bool, members string) {
		r := fuzzInput{ref, agency, first, last, channel, outcome, conf, mark, codes, desc, params, amount,
			roles, names, contacts, payCountries, institutions, places, flags, dest, summary, all, members}.report()
		err := r.Validate(roster, "FRA")
		if again := r.Validate(roster, "FRA"); (err == nil) != (again == nil) || (err != nil && err.Error() != again.Error()) {
			t.Fatalf("Validate is not deterministic: %v, then %v", err, again)
		}
		events, rerr := domain.ReportAttempt(policy, domain.Fold(testID, nil), fra, r, now)
		if err == nil {
			if rerr != nil || len(events) != 1 {
				t.Fatalf("valid report, but ReportAttempt = %v, %v", events, rerr)
			}
			return
		}
		paths := fieldPaths(t, err)
		for _, p := range paths {
			if !slices.Contains(reportFields, topField(p)) {
				t.Fatalf("field error on unknown field %q: %v", p, err)
			}
		}
		if events != nil {
			t.Fatalf("ReportAttempt returned events %v for an invalid report", events)
		}
		if rpaths := fieldPaths(t, rerr); !slices.Equal(rpaths, prefixed("report.", paths)) {
			t.Fatalf("ReportAttempt fields %q, Validate fields %q", rpaths, paths)
		}
		for _, s := range sentinels {
			if errors.Is(rerr, s) {
				t.Fatalf("validation error matches %v", s)
			}
		}
	})
}
