package domain_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// detailsFields are the top-level field names Details.Validate may report.
var detailsFields = []string{
	"reference", "type", "urgency", "vessel", "flight", "consignment", "route", "parties", "cargo",
	"requested_action", "addressed_members", "response_deadline", "summary", "destination_country",
	"releasability", "marking",
}

// topField returns the first path element of a field path: "route" for
// "route[0].port".
func topField(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// FuzzDetailsValidate builds an alert from fuzzed values (split on "|" for
// lists) and checks that Validate never panics, is deterministic, reports
// only *model.FieldError values on known fields, and that Raise agrees
// with it under the "alert." prefix.
func FuzzDetailsValidate(f *testing.F) {
	d := validDetails(f)
	f.Add(d.Reference, int(d.Type), int(d.Urgency), "MV X", "9074729", "477123400", "VRAB7", "HKG",
		"", "", "CSQU3054383|MSKU9070323", "COSU1", "", int(domain.PortTransshipment), "Busan", "KRPUS", "KOR",
		"2025-03-22", "2025-03-23", "Broker Ltd", "desc", "841370", "3.A.1", int(domain.ActionInspect),
		"KOR|JPN", int64(48*3600), "summary", "IRN", false, "DEU|JPN|KOR", int(model.MarkingRestricted))
	f.Add("", 0, 0, "", "", "", "", "", "", "", "", "", "", 0, "", "", "", "", "", "", "", "", "", 0, "", int64(0), "", "", false, "", 0)
	f.Add("r\n", 9, -1, "\xff", "IMO 9074729", "012345678", "ab", "hk", "ek 1", "EP-\u202e", "CSQU3054384|csqu3054383|",
		"\x00", "176-12345676", 7, " ", "krpus", "kor", "2025-02-30", "2025-01-01", "", "\u2028", "8413.70", "5.A.1|3.A",
		4, "USA|CHN|KOR|KOR|fra|", int64(-5), "", "irn", true, "DEU", 4)
	f.Add("ref", 1, 1, "", "", "", "", "", "QR8841", "A7-BFG", "", "", "17612345675", 1, "Doha", "QAHMD", "QAT",
		"", "2025-03-01", "Airline", "parts", "8803300000", "11.A.3", 1, "FRA", int64(1), "s", "PRK", true, "", 1)
	f.Fuzz(func(t *testing.T, ref string, typ, urgency int, vname, imo, mmsi, callSign, flag string,
		flightNo, registration, containers, bol, awb string, role int, port, locode, country, arrival, departure string,
		party, desc, hs, codes string, action int, addressed string, deadlineSecs int64, summary, dest string,
		all bool, members string, marking int) {
		d := domain.Details{
			Reference: ref, Type: domain.AlertType(typ), Urgency: domain.Urgency(urgency),
			Vessel:          domain.Vessel{Name: vname, IMONumber: imo, MMSI: mmsi, CallSign: callSign, Flag: flag},
			Flight:          domain.Flight{Number: flightNo, Registration: registration},
			Consignment:     domain.Consignment{ContainerNumbers: split(containers), BillOfLading: bol, AirWaybill: awb},
			Cargo:           domain.Cargo{DeclaredDescription: desc, HSCode: hs, Quantity: model.Quantity{Amount: hs, Unit: desc}},
			RequestedAction: domain.Action(action), AddressedMembers: split(addressed),
			ResponseDeadline: now.Add(time.Duration(deadlineSecs) * time.Second),
			Summary:          summary, Destination: dest, Marking: model.Marking(marking),
			Releasability: model.Releasability{AllMembers: all, Members: split(members)},
		}
		if port != "" || role != 0 {
			d.Route = []domain.PortCall{{Role: domain.PortCallRole(role), Port: port, LOCODE: locode, Country: country,
				ArrivalDate: arrival, DepartureDate: departure}}
		}
		if party != "" {
			d.Parties = []model.Party{{Role: model.RoleBroker, Name: party, Country: country}}
		}
		for _, c := range split(codes) {
			d.Cargo.SuspectedEntries = append(d.Cargo.SuspectedEntries, model.ControlEntry{MTCRCode: c})
		}
		checkValidate(t, d)
	})
}

func checkValidate(t *testing.T, d domain.Details) {
	t.Helper()
	err := d.Validate(roster, "USA", now)
	if again := d.Validate(roster, "USA", now); (err == nil) != (again == nil) || (err != nil && err.Error() != again.Error()) {
		t.Fatalf("Validate is not deterministic: %v, then %v", err, again)
	}
	events, rerr := domain.Raise(policy, domain.Fold(testID, nil), usa, d, now)
	if err == nil {
		if rerr != nil || len(events) != 1 {
			t.Fatalf("valid alert, but Raise = %v, %v", events, rerr)
		}
		return
	}
	paths := fieldPaths(t, err)
	for _, p := range paths {
		if !slices.Contains(detailsFields, topField(p)) {
			t.Fatalf("field error on unknown field %q: %v", p, err)
		}
	}
	if events != nil {
		t.Fatalf("Raise returned events %v for an invalid alert", events)
	}
	if rpaths := fieldPaths(t, rerr); !slices.Equal(rpaths, prefixed("alert.", paths)) {
		t.Fatalf("Raise fields %q, Validate fields %q", rpaths, paths)
	}
	for _, s := range sentinels {
		if errors.Is(rerr, s) {
			t.Fatalf("validation error matches %v", s)
		}
	}
}

// FuzzValidIMO checks ValidIMO against the definition: seven ASCII digits
// and the weighted check digit; exactly one check digit per number.
func FuzzValidIMO(f *testing.F) {
	for _, s := range []string{"9074729", "9074728", "IMO 9074729", "", "0000000", "907472٩"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ok := domain.ValidIMO(s)
		if ok && (len(s) != 7 || strings.Trim(s, "0123456789") != "") {
			t.Fatalf("ValidIMO(%q) accepted a non 7-digit string", s)
		}
		if len(s) < 6 || strings.Trim(s[:6], "0123456789") != "" {
			return
		}
		n := 0
		for c := '0'; c <= '9'; c++ {
			if domain.ValidIMO(s[:6] + string(c)) {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%q: %d valid check digits, want exactly 1", s[:6], n)
		}
	})
}

// FuzzValidContainer checks ValidContainer against an independent
// computation of the ISO 6346 check digit.
func FuzzValidContainer(f *testing.F) {
	for _, s := range []string{"CSQU3054383", "CSQU3054384", "csqu3054383", "CSQX3054383", "", "ÄSQU3054383", "CSQU305438٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := domain.ValidContainer(s)
		want := len(s) == 11 && strings.Trim(s[:3], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" &&
			strings.ContainsAny(s[3:4], "UJZ") && strings.Trim(s[4:], "0123456789") == "" &&
			remainder11(s)%10 == int(s[10]-'0')
		if got != want {
			t.Fatalf("ValidContainer(%q) = %v, want %v", s, got, want)
		}
		if cd := domain.ContainerCheckDigit(s); cd < -1 || cd > 9 {
			t.Fatalf("ContainerCheckDigit(%q) = %d", s, cd)
		}
	})
}

// FuzzValidMMSIAndAirWaybill checks the two simpler identifiers never
// accept anything outside their alphabet.
func FuzzValidMMSIAndAirWaybill(f *testing.F) {
	for _, s := range []string{"477123400", "004771234", "176-12345675", "17612345675", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if domain.ValidMMSI(s) && (len(s) != 9 || strings.Trim(s, "0123456789") != "" || s[0] < '2' || s[0] > '7') {
			t.Fatalf("ValidMMSI(%q) accepted", s)
		}
		if domain.ValidAirWaybill(s) && strings.Trim(s, "0123456789-") != "" {
			t.Fatalf("ValidAirWaybill(%q) accepted", s)
		}
	})
}
