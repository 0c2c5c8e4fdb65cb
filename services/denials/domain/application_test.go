package domain_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

func TestApplicationValidate_Valid(t *testing.T) {
	tests := []struct {
		name           string
		requireEntries bool
		modify         func(a *domain.Application)
	}{
		{name: "as given", requireEntries: true, modify: func(*domain.Application) {}},
		{name: "entries omitted, catch-all denial", requireEntries: false,
			modify: func(a *domain.Application) { a.ControlEntries = nil }},
		{name: "entries given, catch-all denial", requireEntries: false, modify: func(*domain.Application) {}},
		{name: "several entries without national codes", requireEntries: true, modify: func(a *domain.Application) {
			a.ControlEntries = []model.ControlEntry{{MTCRCode: "3.A.1"}, {MTCRCode: "9.A.6"}}
		}},
		{name: "party of any role", requireEntries: true, modify: func(a *domain.Application) { a.Parties[0].Role = model.RoleBroker }},
		{name: "party without country", requireEntries: true, modify: func(a *domain.Application) { a.Parties[0].Country = "" }},
		{name: "description at the limit", requireEntries: true,
			modify: func(a *domain.Application) { a.ItemDescription = long(model.MaxTextLen) }},
		{name: "reference at the limit", requireEntries: true,
			modify: func(a *domain.Application) { a.Reference = long(model.MaxShortLen) }},
		{name: "parties at the limit", requireEntries: true, modify: func(a *domain.Application) {
			a.Parties = slices.Repeat(a.Parties, model.MaxParties)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validApplication(t)
			tt.modify(&a)
			if err := a.Validate(tt.requireEntries); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
}

// invalidApplications lists one kind of mistake per case, with the field
// paths Validate(true) reports.
var invalidApplications = []struct {
	name   string
	modify func(a *domain.Application)
	fields []string
}{
	{"zero application", func(a *domain.Application) { *a = domain.Application{} },
		[]string{"reference", "control_entries", "destination_country", "parties", "item_description"}},
	{"blank reference", func(a *domain.Application) { a.Reference = " \t" }, []string{"reference"}},
	{"multiline reference", func(a *domain.Application) { a.Reference = "JP\n1" }, []string{"reference"}},
	{"oversized reference", func(a *domain.Application) { a.Reference = long(model.MaxShortLen + 1) }, []string{"reference"}},
	{"no control entry", func(a *domain.Application) { a.ControlEntries = nil }, []string{"control_entries"}},
	{"category code, not a full entry", func(a *domain.Application) { a.ControlEntries[0].MTCRCode = "3.A" },
		[]string{"control_entries[0].mtcr_code"}},
	{"unknown code", func(a *domain.Application) { a.ControlEntries[0].MTCRCode = "25.A.1" }, []string{"control_entries[0].mtcr_code"}},
	{"empty code", func(a *domain.Application) { a.ControlEntries[0].MTCRCode = "" }, []string{"control_entries[0].mtcr_code"}},
	{"oversized national code", func(a *domain.Application) { a.ControlEntries[0].NationalCode = long(33) },
		[]string{"control_entries[0].national_code"}},
	{"too many entries", func(a *domain.Application) {
		a.ControlEntries = slices.Repeat(a.ControlEntries, model.MaxEntries+1)
	}, []string{"control_entries"}},
	{"no destination", func(a *domain.Application) { a.Destination = "" }, []string{"destination_country"}},
	{"lower-case destination", func(a *domain.Application) { a.Destination = "irn" }, []string{"destination_country"}},
	{"unknown destination", func(a *domain.Application) { a.Destination = "XXX" }, []string{"destination_country"}},
	{"no party", func(a *domain.Application) { a.Parties = nil }, []string{"parties"}},
	{"too many parties", func(a *domain.Application) { a.Parties = slices.Repeat(a.Parties, model.MaxParties+1) }, []string{"parties"}},
	{"party without role and name", func(a *domain.Application) { a.Parties[0].Role, a.Parties[0].Name = 0, "" },
		[]string{"parties[0].role", "parties[0].name"}},
	{"second party's bad country", func(a *domain.Application) {
		a.Parties = append(a.Parties, model.Party{Role: model.RoleConsignee, Name: "Consignee", Country: "ZZ"})
	}, []string{"parties[1].country"}},
	{"no description", func(a *domain.Application) { a.ItemDescription = "" }, []string{"item_description"}},
	{"description with a control character", func(a *domain.Application) { a.ItemDescription = "engine\x07" },
		[]string{"item_description"}},
	{"description not UTF-8", func(a *domain.Application) { a.ItemDescription = "\xff" }, []string{"item_description"}},
	{"oversized description", func(a *domain.Application) { a.ItemDescription = long(model.MaxTextLen + 1) },
		[]string{"item_description"}},
}

func TestApplicationValidate_Invalid(t *testing.T) {
	for _, tt := range invalidApplications {
		t.Run(tt.name, func(t *testing.T) {
			a := validApplication(t)
			tt.modify(&a)
			if got := fieldPaths(t, a.Validate(true)); !slices.Equal(got, tt.fields) {
				t.Fatalf("field errors on %q, want %q", got, tt.fields)
			}
		})
	}
}

func TestApplicationValidate_EntriesOptionalOnlyForCatchAll(t *testing.T) {
	a := validApplication(t)
	a.ControlEntries = nil
	if err := a.Validate(false); err != nil {
		t.Fatalf("no entries, catch-all: %v", err)
	}
	if got := fieldPaths(t, a.Validate(true)); !slices.Equal(got, []string{"control_entries"}) {
		t.Fatalf("no entries, listed: %q", got)
	}
	a.ControlEntries = []model.ControlEntry{{MTCRCode: "3.A"}}
	if got := fieldPaths(t, a.Validate(false)); len(got) != 1 || !strings.HasPrefix(got[0], "control_entries[0]") {
		t.Fatalf("bad entry, catch-all: %q", got)
	}
}
