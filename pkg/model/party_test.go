package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

// validParty returns an end-user with an alias, an address and an
// identifier, all valid.
func validParty(t *testing.T) model.Party {
	t.Helper()
	return model.Party{
		Role:      model.RoleEndUser,
		Name:      "Shahid Hemmat Industrial Group",
		Aliases:   []string{"SHIG", "Shahid Hemmat Industries Group"},
		Addresses: []model.Address{{Street: "Damavand Tehran Highway", City: "Tehran", Country: "IRN"}},
		Country:   "IRN",
		Identifiers: []model.Identifier{
			{Type: model.IDRegistrationNumber, Value: "10100000001", IssuingCountry: "IRN"},
		},
	}
}

func TestPartyValidate(t *testing.T) {
	many := func(n int, s string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s %d", s, i)
		}
		return out
	}
	tests := []struct {
		name   string
		modify func(p *model.Party)
		fields []string
	}{
		{name: "valid", modify: func(*model.Party) {}},
		{name: "minimal: role and name only", modify: func(p *model.Party) {
			*p = model.Party{Role: model.RoleConsignee, Name: "Rosoboronexport"}
		}},
		{name: "country is optional", modify: func(p *model.Party) { p.Country = "" }},
		{name: "50 aliases", modify: func(p *model.Party) { p.Aliases = many(model.MaxAliases, "alias") }},

		{name: "role zero", modify: func(p *model.Party) { p.Role = 0 }, fields: []string{"role"}},
		{name: "role negative", modify: func(p *model.Party) { p.Role = -1 }, fields: []string{"role"}},
		{name: "role past the last", modify: func(p *model.Party) { p.Role = model.RoleCarrier + 1 }, fields: []string{"role"}},
		{name: "name empty", modify: func(p *model.Party) { p.Name = "" }, fields: []string{"name"}},
		{name: "name blank", modify: func(p *model.Party) { p.Name = " \u00a0 " }, fields: []string{"name"}},
		{name: "name with newline", modify: func(p *model.Party) { p.Name = "A\nB" }, fields: []string{"name"}},
		{name: "name with RLO", modify: func(p *model.Party) { p.Name = "Acme\u202e" }, fields: []string{"name"}},
		{name: "name oversized", modify: func(p *model.Party) { p.Name = strings.Repeat("n", model.MaxNameLen+1) }, fields: []string{"name"}},
		{name: "name invalid UTF-8", modify: func(p *model.Party) { p.Name = "\xff" }, fields: []string{"name"}},
		{name: "second alias blank", modify: func(p *model.Party) { p.Aliases[1] = "" }, fields: []string{"aliases[1]"}},
		{name: "first alias with control", modify: func(p *model.Party) { p.Aliases[0] = "S\x00HIG" }, fields: []string{"aliases[0]"}},
		{name: "two bad aliases", modify: func(p *model.Party) { p.Aliases = []string{"ok", "\t", "fine", "x\u2066"} },
			fields: []string{"aliases[1]", "aliases[3]"}},
		{name: "51 aliases", modify: func(p *model.Party) { p.Aliases = many(model.MaxAliases+1, "alias") }, fields: []string{"aliases"}},
		{name: "country lowercase", modify: func(p *model.Party) { p.Country = "irn" }, fields: []string{"country"}},
		{name: "country unassigned", modify: func(p *model.Party) { p.Country = "XKX" }, fields: []string{"country"}},
		{name: "country alpha-2", modify: func(p *model.Party) { p.Country = "IR" }, fields: []string{"country"}},
		{name: "address country missing", modify: func(p *model.Party) { p.Addresses[0].Country = "" },
			fields: []string{"addresses[0].country"}},
		{name: "second address without street or city", modify: func(p *model.Party) {
			p.Addresses = append(p.Addresses, model.Address{PostalCode: "12345", Country: "ARE"})
		}, fields: []string{"addresses[1].city"}},
		{name: "11 addresses", modify: func(p *model.Party) {
			for len(p.Addresses) <= model.MaxAddrs {
				p.Addresses = append(p.Addresses, p.Addresses[0])
			}
		}, fields: []string{"addresses"}},
		{name: "identifier type zero", modify: func(p *model.Party) { p.Identifiers[0].Type = 0 },
			fields: []string{"identifiers[0].type"}},
		{name: "identifier type past the last", modify: func(p *model.Party) { p.Identifiers[0].Type = model.IDOther + 1 },
			fields: []string{"identifiers[0].type"}},
		{name: "identifier value blank", modify: func(p *model.Party) { p.Identifiers[0].Value = "  " },
			fields: []string{"identifiers[0].value"}},
		{name: "identifier value oversized", modify: func(p *model.Party) {
			p.Identifiers[0].Value = strings.Repeat("9", model.MaxShortLen+1)
		}, fields: []string{"identifiers[0].value"}},
		{name: "identifier issuing country unknown", modify: func(p *model.Party) {
			p.Identifiers = append(p.Identifiers, model.Identifier{Type: model.IDPassport, Value: "X1", IssuingCountry: "ZZZ"})
		}, fields: []string{"identifiers[1].issuing_country"}},
		{name: "identifier issuing country optional", modify: func(p *model.Party) { p.Identifiers[0].IssuingCountry = "" }},
		{name: "21 identifiers", modify: func(p *model.Party) {
			for len(p.Identifiers) <= model.MaxIDs {
				p.Identifiers = append(p.Identifiers, p.Identifiers[0])
			}
		}, fields: []string{"identifiers"}},
		{name: "every field wrong, in field order", modify: func(p *model.Party) {
			*p = model.Party{
				Role:        0,
				Name:        "",
				Aliases:     []string{"ok", ""},
				Country:     "fra",
				Addresses:   []model.Address{{}},
				Identifiers: []model.Identifier{{}},
			}
		}, fields: []string{
			"role", "name", "aliases[1]", "country",
			"addresses[0].country", "addresses[0].city",
			"identifiers[0].type", "identifiers[0].value",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validParty(t)
			tt.modify(&p)
			assertFields(t, p.Validate(), tt.fields...)
		})
	}
}

func TestPartyRoleValid(t *testing.T) {
	for r := model.PartyRole(-1); r <= model.RoleCarrier+1; r++ {
		want := r >= model.RoleEndUser && r <= model.RoleCarrier
		t.Run(fmt.Sprint(int(r)), func(t *testing.T) {
			if got := r.Valid(); got != want {
				t.Fatalf("PartyRole(%d).Valid() = %v, want %v", r, got, want)
			}
			p := model.Party{Role: r, Name: "Acme"}
			if err := p.Validate(); (err == nil) != want {
				t.Fatalf("Party{Role: %d}.Validate() = %v", r, err)
			}
		})
	}
}

func TestAddressValidate(t *testing.T) {
	tests := []struct {
		name   string
		a      model.Address
		fields []string
		reason string
	}{
		{name: "city and country", a: model.Address{City: "Dubai", Country: "ARE"}},
		{name: "street and country", a: model.Address{Street: "Jebel Ali Free Zone, Plot S10", Country: "ARE"}},
		{name: "all fields", a: model.Address{Street: "1 Rue de la Paix", City: "Paris", PostalCode: "75002", Region: "Île-de-France", Country: "FRA"}},
		{name: "country missing", a: model.Address{City: "Dubai"}, fields: []string{"country"}, reason: "is required"},
		{name: "country lowercase", a: model.Address{City: "Dubai", Country: "are"}, fields: []string{"country"}, reason: "three uppercase"},
		{name: "country unassigned", a: model.Address{City: "Pristina", Country: "XKX"}, fields: []string{"country"}, reason: "not an ISO 3166-1"},
		{name: "neither street nor city", a: model.Address{PostalCode: "75002", Country: "FRA"}, fields: []string{"city"}, reason: "street or city"},
		{name: "blank street and city", a: model.Address{Street: "  ", City: "\u3000", Country: "FRA"}, fields: []string{"city"}, reason: "street or city"},
		{name: "street oversized", a: model.Address{Street: strings.Repeat("s", model.MaxNameLen+1), City: "Paris", Country: "FRA"}, fields: []string{"street"}},
		{name: "city with newline", a: model.Address{City: "Paris\nCedex", Country: "FRA"}, fields: []string{"city"}, reason: "single line"},
		{name: "postal code oversized", a: model.Address{City: "Paris", PostalCode: strings.Repeat("1", 33), Country: "FRA"}, fields: []string{"postal_code"}},
		{name: "region with bidi", a: model.Address{City: "Paris", Region: "\u202dIDF", Country: "FRA"}, fields: []string{"region"}},
		{name: "empty address", a: model.Address{}, fields: []string{"country", "city"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate()
			assertFields(t, err, tt.fields...)
			if tt.reason != "" {
				assertReason(t, err, tt.fields[0], tt.reason)
			}
		})
	}
}

func TestCheckCountry(t *testing.T) {
	for _, tt := range []struct {
		code  string
		valid bool
	}{
		{"FRA", true}, {"IRN", true}, {"PRK", true}, {"", false}, {"fra", false}, {"FR", false},
		{"FRAN", false}, {"XKX", false}, {"ANT", false}, {"ÉTA", false},
	} {
		t.Run(fmt.Sprintf("%q", tt.code), func(t *testing.T) {
			err := model.CheckCountry("destination_country", tt.code)
			if tt.valid {
				assertFields(t, err)
				return
			}
			assertFields(t, err, "destination_country")
		})
	}
}
