package model

import (
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/country"
)

// PartyRole is the part a party plays in a transaction.
type PartyRole int

// Party roles. Zero is invalid.
const (
	RoleEndUser PartyRole = iota + 1
	RoleConsignee
	RoleIntermediateConsignee
	RoleBroker
	RolePurchaser
	RoleExporter
	RoleOther
	RoleEnquiringParty
	RoleIntermediary
	RoleFrontCompany
	RoleShipper
	RoleNotifyParty
	RoleCarrier
	maxPartyRole
)

// Valid reports whether r is a known role.
func (r PartyRole) Valid() bool { return r > 0 && r < maxPartyRole }

// IdentifierType is the kind of an identifier.
type IdentifierType int

// Identifier types. Zero is invalid.
const (
	IDRegistrationNumber IdentifierType = iota + 1
	IDTaxID
	IDPassport
	IDNationalID
	IDIMONumber
	IDOther
	maxIdentifierType
)

// Identifier is an official identifier of a party.
type Identifier struct {
	Type           IdentifierType
	Value          string
	IssuingCountry string
}

// Address is a postal address.
type Address struct {
	Street, City, PostalCode, Region, Country string
}

// Party is a person or organisation involved in a transaction.
type Party struct {
	Role        PartyRole
	Name        string
	Aliases     []string
	Addresses   []Address
	Country     string
	Identifiers []Identifier
	Phones      []string
	Emails      []string
	Websites    []string
}

// Validate checks a party; field paths are relative to the party.
func (p Party) Validate() error {
	var errs []error
	if !p.Role.Valid() {
		errs = append(errs, Invalid("role", "must be a known party role"))
	}
	errs = append(errs, CheckText("name", p.Name, MaxNameLen, true, false))
	if len(p.Aliases) > MaxAliases {
		errs = append(errs, Invalid("aliases", "has %d entries, the limit is %d", len(p.Aliases), MaxAliases))
	}
	for i, a := range p.Aliases {
		errs = append(errs, CheckText(fmt.Sprintf("aliases[%d]", i), a, MaxNameLen, true, false))
	}
	errs = append(errs, checkCountry("country", p.Country, false))
	errs = append(errs, p.validateAddresses(), p.validateIdentifiers(), p.validateContacts())
	return errors.Join(errs...)
}

func (p Party) validateAddresses() error {
	if len(p.Addresses) > MaxAddrs {
		return Invalid("addresses", "has %d entries, the limit is %d", len(p.Addresses), MaxAddrs)
	}
	var errs []error
	for i, a := range p.Addresses {
		errs = append(errs, Prefix(fmt.Sprintf("addresses[%d]", i), a.Validate()))
	}
	return errors.Join(errs...)
}

func (p Party) validateIdentifiers() error {
	if len(p.Identifiers) > MaxIDs {
		return Invalid("identifiers", "has %d entries, the limit is %d", len(p.Identifiers), MaxIDs)
	}
	var errs []error
	for i, id := range p.Identifiers {
		f := fmt.Sprintf("identifiers[%d]", i)
		if id.Type <= 0 || id.Type >= maxIdentifierType {
			errs = append(errs, Invalid(f+".type", "must be a known identifier type"))
		}
		errs = append(errs, CheckText(f+".value", id.Value, MaxShortLen, true, false))
		errs = append(errs, checkCountry(f+".issuing_country", id.IssuingCountry, false))
	}
	return errors.Join(errs...)
}

// Validate checks an address: at least a city or street, a valid country.
func (a Address) Validate() error {
	errs := []error{
		CheckText("street", a.Street, MaxNameLen, false, false),
		CheckText("city", a.City, MaxShortLen, false, false),
		CheckText("postal_code", a.PostalCode, 32, false, false),
		CheckText("region", a.Region, MaxShortLen, false, false),
		checkCountry("country", a.Country, true),
	}
	if isBlank(a.Street) && isBlank(a.City) {
		errs = append(errs, Invalid("city", "street or city is required"))
	}
	return errors.Join(errs...)
}

func checkCountry(field, code string, required bool) error {
	if code == "" {
		if required {
			return Invalid(field, "is required (ISO 3166-1 alpha-3)")
		}
		return nil
	}
	if err := country.Validate(code); err != nil {
		return Invalid(field, "%v", err)
	}
	return nil
}

// CheckCountry validates a required ISO 3166-1 alpha-3 country code.
func CheckCountry(field, code string) error { return checkCountry(field, code, true) }
