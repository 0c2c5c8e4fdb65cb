package domain_test

import (
	"fmt"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// invalidNotices lists one kind of mistake per case, with the field paths
// (relative to the notice, in validation order) each must produce.
var invalidNotices = []struct {
	name   string
	modify func(n *domain.Notice)
	fields []string
}{
	{"reference empty", func(n *domain.Notice) { n.Reference = "" }, []string{"reference"}},
	{"reference blank", func(n *domain.Notice) { n.Reference = " \t" }, []string{"reference"}},
	{"reference oversized", func(n *domain.Notice) { n.Reference = long(model.MaxShortLen + 1) }, []string{"reference"}},
	{"reference with newline", func(n *domain.Notice) { n.Reference = "FR-1\nFR-2" }, []string{"reference"}},
	{"reference invalid UTF-8", func(n *domain.Notice) { n.Reference = "FR-\xc3\x28" }, []string{"reference"}},
	{"authority empty", func(n *domain.Notice) { n.Authority = "" }, []string{"authority"}},
	{"authority oversized", func(n *domain.Notice) { n.Authority = long(model.MaxNameLen + 1) }, []string{"authority"}},
	{"authority with RLO", func(n *domain.Notice) { n.Authority = "SBDU\u202e" }, []string{"authority"}},
	{"denial date empty", func(n *domain.Notice) { n.DenialDate = "" }, []string{"denial_date"}},
	{"denial date in another format", func(n *domain.Notice) { n.DenialDate = "14/03/2025" }, []string{"denial_date"}},
	{"denial date impossible", func(n *domain.Notice) { n.DenialDate = "2025-02-29" }, []string{"denial_date"}},
	{"decision unspecified", func(n *domain.Notice) { n.Decision = 0 }, []string{"decision"}},
	{"decision negative", func(n *domain.Notice) { n.Decision = -1 }, []string{"decision"}},
	{"decision unknown", func(n *domain.Notice) { n.Decision = domain.DecisionRevoked + 1 }, []string{"decision"}},
	{"basis unspecified", func(n *domain.Notice) { n.Basis = 0 }, []string{"basis"}},
	{"basis unknown", func(n *domain.Notice) { n.Basis = domain.BasisCatchAll + 1 }, []string{"basis"}},
	{"marking unspecified", func(n *domain.Notice) { n.Marking = 0 }, []string{"marking"}},
	{"marking unknown", func(n *domain.Notice) { n.Marking = model.MarkingConfidential + 1 }, []string{"marking"}},
	{"every enum unknown", func(n *domain.Notice) { n.Decision, n.Basis, n.Marking = 99, 99, 99 },
		[]string{"decision", "basis", "marking"}},
	{"listed item without control entries", func(n *domain.Notice) { n.ControlEntries = nil }, []string{"control_entries"}},
	{"unknown basis without control entries", func(n *domain.Notice) { n.Basis, n.ControlEntries = 0, nil },
		[]string{"basis", "control_entries"}},
	{"control code unknown group", func(n *domain.Notice) { n.ControlEntries[0].MTCRCode = "3.X.1" },
		[]string{"control_entries[0].mtcr_code"}},
	{"control code reserved item", func(n *domain.Notice) { n.ControlEntries[0].MTCRCode = "5.A.1" },
		[]string{"control_entries[0].mtcr_code"}},
	{"control code out of range", func(n *domain.Notice) { n.ControlEntries[0].MTCRCode = "21.A.1" },
		[]string{"control_entries[0].mtcr_code"}},
	{"control code partial", func(n *domain.Notice) { n.ControlEntries[0].MTCRCode = "3.A" },
		[]string{"control_entries[0].mtcr_code"}},
	{"control code national spelling", func(n *domain.Notice) { n.ControlEntries[0].MTCRCode = "9A101" },
		[]string{"control_entries[0].mtcr_code"}},
	{"second control entry empty", func(n *domain.Notice) {
		n.ControlEntries = append(n.ControlEntries, model.ControlEntry{})
	}, []string{"control_entries[1].mtcr_code"}},
	{"national code oversized", func(n *domain.Notice) { n.ControlEntries[0].NationalCode = long(33) },
		[]string{"control_entries[0].national_code"}},
	{"catch-all with an invalid entry", func(n *domain.Notice) {
		n.Basis, n.ControlEntries = domain.BasisCatchAll, []model.ControlEntry{{MTCRCode: "9.A"}}
	}, []string{"control_entries[0].mtcr_code"}},
	{"51 control entries", func(n *domain.Notice) {
		for len(n.ControlEntries) <= model.MaxEntries {
			n.ControlEntries = append(n.ControlEntries, n.ControlEntries[0])
		}
	}, []string{"control_entries"}},
	{"item description empty", func(n *domain.Notice) { n.ItemDescription = "" }, []string{"item_description"}},
	{"item description blank lines", func(n *domain.Notice) { n.ItemDescription = "\n \n" }, []string{"item_description"}},
	{"item description oversized", func(n *domain.Notice) { n.ItemDescription = long(model.MaxTextLen + 1) },
		[]string{"item_description"}},
	{"item description invalid UTF-8", func(n *domain.Notice) { n.ItemDescription = "engine \xff\xfe" },
		[]string{"item_description"}},
	{"item description with NUL", func(n *domain.Notice) { n.ItemDescription = "engine\x00" }, []string{"item_description"}},
	{"item description with bidi isolate", func(n *domain.Notice) { n.ItemDescription = "engine \u2067x\u2069" },
		[]string{"item_description"}},
	{"quantity negative", func(n *domain.Notice) { n.Quantity.Amount = "-2" }, []string{"quantity.amount"}},
	{"quantity without unit", func(n *domain.Notice) { n.Quantity.Unit = "" }, []string{"quantity.unit"}},
	{"value lowercase currency", func(n *domain.Notice) { n.Value.Currency = "eur" }, []string{"value.currency"}},
	{"value negative", func(n *domain.Notice) { n.Value.AmountMinor = -1 }, []string{"value.amount_minor"}},
	{"destination empty", func(n *domain.Notice) { n.Destination = "" }, []string{"destination_country"}},
	{"destination unknown", func(n *domain.Notice) { n.Destination = "XXX" }, []string{"destination_country"}},
	{"destination lowercase", func(n *domain.Notice) { n.Destination = "irn" }, []string{"destination_country"}},
	{"destination alpha-2", func(n *domain.Notice) { n.Destination = "IR" }, []string{"destination_country"}},
	{"destination withdrawn code", func(n *domain.Notice) { n.Destination = "SCG" }, []string{"destination_country"}},
	{"parties missing", func(n *domain.Notice) { n.Parties = nil }, []string{"parties"}},
	{"parties empty", func(n *domain.Notice) { n.Parties = []model.Party{} }, []string{"parties"}},
	{"51 parties", func(n *domain.Notice) {
		for len(n.Parties) <= model.MaxParties {
			n.Parties = append(n.Parties, n.Parties[0])
		}
	}, []string{"parties"}},
	{"no end-user or consignee", func(n *domain.Notice) {
		n.Parties[0].Role = model.RoleBroker
		n.Parties = append(n.Parties, model.Party{Role: model.RoleIntermediateConsignee, Name: "Jebel Ali Trading FZE"})
	}, []string{"parties"}},
	{"party role unspecified", func(n *domain.Notice) { n.Parties[0].Role = 0 },
		[]string{"parties[0].role", "parties"}},
	{"party role unknown", func(n *domain.Notice) { n.Parties[0].Role = model.RoleCarrier + 1 },
		[]string{"parties[0].role", "parties"}},
	{"party role unknown beside an end-user", func(n *domain.Notice) {
		n.Parties = append(n.Parties, model.Party{Role: 42, Name: "Broker Ltd"})
	}, []string{"parties[1].role"}},
	{"party name empty", func(n *domain.Notice) { n.Parties[0].Name = "" }, []string{"parties[0].name"}},
	{"party alias with control", func(n *domain.Notice) { n.Parties[0].Aliases[1] = "SHIG\x1b" },
		[]string{"parties[0].aliases[1]"}},
	{"party address without country", func(n *domain.Notice) { n.Parties[0].Addresses[0].Country = "" },
		[]string{"parties[0].addresses[0].country"}},
	{"party identifier issuing country unknown", func(n *domain.Notice) {
		n.Parties[0].Identifiers[0].IssuingCountry = "ZZZ"
	}, []string{"parties[0].identifiers[0].issuing_country"}},
	{"second party wrong", func(n *domain.Notice) {
		n.Parties = append(n.Parties, model.Party{Role: model.RoleBroker, Name: "B", Aliases: []string{""}, Country: "uae"})
	}, []string{"parties[1].aliases[0]", "parties[1].country"}},
	{"end use oversized", func(n *domain.Notice) { n.EndUse = long(model.MaxTextLen + 1) }, []string{"end_use"}},
	{"end use invalid UTF-8", func(n *domain.Notice) { n.EndUse = "\x80" }, []string{"end_use"}},
	{"end use with line separator", func(n *domain.Notice) { n.EndUse = "a\u2028b" }, []string{"end_use"}},
	{"reason empty", func(n *domain.Notice) { n.Reason = "" }, []string{"reason"}},
	{"reason oversized", func(n *domain.Notice) { n.Reason = long(model.MaxTextLen + 1) }, []string{"reason"}},
	{"reason invalid UTF-8", func(n *domain.Notice) { n.Reason = "risk\xed\xa0\x80" }, []string{"reason"}},
	{"releasability unset", func(n *domain.Notice) { n.Releasability = model.Releasability{} },
		[]string{"releasability.members"}},
	{"releasability all members with members", func(n *domain.Notice) { n.Releasability.AllMembers = true },
		[]string{"releasability.members"}},
	{"releasability lists the originator", func(n *domain.Notice) { n.Releasability.Members = []string{"FRA", "DEU"} },
		[]string{"releasability.members[0]"}},
	{"releasability lists a non-member", func(n *domain.Notice) { n.Releasability.Members = []string{"DEU", "CHN"} },
		[]string{"releasability.members[1]"}},
	{"releasability lists a member twice", func(n *domain.Notice) { n.Releasability.Members = []string{"DEU", "DEU"} },
		[]string{"releasability.members[1]"}},
	{"releasability lowercase code", func(n *domain.Notice) { n.Releasability.Members = []string{"deu"} },
		[]string{"releasability.members[0]"}},
	{"zero notice", func(n *domain.Notice) { *n = domain.Notice{} }, []string{
		"reference", "authority", "denial_date", "decision", "basis", "marking", "control_entries",
		"item_description", "destination_country", "parties", "reason", "releasability.members",
	}},
}

// validNotices lists variations of the valid notice that must pass.
var validNotices = []struct {
	name   string
	modify func(n *domain.Notice)
}{
	{"as built", func(*domain.Notice) {}},
	{"catch-all without control entries", func(n *domain.Notice) { n.Basis, n.ControlEntries = domain.BasisCatchAll, nil }},
	{"catch-all with a control entry", func(n *domain.Notice) { n.Basis = domain.BasisCatchAll }},
	{"consignee instead of end-user", func(n *domain.Notice) { n.Parties[0].Role = model.RoleConsignee }},
	{"end-user with broker and intermediate consignee", func(n *domain.Notice) {
		n.Parties = append(n.Parties,
			model.Party{Role: model.RoleBroker, Name: "Jebel Ali Trading FZE", Country: "ARE"},
			model.Party{Role: model.RoleIntermediateConsignee, Name: "Kuala Lumpur Logistics Sdn Bhd"})
	}},
	{"several deep control entries", func(n *domain.Notice) {
		n.ControlEntries = []model.ControlEntry{{MTCRCode: "9.A.6.a"}, {MTCRCode: "20.A.1.b.1"}, {MTCRCode: "1.A.1"}}
	}},
	{"releasable to all members", func(n *domain.Notice) { n.Releasability = model.Releasability{AllMembers: true} }},
	{"releasable to one member", func(n *domain.Notice) { n.Releasability.Members = []string{"USA"} }},
	{"optional fields empty", func(n *domain.Notice) {
		n.Quantity, n.Value, n.EndUse = model.Quantity{}, model.Money{}, ""
	}},
	{"texts at their limits", func(n *domain.Notice) {
		n.Reference, n.Authority = long(model.MaxShortLen), long(model.MaxNameLen)
		n.ItemDescription, n.Reason, n.EndUse = long(model.MaxTextLen), long(model.MaxTextLen), long(model.MaxTextLen)
	}},
	{"multiline texts with CRLF and tabs", func(n *domain.Notice) {
		n.ItemDescription, n.Reason, n.EndUse = "a\r\nb\tc", "1.\n2.", "x\n"
	}},
	{"non-Latin scripts", func(n *domain.Notice) {
		n.Parties[0].Name = "گروه صنعتی شهید همت"
		n.Parties[0].Aliases = append(n.Parties[0].Aliases, "Группа Шахид Хеммат", "沙希德·赫马特工业集团")
	}},
	{"leap-day denial date", func(n *domain.Notice) { n.DenialDate = "2024-02-29" }},
}

func TestNoticeValidate_Valid(t *testing.T) {
	for _, tt := range validNotices {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			tt.modify(&n)
			if err := n.Validate(roster, "FRA"); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
}

func TestNoticeValidate_EveryEnumValue(t *testing.T) {
	for d := domain.DecisionRefused; d <= domain.DecisionRevoked; d++ {
		for b := domain.BasisListed; b <= domain.BasisCatchAll; b++ {
			for m := model.MarkingUnclassified; m <= model.MarkingConfidential; m++ {
				t.Run(fmt.Sprintf("decision=%d,basis=%d,marking=%d", d, b, m), func(t *testing.T) {
					n := validNotice(t)
					n.Decision, n.Basis, n.Marking = d, b, m
					if err := n.Validate(roster, "FRA"); err != nil {
						t.Fatalf("Validate: %v", err)
					}
				})
			}
		}
	}
}

func TestNoticeValidate_Invalid(t *testing.T) {
	for _, tt := range invalidNotices {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			tt.modify(&n)
			wantFields(t, nil, n.Validate(roster, "FRA"), tt.fields...)
		})
	}
}

// The originator is whoever validates: the same notice by DEU must not
// list DEU, and may list FRA.
func TestNoticeValidate_OriginatorIsTheCaller(t *testing.T) {
	n := validNotice(t)
	wantFields(t, nil, n.Validate(roster, "DEU"), "releasability.members[0]")
	n.Releasability.Members = []string{"FRA", "JPN"}
	if err := n.Validate(roster, "DEU"); err != nil {
		t.Fatalf("Validate by DEU: %v", err)
	}
}
