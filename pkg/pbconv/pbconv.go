// Package pbconv converts the shared domain types of package model to and
// from their protobuf messages. Enum values keep their numbers, so an
// unknown enum value sent by a client converts to an invalid domain value
// that validation rejects with a field error.
package pbconv

import (
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Party converts a protobuf party (nil gives the zero party).
func Party(p *vigilv1.Party) model.Party {
	out := model.Party{
		Role:     model.PartyRole(p.GetRole()),
		Name:     p.GetName(),
		Aliases:  p.GetAliases(),
		Country:  p.GetCountry(),
		Phones:   p.GetPhones(),
		Emails:   p.GetEmails(),
		Websites: p.GetWebsites(),
	}
	for _, a := range p.GetAddresses() {
		out.Addresses = append(out.Addresses, Address(a))
	}
	for _, id := range p.GetIdentifiers() {
		out.Identifiers = append(out.Identifiers, model.Identifier{
			Type: model.IdentifierType(id.GetType()), Value: id.GetValue(), IssuingCountry: id.GetIssuingCountry(),
		})
	}
	return out
}

// PartyPB converts a domain party.
func PartyPB(p model.Party) *vigilv1.Party {
	out := &vigilv1.Party{
		Role:     vigilv1.PartyRole(p.Role),
		Name:     p.Name,
		Aliases:  p.Aliases,
		Country:  p.Country,
		Phones:   p.Phones,
		Emails:   p.Emails,
		Websites: p.Websites,
	}
	for _, a := range p.Addresses {
		out.Addresses = append(out.Addresses, AddressPB(a))
	}
	for _, id := range p.Identifiers {
		out.Identifiers = append(out.Identifiers, &vigilv1.Identifier{
			Type: vigilv1.IdentifierType(id.Type), Value: id.Value, IssuingCountry: id.IssuingCountry,
		})
	}
	return out
}

// Parties converts a list of protobuf parties.
func Parties(ps []*vigilv1.Party) []model.Party {
	var out []model.Party
	for _, p := range ps {
		out = append(out, Party(p))
	}
	return out
}

// PartiesPB converts a list of domain parties.
func PartiesPB(ps []model.Party) []*vigilv1.Party {
	var out []*vigilv1.Party
	for _, p := range ps {
		out = append(out, PartyPB(p))
	}
	return out
}

// Address converts a protobuf address.
func Address(a *vigilv1.Address) model.Address {
	return model.Address{Street: a.GetStreet(), City: a.GetCity(), PostalCode: a.GetPostalCode(),
		Region: a.GetRegion(), Country: a.GetCountry()}
}

// AddressPB converts a domain address.
func AddressPB(a model.Address) *vigilv1.Address {
	return &vigilv1.Address{Street: a.Street, City: a.City, PostalCode: a.PostalCode, Region: a.Region, Country: a.Country}
}

// Entries converts control entries.
func Entries(es []*vigilv1.ControlEntry) []model.ControlEntry {
	var out []model.ControlEntry
	for _, e := range es {
		out = append(out, model.ControlEntry{MTCRCode: e.GetMtcrCode(), NationalCode: e.GetNationalCode()})
	}
	return out
}

// EntriesPB converts domain control entries.
func EntriesPB(es []model.ControlEntry) []*vigilv1.ControlEntry {
	var out []*vigilv1.ControlEntry
	for _, e := range es {
		out = append(out, &vigilv1.ControlEntry{MtcrCode: e.MTCRCode, NationalCode: e.NationalCode})
	}
	return out
}

// Releasability converts releasability; nil means nothing was said, which
// validation rejects.
func Releasability(r *vigilv1.Releasability) model.Releasability {
	return model.Releasability{AllMembers: r.GetAllMembers(), Members: r.GetMembers()}
}

// ReleasabilityPB converts domain releasability.
func ReleasabilityPB(r model.Releasability) *vigilv1.Releasability {
	return &vigilv1.Releasability{AllMembers: r.AllMembers, Members: r.Members}
}

// Quantity converts a quantity.
func Quantity(q *vigilv1.Quantity) model.Quantity {
	return model.Quantity{Amount: q.GetAmount(), Unit: q.GetUnit()}
}

// QuantityPB converts a domain quantity; the zero quantity gives nil.
func QuantityPB(q model.Quantity) *vigilv1.Quantity {
	if q == (model.Quantity{}) {
		return nil
	}
	return &vigilv1.Quantity{Amount: q.Amount, Unit: q.Unit}
}

// Money converts a value.
func Money(m *vigilv1.Money) model.Money {
	return model.Money{Currency: m.GetCurrency(), AmountMinor: m.GetAmountMinor()}
}

// MoneyPB converts a domain value; the zero value gives nil.
func MoneyPB(m model.Money) *vigilv1.Money {
	if m == (model.Money{}) {
		return nil
	}
	return &vigilv1.Money{Currency: m.Currency, AmountMinor: m.AmountMinor}
}

// ItemKind names the aggregate type of an item kind, "" for unknown.
func ItemKind(k vigilv1.ItemKind) string {
	switch k {
	case vigilv1.ItemKind_ITEM_KIND_DENIAL:
		return "denial"
	case vigilv1.ItemKind_ITEM_KIND_PROCUREMENT:
		return "procurement"
	case vigilv1.ItemKind_ITEM_KIND_ALERT:
		return "alert"
	}
	return ""
}

// ItemKindPB is the kind of an aggregate type.
func ItemKindPB(aggregateType string) vigilv1.ItemKind {
	switch aggregateType {
	case "denial":
		return vigilv1.ItemKind_ITEM_KIND_DENIAL
	case "procurement":
		return vigilv1.ItemKind_ITEM_KIND_PROCUREMENT
	case "alert":
		return vigilv1.ItemKind_ITEM_KIND_ALERT
	}
	return vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED
}
