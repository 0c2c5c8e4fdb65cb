package domain_test

import (
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// validReports lists variants that must pass validation.
var validReports = []struct {
	name   string
	modify func(r *domain.Report)
}{
	{"as given", func(*domain.Report) {}},
	{"no agency", func(r *domain.Report) { r.Agency = "" }},
	{"no last contact date", func(r *domain.Report) { r.LastContactDate = "" }},
	{"one-day contact", func(r *domain.Report) { r.LastContactDate = r.FirstContactDate }},
	{"every channel", func(r *domain.Report) { r.Channel = domain.ChannelOther }},
	{"item with no control entry known", func(r *domain.Report) { r.Items[0].ControlEntries = nil }},
	{"item without parameters or quantity", func(r *domain.Report) {
		r.Items[0].TechnicalParameters, r.Items[0].Quantity = "", model.Quantity{}
	}},
	{"fifty items", func(r *domain.Report) {
		for len(r.Items) < domain.MaxItems {
			r.Items = append(r.Items, r.Items[1])
		}
	}},
	{"only the two required parties", func(r *domain.Report) { r.Parties = r.Parties[:2] }},
	{"every other role a report allows", func(r *domain.Report) {
		r.Parties = append(r.Parties,
			model.Party{Role: model.RoleIntermediary, Name: "A"}, model.Party{Role: model.RoleBroker, Name: "B"},
			model.Party{Role: model.RoleConsignee, Name: "C"}, model.Party{Role: model.RoleOther, Name: "D"})
	}},
	{"end-user listed before the enquirer", func(r *domain.Report) { r.Parties[0], r.Parties[1] = r.Parties[1], r.Parties[0] }},
	{"no payment route", func(r *domain.Report) { r.PaymentRoute = domain.PaymentRoute{} }},
	{"payment route with description only", func(r *domain.Report) {
		r.PaymentRoute = domain.PaymentRoute{Description: "Letter of credit\nfrom a third country."}
	}},
	{"no shipping route", func(r *domain.Report) { r.ShippingRoute = nil }},
	{"place without name", func(r *domain.Report) { r.ShippingRoute[0].Name = "" }},
	{"no red flags", func(r *domain.Report) { r.RedFlags = nil }},
	{"every red flag once", func(r *domain.Report) {
		r.RedFlags = nil
		for f := domain.FlagNewCustomerIncompleteKnowledge; f <= domain.FlagPOBoxAddress; f++ {
			r.RedFlags = append(r.RedFlags, f)
		}
	}},
	{"outcome pending", func(r *domain.Report) { r.Outcome = domain.OutcomePending }},
	{"outcome unknown", func(r *domain.Report) { r.Outcome = domain.OutcomeUnknown }},
	{"confidence cannot be judged", func(r *domain.Report) { r.SourceConfidence = domain.ConfidenceCannotBeJudged }},
	{"summary at the limit", func(r *domain.Report) { r.Summary = long(model.MaxTextLen) }},
	{"releasable to all members", func(r *domain.Report) { r.Releasability = model.Releasability{AllMembers: true} }},
	{"unclassified", func(r *domain.Report) { r.Marking = model.MarkingUnclassified }},
}

func TestReportValidate_Valid(t *testing.T) {
	for _, tt := range validReports {
		t.Run(tt.name, func(t *testing.T) {
			r := validReport(t)
			tt.modify(&r)
			if err := r.Validate(roster, "FRA"); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
}

// invalidReports lists one kind of mistake per case, with the field paths
// (relative to the report, in validation order) each must produce.
var invalidReports = []struct {
	name   string
	modify func(r *domain.Report)
	fields []string
}{
	{"reference empty", func(r *domain.Report) { r.Reference = "" }, []string{"reference"}},
	{"reference blank", func(r *domain.Report) { r.Reference = " \t" }, []string{"reference"}},
	{"reference oversized", func(r *domain.Report) { r.Reference = long(model.MaxShortLen + 1) }, []string{"reference"}},
	{"reference with newline", func(r *domain.Report) { r.Reference = "FR-1\nFR-2" }, []string{"reference"}},
	{"reference invalid UTF-8", func(r *domain.Report) { r.Reference = "FR-\xc3\x28" }, []string{"reference"}},
	{"agency oversized", func(r *domain.Report) { r.Agency = long(model.MaxNameLen + 1) }, []string{"agency"}},
	{"agency with RLO", func(r *domain.Report) { r.Agency = "DNRED\u202e" }, []string{"agency"}},
	{"agency multiline", func(r *domain.Report) { r.Agency = "customs\nintelligence" }, []string{"agency"}},
	{"first contact missing", func(r *domain.Report) { r.FirstContactDate = "" }, []string{"first_contact_date"}},
	{"first contact other format", func(r *domain.Report) { r.FirstContactDate = "11/02/2025" }, []string{"first_contact_date"}},
	{"first contact impossible", func(r *domain.Report) { r.FirstContactDate = "2025-02-30" }, []string{"first_contact_date"}},
	{"last contact impossible", func(r *domain.Report) { r.LastContactDate = "2025-13-01" }, []string{"last_contact_date"}},
	{"last contact before first", func(r *domain.Report) { r.LastContactDate = "2025-02-10" }, []string{"last_contact_date"}},
	{"both dates bad", func(r *domain.Report) { r.FirstContactDate, r.LastContactDate = "x", "y" },
		[]string{"first_contact_date", "last_contact_date"}},
	{"last contact without first", func(r *domain.Report) { r.FirstContactDate = "" }, []string{"first_contact_date"}},
	{"channel unspecified", func(r *domain.Report) { r.Channel = 0 }, []string{"channel"}},
	{"channel unknown", func(r *domain.Report) { r.Channel = domain.ChannelOther + 1 }, []string{"channel"}},
	{"channel negative", func(r *domain.Report) { r.Channel = -1 }, []string{"channel"}},
	{"outcome unspecified", func(r *domain.Report) { r.Outcome = 0 }, []string{"outcome"}},
	{"outcome unknown", func(r *domain.Report) { r.Outcome = domain.OutcomeUnknown + 1 }, []string{"outcome"}},
	{"confidence unspecified", func(r *domain.Report) { r.SourceConfidence = 0 }, []string{"source_confidence"}},
	{"confidence unknown", func(r *domain.Report) { r.SourceConfidence = 6 }, []string{"source_confidence"}},
	{"marking unspecified", func(r *domain.Report) { r.Marking = 0 }, []string{"marking"}},
	{"marking unknown", func(r *domain.Report) { r.Marking = model.MarkingConfidential + 1 }, []string{"marking"}},
	{"every enum unknown", func(r *domain.Report) { r.Channel, r.Outcome, r.SourceConfidence, r.Marking = 99, 99, 99, 99 },
		[]string{"channel", "outcome", "source_confidence", "marking"}},
	{"no items", func(r *domain.Report) { r.Items = nil }, []string{"items"}},
	{"too many items", func(r *domain.Report) {
		for len(r.Items) <= domain.MaxItems {
			r.Items = append(r.Items, r.Items[1])
		}
	}, []string{"items"}},
	{"item description empty", func(r *domain.Report) { r.Items[1].Description = "" }, []string{"items[1].description"}},
	{"item description blank lines", func(r *domain.Report) { r.Items[0].Description = "\n \n" }, []string{"items[0].description"}},
	{"item description oversized", func(r *domain.Report) { r.Items[0].Description = long(model.MaxTextLen + 1) },
		[]string{"items[0].description"}},
	{"item description with NUL", func(r *domain.Report) { r.Items[0].Description = "valve\x00" }, []string{"items[0].description"}},
	{"control code partial", func(r *domain.Report) { r.Items[0].ControlEntries[0].MTCRCode = "10.A" },
		[]string{"items[0].control_entries[0].mtcr_code"}},
	{"control code reserved item", func(r *domain.Report) { r.Items[0].ControlEntries[0].MTCRCode = "7.A.1" },
		[]string{"items[0].control_entries[0].mtcr_code"}},
	{"control code national spelling", func(r *domain.Report) { r.Items[0].ControlEntries[0].MTCRCode = "9A610" },
		[]string{"items[0].control_entries[0].mtcr_code"}},
	{"control entry empty", func(r *domain.Report) { r.Items[1].ControlEntries = []model.ControlEntry{{}} },
		[]string{"items[1].control_entries[0].mtcr_code"}},
	{"national code oversized", func(r *domain.Report) { r.Items[0].ControlEntries[0].NationalCode = long(33) },
		[]string{"items[0].control_entries[0].national_code"}},
	{"too many control entries", func(r *domain.Report) {
		for len(r.Items[0].ControlEntries) <= model.MaxEntries {
			r.Items[0].ControlEntries = append(r.Items[0].ControlEntries, r.Items[0].ControlEntries[0])
		}
	}, []string{"items[0].control_entries"}},
	{"technical parameters oversized", func(r *domain.Report) { r.Items[0].TechnicalParameters = long(model.MaxTextLen + 1) },
		[]string{"items[0].technical_parameters"}},
	{"technical parameters with bidi isolate", func(r *domain.Report) { r.Items[0].TechnicalParameters = "20 g \u2067x\u2069" },
		[]string{"items[0].technical_parameters"}},
	{"quantity negative", func(r *domain.Report) { r.Items[0].Quantity.Amount = "-40" }, []string{"items[0].quantity.amount"}},
	{"quantity without unit", func(r *domain.Report) { r.Items[0].Quantity.Unit = "" }, []string{"items[0].quantity.unit"}},
	{"no parties", func(r *domain.Report) { r.Parties = nil }, []string{"parties"}},
	{"too many parties", func(r *domain.Report) {
		for len(r.Parties) <= model.MaxParties {
			r.Parties = append(r.Parties, r.Parties[2])
		}
	}, []string{"parties"}},
	{"no enquiring party", func(r *domain.Report) { r.Parties = r.Parties[1:] }, []string{"parties"}},
	{"no end-user", func(r *domain.Report) { r.Parties[1].Role = model.RoleConsignee }, []string{"parties"}},
	{"neither enquirer nor end-user", func(r *domain.Report) { r.Parties = r.Parties[2:] }, []string{"parties", "parties"}},
	{"enquirer role unspecified", func(r *domain.Report) { r.Parties[0].Role = 0 }, []string{"parties[0].role", "parties"}},
	{"party role unknown", func(r *domain.Report) { r.Parties[2].Role = model.RoleCarrier + 1 }, []string{"parties[2].role"}},
	{"party role exporter not in a report", func(r *domain.Report) { r.Parties[2].Role = model.RoleExporter },
		[]string{"parties[2].role"}},
	{"party role carrier not in a report", func(r *domain.Report) { r.Parties[2].Role = model.RoleCarrier },
		[]string{"parties[2].role"}},
	{"party name empty", func(r *domain.Report) { r.Parties[1].Name = "" }, []string{"parties[1].name"}},
	{"party alias with control", func(r *domain.Report) { r.Parties[0].Aliases[0] = "GPT\x1b" }, []string{"parties[0].aliases[0]"}},
	{"party country lowercase", func(r *domain.Report) { r.Parties[0].Country = "are" }, []string{"parties[0].country"}},
	{"party address without country", func(r *domain.Report) { r.Parties[1].Addresses[0].Country = "" },
		[]string{"parties[1].addresses[0].country"}},
	{"party phone not a number", func(r *domain.Report) { r.Parties[0].Phones[0] = "call me" }, []string{"parties[0].phones[0]"}},
	{"party e-mail with display name", func(r *domain.Report) { r.Parties[0].Emails[0] = "Sales <sales@gpt.example>" },
		[]string{"parties[0].emails[0]"}},
	{"party web site ftp", func(r *domain.Report) { r.Parties[0].Websites[0] = "ftp://gulfprecision.example.ae" },
		[]string{"parties[0].websites[0]"}},
	{"payment description oversized", func(r *domain.Report) { r.PaymentRoute.Description = long(model.MaxTextLen + 1) },
		[]string{"payment_route.description"}},
	{"payment country unknown", func(r *domain.Report) { r.PaymentRoute.Countries[1] = "XXX" },
		[]string{"payment_route.countries[1]"}},
	{"payment country empty", func(r *domain.Report) { r.PaymentRoute.Countries[0] = "" },
		[]string{"payment_route.countries[0]"}},
	{"too many payment countries", func(r *domain.Report) {
		for len(r.PaymentRoute.Countries) <= domain.MaxRoute {
			r.PaymentRoute.Countries = append(r.PaymentRoute.Countries, "TUR")
		}
	}, []string{"payment_route.countries"}},
	{"payment institution blank", func(r *domain.Report) { r.PaymentRoute.Institutions[0] = " " },
		[]string{"payment_route.institutions[0]"}},
	{"payment institution oversized", func(r *domain.Report) { r.PaymentRoute.Institutions[0] = long(model.MaxNameLen + 1) },
		[]string{"payment_route.institutions[0]"}},
	{"too many institutions", func(r *domain.Report) {
		for len(r.PaymentRoute.Institutions) <= domain.MaxRoute {
			r.PaymentRoute.Institutions = append(r.PaymentRoute.Institutions, "Bank")
		}
	}, []string{"payment_route.institutions"}},
	{"place without country", func(r *domain.Report) { r.ShippingRoute[1].Country = "" }, []string{"shipping_route[1].country"}},
	{"place country alpha-2", func(r *domain.Report) { r.ShippingRoute[2].Country = "IR" }, []string{"shipping_route[2].country"}},
	{"place name multiline", func(r *domain.Report) { r.ShippingRoute[0].Name = "Le\nHavre" }, []string{"shipping_route[0].name"}},
	{"too many places", func(r *domain.Report) {
		for len(r.ShippingRoute) <= domain.MaxRoute {
			r.ShippingRoute = append(r.ShippingRoute, r.ShippingRoute[0])
		}
	}, []string{"shipping_route"}},
	{"red flag unspecified", func(r *domain.Report) { r.RedFlags[1] = 0 }, []string{"red_flags[1]"}},
	{"red flag unknown", func(r *domain.Report) { r.RedFlags[0] = domain.FlagPOBoxAddress + 1 }, []string{"red_flags[0]"}},
	{"red flag twice", func(r *domain.Report) { r.RedFlags = append(r.RedFlags, r.RedFlags[0]) }, []string{"red_flags[3]"}},
	{"too many red flags", func(r *domain.Report) {
		for len(r.RedFlags) <= domain.MaxRedFlags {
			r.RedFlags = append(r.RedFlags, domain.FlagThinWebPresence)
		}
	}, []string{"red_flags"}},
	{"destination empty", func(r *domain.Report) { r.Destination = "" }, []string{"destination_country"}},
	{"destination unknown", func(r *domain.Report) { r.Destination = "XXX" }, []string{"destination_country"}},
	{"destination lowercase", func(r *domain.Report) { r.Destination = "irn" }, []string{"destination_country"}},
	{"summary empty", func(r *domain.Report) { r.Summary = "" }, []string{"summary"}},
	{"summary oversized", func(r *domain.Report) { r.Summary = long(model.MaxTextLen + 1) }, []string{"summary"}},
	{"summary with line separator", func(r *domain.Report) { r.Summary = "a\u2028b" }, []string{"summary"}},
	{"releasability unset", func(r *domain.Report) { r.Releasability = model.Releasability{} },
		[]string{"releasability.members"}},
	{"releasability lists the originator", func(r *domain.Report) { r.Releasability.Members = []string{"FRA"} },
		[]string{"releasability.members[0]"}},
	{"releasability lists a non-member", func(r *domain.Report) { r.Releasability.Members = append(r.Releasability.Members, "CHN") },
		[]string{"releasability.members[2]"}},
	{"releasability twice", func(r *domain.Report) { r.Releasability.Members = []string{"DEU", "DEU"} },
		[]string{"releasability.members[1]"}},
	{"releasability all and a list", func(r *domain.Report) { r.Releasability.AllMembers = true },
		[]string{"releasability.members"}},
	{"several mistakes at once", func(r *domain.Report) {
		r.Reference, r.Channel, r.Items[0].Description, r.Destination = "", 0, "", "XX"
	}, []string{"reference", "channel", "items[0].description", "destination_country"}},
}

func TestReportValidate_Invalid(t *testing.T) {
	for _, tt := range invalidReports {
		t.Run(tt.name, func(t *testing.T) {
			r := validReport(t)
			tt.modify(&r)
			if got := fieldPaths(t, r.Validate(roster, "FRA")); !slices.Equal(got, tt.fields) {
				t.Fatalf("field errors on %q, want %q", got, tt.fields)
			}
		})
	}
}

func TestEnumsValid(t *testing.T) {
	tests := []struct {
		name  string
		valid func(int) bool
		last  int
	}{
		{"channel", func(v int) bool { return domain.Channel(v).Valid() }, int(domain.ChannelOther)},
		{"red flag", func(v int) bool { return domain.RedFlag(v).Valid() }, int(domain.FlagPOBoxAddress)},
		{"outcome", func(v int) bool { return domain.Outcome(v).Valid() }, int(domain.OutcomeUnknown)},
		{"confidence", func(v int) bool { return domain.Confidence(v).Valid() }, int(domain.ConfidenceCannotBeJudged)},
		{"item kind", func(v int) bool { return domain.ItemKind(v).Valid() }, int(domain.KindProcurement)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for v := -1; v <= tt.last+1; v++ {
				if want := v >= 1 && v <= tt.last; tt.valid(v) != want {
					t.Errorf("Valid(%d) = %v, want %v", v, !want, want)
				}
			}
		})
	}
}
