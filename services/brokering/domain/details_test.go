package domain_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// now is when the commands in these tests run: an hour after t0, a day
// before the deadline.
var now = t0.Add(time.Hour)

type detailsCase struct {
	name   string
	modify func(d *domain.Details)
	fields []string
}

// invalidDetails lists one kind of mistake per case, with the field paths
// (relative to the alert, in validation order) each must produce.
var invalidDetails = []detailsCase{
	{"reference empty", func(d *domain.Details) { d.Reference = "" }, []string{"reference"}},
	{"reference blank", func(d *domain.Details) { d.Reference = " \t" }, []string{"reference"}},
	{"reference oversized", func(d *domain.Details) { d.Reference = long(model.MaxShortLen + 1) }, []string{"reference"}},
	{"reference with newline", func(d *domain.Details) { d.Reference = "US-1\nUS-2" }, []string{"reference"}},
	{"reference invalid UTF-8", func(d *domain.Details) { d.Reference = "US-\xc3\x28" }, []string{"reference"}},
	{"type unspecified", func(d *domain.Details) { d.Type = 0 }, []string{"type"}},
	{"type negative", func(d *domain.Details) { d.Type = -1 }, []string{"type"}},
	{"type unknown", func(d *domain.Details) { d.Type = domain.TypeReExport + 1 }, []string{"type"}},
	{"urgency unspecified", func(d *domain.Details) { d.Urgency = 0 }, []string{"urgency"}},
	{"urgency unknown", func(d *domain.Details) { d.Urgency = domain.UrgencyImmediate + 1 }, []string{"urgency"}},

	{"no vessel, flight or consignment", func(d *domain.Details) {
		d.Vessel, d.Consignment = domain.Vessel{}, domain.Consignment{}
	}, []string{"vessel"}},
	{"no transport, empty container list", func(d *domain.Details) {
		d.Vessel, d.Consignment = domain.Vessel{}, domain.Consignment{ContainerNumbers: []string{}}
	}, []string{"vessel"}},
	{"vessel without IMO number or MMSI", func(d *domain.Details) { d.Vessel.IMONumber, d.Vessel.MMSI = "", "" },
		[]string{"vessel.imo_number"}},
	{"vessel with a name only", func(d *domain.Details) { d.Vessel = domain.Vessel{Name: "MV Example Trader"} },
		[]string{"vessel.imo_number"}},
	{"vessel name oversized", func(d *domain.Details) { d.Vessel.Name = long(model.MaxNameLen + 1) }, []string{"vessel.name"}},
	{"IMO check digit wrong", func(d *domain.Details) { d.Vessel.IMONumber = "9074728" }, []string{"vessel.imo_number"}},
	{"IMO with prefix", func(d *domain.Details) { d.Vessel.IMONumber = "IMO 9074729" }, []string{"vessel.imo_number"}},
	{"IMO six digits", func(d *domain.Details) { d.Vessel.IMONumber = "907472" }, []string{"vessel.imo_number"}},
	{"IMO eight digits", func(d *domain.Details) { d.Vessel.IMONumber = "90747290" }, []string{"vessel.imo_number"}},
	{"MMSI eight digits", func(d *domain.Details) { d.Vessel.MMSI = "47712340" }, []string{"vessel.mmsi"}},
	{"MMSI ten digits", func(d *domain.Details) { d.Vessel.MMSI = "4771234001" }, []string{"vessel.mmsi"}},
	{"MMSI of a coast station", func(d *domain.Details) { d.Vessel.MMSI = "004771234" }, []string{"vessel.mmsi"}},
	{"MMSI of a handheld", func(d *domain.Details) { d.Vessel.MMSI = "847712340" }, []string{"vessel.mmsi"}},
	{"MMSI with letters", func(d *domain.Details) { d.Vessel.MMSI = "47712340A" }, []string{"vessel.mmsi"}},
	{"call sign too short", func(d *domain.Details) { d.Vessel.CallSign = "VR" }, []string{"vessel.call_sign"}},
	{"call sign too long", func(d *domain.Details) { d.Vessel.CallSign = "VRAB7XYZ" }, []string{"vessel.call_sign"}},
	{"call sign lower case", func(d *domain.Details) { d.Vessel.CallSign = "vrab7" }, []string{"vessel.call_sign"}},
	{"call sign with a space", func(d *domain.Details) { d.Vessel.CallSign = "VR AB7" }, []string{"vessel.call_sign"}},
	{"flag unknown", func(d *domain.Details) { d.Vessel.Flag = "XXX" }, []string{"vessel.flag"}},
	{"flag alpha-2", func(d *domain.Details) { d.Vessel.Flag = "HK" }, []string{"vessel.flag"}},
	{"every vessel field wrong", func(d *domain.Details) {
		d.Vessel = domain.Vessel{Name: "\x00", IMONumber: "1234568", MMSI: "123456789", CallSign: "a", Flag: "hkg"}
	}, []string{"vessel.name", "vessel.imo_number", "vessel.mmsi", "vessel.call_sign", "vessel.flag"}},

	{"flight with operator only", func(d *domain.Details) { d.Flight = domain.Flight{Operator: "Mahan Air"} },
		[]string{"flight.flight_number"}},
	{"flight number without digits", func(d *domain.Details) { d.Flight = domain.Flight{Number: "EK"} },
		[]string{"flight.flight_number"}},
	{"flight number with five digits", func(d *domain.Details) { d.Flight = domain.Flight{Number: "EK12345"} },
		[]string{"flight.flight_number"}},
	{"flight number lower case", func(d *domain.Details) { d.Flight = domain.Flight{Number: "ek123"} },
		[]string{"flight.flight_number"}},
	{"flight number with a space", func(d *domain.Details) { d.Flight = domain.Flight{Number: "EK 123"} },
		[]string{"flight.flight_number"}},
	{"flight designator all digits", func(d *domain.Details) { d.Flight = domain.Flight{Number: "12345"} },
		[]string{"flight.flight_number"}},
	{"flight designator four letters", func(d *domain.Details) { d.Flight = domain.Flight{Number: "ABCD123"} },
		[]string{"flight.flight_number"}},
	{"aircraft registration oversized", func(d *domain.Details) { d.Flight = domain.Flight{Registration: long(17)} },
		[]string{"flight.aircraft_registration"}},
	{"aircraft registration with newline", func(d *domain.Details) { d.Flight = domain.Flight{Registration: "EP-\nABC"} },
		[]string{"flight.aircraft_registration"}},
	{"operator with bidi override", func(d *domain.Details) {
		d.Flight = domain.Flight{Number: "EK123", Operator: "Air\u202e"}
	}, []string{"flight.operator"}},

	{"container check digit wrong", func(d *domain.Details) { d.Consignment.ContainerNumbers = []string{"CSQU3054384"} },
		[]string{"consignment.container_numbers[0]"}},
	{"container lower case", func(d *domain.Details) { d.Consignment.ContainerNumbers = []string{"csqu3054383"} },
		[]string{"consignment.container_numbers[0]"}},
	{"container with spaces", func(d *domain.Details) { d.Consignment.ContainerNumbers = []string{"CSQU 305438 3"} },
		[]string{"consignment.container_numbers[0]"}},
	{"container category X", func(d *domain.Details) { d.Consignment.ContainerNumbers = []string{"CSQX3054383"} },
		[]string{"consignment.container_numbers[0]"}},
	{"container too short", func(d *domain.Details) { d.Consignment.ContainerNumbers = []string{"CSQU305438"} },
		[]string{"consignment.container_numbers[0]"}},
	{"container listed twice", func(d *domain.Details) {
		d.Consignment.ContainerNumbers = []string{"CSQU3054383", "MSKU9070323", "CSQU3054383"}
	}, []string{"consignment.container_numbers[2]"}},
	{"too many containers", func(d *domain.Details) {
		d.Consignment.ContainerNumbers = make([]string, domain.MaxContainers+1)
	}, []string{"consignment.container_numbers"}},
	{"bill of lading with newline", func(d *domain.Details) { d.Consignment.BillOfLading = "COSU\n1" },
		[]string{"consignment.bill_of_lading"}},
	{"bill of lading oversized", func(d *domain.Details) { d.Consignment.BillOfLading = long(model.MaxShortLen + 1) },
		[]string{"consignment.bill_of_lading"}},
	{"air waybill check digit wrong", func(d *domain.Details) { d.Consignment.AirWaybill = "176-12345676" },
		[]string{"consignment.air_waybill"}},
	{"air waybill too short", func(d *domain.Details) { d.Consignment.AirWaybill = "176-1234567" },
		[]string{"consignment.air_waybill"}},

	{"no route", func(d *domain.Details) { d.Route = nil }, []string{"route"}},
	{"route too long", func(d *domain.Details) {
		for len(d.Route) <= domain.MaxPortCalls {
			d.Route = append(d.Route, d.Route[0])
		}
	}, []string{"route"}},
	{"port call role unspecified", func(d *domain.Details) { d.Route[1].Role = 0 }, []string{"route[1].role"}},
	{"port call role unknown", func(d *domain.Details) { d.Route[1].Role = domain.PortDischarge + 1 },
		[]string{"route[1].role"}},
	{"port name empty", func(d *domain.Details) { d.Route[0].Port = "" }, []string{"route[0].port"}},
	{"port name oversized", func(d *domain.Details) { d.Route[0].Port = long(model.MaxNameLen + 1) },
		[]string{"route[0].port"}},
	{"locode four characters", func(d *domain.Details) { d.Route[1].LOCODE = "KRPU" }, []string{"route[1].locode"}},
	{"locode lower case", func(d *domain.Details) { d.Route[1].LOCODE = "krpus" }, []string{"route[1].locode"}},
	{"locode with a space", func(d *domain.Details) { d.Route[1].LOCODE = "KR PUS" }, []string{"route[1].locode"}},
	{"locode starting with a digit", func(d *domain.Details) { d.Route[1].LOCODE = "1RPUS" }, []string{"route[1].locode"}},
	{"port country empty", func(d *domain.Details) { d.Route[2].Country = "" }, []string{"route[2].country"}},
	{"port country unknown", func(d *domain.Details) { d.Route[2].Country = "XXX" }, []string{"route[2].country"}},
	{"port call without dates", func(d *domain.Details) { d.Route[2].ArrivalDate = "" }, []string{"route[2].arrival_date"}},
	{"arrival date in another format", func(d *domain.Details) { d.Route[1].ArrivalDate = "22/03/2025" },
		[]string{"route[1].arrival_date"}},
	{"departure date impossible", func(d *domain.Details) { d.Route[1].DepartureDate = "2025-02-30" },
		[]string{"route[1].departure_date"}},
	{"both dates wrong", func(d *domain.Details) { d.Route[1].ArrivalDate, d.Route[1].DepartureDate = "x", "y" },
		[]string{"route[1].arrival_date", "route[1].departure_date"}},
	{"departure before arrival", func(d *domain.Details) { d.Route[1].DepartureDate = "2025-03-21" },
		[]string{"route[1].departure_date"}},
	{"every port call field wrong", func(d *domain.Details) {
		d.Route[0] = domain.PortCall{Role: 9, LOCODE: "x", Country: "chn"}
	}, []string{"route[0].role", "route[0].port", "route[0].locode", "route[0].country", "route[0].arrival_date"}},

	{"no parties", func(d *domain.Details) { d.Parties = nil }, []string{"parties"}},
	{"too many parties", func(d *domain.Details) {
		for len(d.Parties) <= model.MaxParties {
			d.Parties = append(d.Parties, d.Parties[1])
		}
	}, []string{"parties"}},
	{"party name empty", func(d *domain.Details) { d.Parties[1].Name = "" }, []string{"parties[1].name"}},
	{"party role unknown", func(d *domain.Details) { d.Parties[0].Role = 99 }, []string{"parties[0].role"}},
	{"party country unknown", func(d *domain.Details) { d.Parties[0].Country = "XXX" }, []string{"parties[0].country"}},
	{"party address without city", func(d *domain.Details) { d.Parties[0].Addresses[0].City = "" },
		[]string{"parties[0].addresses[0].city"}},

	{"declared description empty", func(d *domain.Details) { d.Cargo.DeclaredDescription = "" },
		[]string{"cargo.declared_description"}},
	{"declared description oversized", func(d *domain.Details) { d.Cargo.DeclaredDescription = long(model.MaxTextLen + 1) },
		[]string{"cargo.declared_description"}},
	{"HS code of four digits", func(d *domain.Details) { d.Cargo.HSCode = "8413" }, []string{"cargo.hs_code"}},
	{"HS code of seven digits", func(d *domain.Details) { d.Cargo.HSCode = "8413701" }, []string{"cargo.hs_code"}},
	{"HS code of nine digits", func(d *domain.Details) { d.Cargo.HSCode = "841370100" }, []string{"cargo.hs_code"}},
	{"HS code of twelve digits", func(d *domain.Details) { d.Cargo.HSCode = "841370100000" }, []string{"cargo.hs_code"}},
	{"HS code with a dot", func(d *domain.Details) { d.Cargo.HSCode = "8413.70" }, []string{"cargo.hs_code"}},
	{"no suspected entry", func(d *domain.Details) { d.Cargo.SuspectedEntries = nil }, []string{"cargo.suspected_entries"}},
	{"suspected entry partial", func(d *domain.Details) { d.Cargo.SuspectedEntries[0].MTCRCode = "3.A" },
		[]string{"cargo.suspected_entries[0].mtcr_code"}},
	{"suspected entry reserved item", func(d *domain.Details) { d.Cargo.SuspectedEntries[0].MTCRCode = "5.A.1" },
		[]string{"cargo.suspected_entries[0].mtcr_code"}},
	{"quantity without unit", func(d *domain.Details) { d.Cargo.Quantity.Unit = "" }, []string{"cargo.quantity.unit"}},
	{"quantity negative", func(d *domain.Details) { d.Cargo.Quantity.Amount = "-1" }, []string{"cargo.quantity.amount"}},

	{"requested action unspecified", func(d *domain.Details) { d.RequestedAction = 0 }, []string{"requested_action"}},
	{"requested action unknown", func(d *domain.Details) { d.RequestedAction = domain.ActionHold + 1 },
		[]string{"requested_action"}},

	{"no addressed member", func(d *domain.Details) { d.AddressedMembers = nil }, []string{"addressed_members"}},
	{"addressed member not a country", func(d *domain.Details) { d.AddressedMembers[1] = "jpn" },
		[]string{"addressed_members[1]"}},
	{"addressed member not in the roster", func(d *domain.Details) {
		d.AddressedMembers = append(d.AddressedMembers, "CHN")
	}, []string{"addressed_members[2]"}},
	{"addressed originator", func(d *domain.Details) { d.AddressedMembers = append(d.AddressedMembers, "USA") },
		[]string{"addressed_members[2]"}},
	{"addressed twice", func(d *domain.Details) { d.AddressedMembers = append(d.AddressedMembers, "KOR") },
		[]string{"addressed_members[2]"}},
	{"addressed outside the releasability", func(d *domain.Details) {
		d.AddressedMembers = append(d.AddressedMembers, "FRA")
	}, []string{"addressed_members[2]"}},
	{"addressed member removed from the releasability", func(d *domain.Details) {
		d.Releasability.Members = []string{"DEU", "KOR"}
	}, []string{"addressed_members[1]"}},
	{"too many addressed members", func(d *domain.Details) {
		d.AddressedMembers = make([]string, model.MaxMembers+1)
	}, []string{"addressed_members"}},

	{"deadline missing", func(d *domain.Details) { d.ResponseDeadline = time.Time{} }, []string{"response_deadline"}},
	{"deadline now", func(d *domain.Details) { d.ResponseDeadline = now }, []string{"response_deadline"}},
	{"deadline passed", func(d *domain.Details) { d.ResponseDeadline = now.Add(-time.Minute) }, []string{"response_deadline"}},
	{"deadline too far ahead", func(d *domain.Details) { d.ResponseDeadline = now.Add(domain.MaxResponseWindow + time.Second) },
		[]string{"response_deadline"}},
	{"deadline at the end of time", func(d *domain.Details) { d.ResponseDeadline = time.Unix(1<<62, 0) },
		[]string{"response_deadline"}},

	{"summary empty", func(d *domain.Details) { d.Summary = "" }, []string{"summary"}},
	{"summary oversized", func(d *domain.Details) { d.Summary = long(model.MaxTextLen + 1) }, []string{"summary"}},
	{"summary with NUL", func(d *domain.Details) { d.Summary = "engines\x00" }, []string{"summary"}},
	{"destination empty", func(d *domain.Details) { d.Destination = "" }, []string{"destination_country"}},
	{"destination lower case", func(d *domain.Details) { d.Destination = "irn" }, []string{"destination_country"}},
	{"releasability empty", func(d *domain.Details) {
		d.Releasability = model.Releasability{}
	}, []string{"addressed_members[0]", "addressed_members[1]", "releasability.members"}},
	{"releasability lists a non-member", func(d *domain.Details) {
		d.Releasability.Members = append(d.Releasability.Members, "CHN")
	}, []string{"releasability.members[3]"}},
	{"marking unspecified", func(d *domain.Details) { d.Marking = 0 }, []string{"marking"}},
	{"marking unknown", func(d *domain.Details) { d.Marking = model.MarkingConfidential + 1 }, []string{"marking"}},
	{"every enum unknown", func(d *domain.Details) {
		d.Type, d.Urgency, d.RequestedAction, d.Marking = 9, 9, 9, 9
	}, []string{"type", "urgency", "requested_action", "marking"}},
}

// validVariants are valid alerts unlike the base one.
var validVariants = []struct {
	name   string
	modify func(d *domain.Details)
}{
	{"vessel only", func(d *domain.Details) { d.Consignment = domain.Consignment{} }},
	{"vessel by MMSI only", func(d *domain.Details) { d.Vessel.IMONumber, d.Consignment = "", domain.Consignment{} }},
	{"vessel by IMO number only", func(d *domain.Details) { d.Vessel = domain.Vessel{IMONumber: "9074729"} }},
	{"consignment only, by bill of lading", func(d *domain.Details) {
		d.Vessel, d.Consignment = domain.Vessel{}, domain.Consignment{BillOfLading: "COSU6123456780"}
	}},
	{"flight by number", func(d *domain.Details) {
		d.Vessel, d.Consignment, d.Flight = domain.Vessel{}, domain.Consignment{}, domain.Flight{Number: "QR8841"}
	}},
	{"flight by registration, with air waybill", func(d *domain.Details) {
		d.Vessel, d.Flight = domain.Vessel{}, domain.Flight{Registration: "EP-ABC", Operator: "Example Cargo"}
		d.Consignment = domain.Consignment{AirWaybill: "176-12345675"}
	}},
	{"flight numbers of every shape", func(d *domain.Details) { d.Flight = domain.Flight{Number: "EK1"} }},
	{"ICAO designator with suffix", func(d *domain.Details) { d.Flight = domain.Flight{Number: "UAE9A"} }},
	{"IATA designator with a digit", func(d *domain.Details) { d.Flight = domain.Flight{Number: "3U8501"} }},
	{"air waybill without hyphen", func(d *domain.Details) { d.Consignment.AirWaybill = "17612345675" }},
	{"several containers", func(d *domain.Details) {
		d.Consignment.ContainerNumbers = []string{"CSQU3054383", "MSKU9070323", "TGHU8765436"}
	}},
	{"no HS code", func(d *domain.Details) { d.Cargo.HSCode = "" }},
	{"HS code of eight digits", func(d *domain.Details) { d.Cargo.HSCode = "84137021" }},
	{"HS code of ten digits", func(d *domain.Details) { d.Cargo.HSCode = "8413702100" }},
	{"no quantity", func(d *domain.Details) { d.Cargo.Quantity = model.Quantity{} }},
	{"no locode, no flag, no call sign", func(d *domain.Details) {
		d.Route[0].LOCODE, d.Vessel.Flag, d.Vessel.CallSign = "", "", ""
	}},
	{"locode with digits", func(d *domain.Details) { d.Route[0].LOCODE = "DE2HM" }},
	{"departure on arrival day", func(d *domain.Details) { d.Route[1].DepartureDate = d.Route[1].ArrivalDate }},
	{"one port call", func(d *domain.Details) { d.Route = d.Route[:1] }},
	{"all members, addressing anyone", func(d *domain.Details) {
		d.Releasability = model.Releasability{AllMembers: true}
		d.AddressedMembers = []string{"FRA", "GBR", "JPN", "KOR", "DEU"}
	}},
	{"one addressed member", func(d *domain.Details) { d.AddressedMembers = []string{"JPN"} }},
	{"deadline a second from now", func(d *domain.Details) { d.ResponseDeadline = now.Add(time.Second) }},
	{"deadline at the end of the window", func(d *domain.Details) { d.ResponseDeadline = now.Add(domain.MaxResponseWindow) }},
	{"deadline in another time zone", func(d *domain.Details) { d.ResponseDeadline = deadline.In(time.FixedZone("KST", 9*3600)) }},
	{"every type, urgency and action", func(d *domain.Details) {
		d.Type, d.Urgency, d.RequestedAction = domain.TypeReExport, domain.UrgencyRoutine, domain.ActionHold
	}},
	{"multiline summary", func(d *domain.Details) { d.Summary = "Line one.\nLine two.\tTabbed." }},
	{"unclassified marking", func(d *domain.Details) { d.Marking = model.MarkingUnclassified }},
}

func TestDetailsValidate_Invalid(t *testing.T) {
	for _, tt := range invalidDetails {
		t.Run(tt.name, func(t *testing.T) {
			d := validDetails(t)
			tt.modify(&d)
			wantFields(t, nil, d.Validate(roster, "USA", now), tt.fields...)
		})
	}
}

func TestDetailsValidate_Valid(t *testing.T) {
	if err := validDetails(t).Validate(roster, "USA", now); err != nil {
		t.Fatalf("base alert: %v", err)
	}
	for _, tt := range validVariants {
		t.Run(tt.name, func(t *testing.T) {
			d := validDetails(t)
			tt.modify(&d)
			if err := d.Validate(roster, "USA", now); err != nil {
				t.Fatalf("Validate = %v", err)
			}
		})
	}
}

func TestResponseValidate(t *testing.T) {
	good := domain.Response{ActionTaken: domain.ActionInspect, Outcome: domain.OutcomeSeized, Text: "Seized at Busan."}
	tests := []struct {
		name   string
		modify func(r *domain.Response)
		fields []string
	}{
		{"valid", func(*domain.Response) {}, nil},
		{"every outcome", func(r *domain.Response) { r.Outcome = domain.OutcomeMonitoring }, nil},
		{"text at the limit, multiline", func(r *domain.Response) { r.Text = "a\n" + long(model.MaxTextLen-2) }, nil},
		{"action unspecified", func(r *domain.Response) { r.ActionTaken = 0 }, []string{"action_taken"}},
		{"action unknown", func(r *domain.Response) { r.ActionTaken = domain.ActionHold + 1 }, []string{"action_taken"}},
		{"outcome unspecified", func(r *domain.Response) { r.Outcome = 0 }, []string{"outcome"}},
		{"outcome unknown", func(r *domain.Response) { r.Outcome = domain.OutcomeMonitoring + 1 }, []string{"outcome"}},
		{"outcome negative", func(r *domain.Response) { r.Outcome = -3 }, []string{"outcome"}},
		{"text empty", func(r *domain.Response) { r.Text = "" }, []string{"text"}},
		{"text blank", func(r *domain.Response) { r.Text = " \n" }, []string{"text"}},
		{"text oversized", func(r *domain.Response) { r.Text = long(model.MaxTextLen + 1) }, []string{"text"}},
		{"text invalid UTF-8", func(r *domain.Response) { r.Text = "\xff" }, []string{"text"}},
		{"all wrong", func(r *domain.Response) { *r = domain.Response{} }, []string{"action_taken", "outcome", "text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			tt.modify(&r)
			err := r.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate = %v", err)
				}
				return
			}
			wantFields(t, nil, err, tt.fields...)
		})
	}
}

func TestEnumsValid(t *testing.T) {
	checks := []struct {
		name  string
		valid func(int) bool
		max   int
	}{
		{"AlertType", func(i int) bool { return domain.AlertType(i).Valid() }, int(domain.TypeReExport)},
		{"Urgency", func(i int) bool { return domain.Urgency(i).Valid() }, int(domain.UrgencyImmediate)},
		{"Action", func(i int) bool { return domain.Action(i).Valid() }, int(domain.ActionHold)},
		{"Outcome", func(i int) bool { return domain.Outcome(i).Valid() }, int(domain.OutcomeMonitoring)},
		{"PortCallRole", func(i int) bool { return domain.PortCallRole(i).Valid() }, int(domain.PortDischarge)},
	}
	for _, c := range checks {
		for i := -1; i <= c.max+1; i++ {
			if want := i >= 1 && i <= c.max; c.valid(i) != want {
				t.Errorf("%s(%d).Valid() = %v, want %v", c.name, i, !want, want)
			}
		}
	}
}

// Every field error names a path the protobuf message has, so clients
// can map violations to their form fields.
func TestInvalidDetailsCoverEveryTopField(t *testing.T) {
	seen := map[string]bool{}
	for _, tt := range invalidDetails {
		for _, f := range tt.fields {
			seen[topField(f)] = true
		}
	}
	for _, f := range detailsFields {
		if !seen[f] {
			t.Errorf("no invalid case for %q", f)
		}
	}
	if len(seen) != len(detailsFields) {
		t.Errorf("cases cover %d top fields %v, want %d", len(seen), fmt.Sprint(seen), len(detailsFields))
	}
}
