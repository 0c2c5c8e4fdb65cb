package domain

import (
	"errors"
	"fmt"
	"slices"

	"github.com/vigil-org/vigil/pkg/model"
)

// Size limits of a report, beyond those of package model.
const (
	// MaxItems bounds the items sought.
	MaxItems = 50
	// MaxRoute bounds the places of the shipping route and the countries
	// and institutions of the payment route.
	MaxRoute = 20
	// MaxRedFlags bounds the red flags; there are fewer distinct ones.
	MaxRedFlags = 20
)

// reportRoles are the party roles a procurement report may name.
var reportRoles = []model.PartyRole{
	model.RoleEnquiringParty, model.RoleEndUser, model.RoleIntermediary, model.RoleFrontCompany,
	model.RoleBroker, model.RoleConsignee, model.RoleOther,
}

// Validate checks every field of a report by originator against the
// roster. It returns all problems at once, as *model.FieldError values
// joined with errors.Join, with paths relative to the report (the rules
// prefix them with "report.").
func (r Report) Validate(roster model.Roster, originator string) error {
	errs := []error{
		model.CheckText("reference", r.Reference, model.MaxShortLen, true, false),
		model.CheckText("agency", r.Agency, model.MaxNameLen, false, false),
		r.validateDates(),
		r.validateEnums(),
		validateItems(r.Items),
		validateParties(r.Parties),
		model.Prefix("payment_route", r.PaymentRoute.Validate()),
		validatePlaces("shipping_route", r.ShippingRoute),
		validateRedFlags(r.RedFlags),
		model.CheckCountry("destination_country", r.Destination),
		model.CheckText("summary", r.Summary, model.MaxTextLen, true, true),
		model.Prefix("releasability", r.Releasability.Validate(roster, originator)),
	}
	return errors.Join(errs...)
}

// validateDates requires the first contact date and accepts a last contact
// date that is not before it.
func (r Report) validateDates() error {
	first, ferr := model.ParseDate("first_contact_date", r.FirstContactDate)
	if r.LastContactDate == "" {
		return ferr
	}
	last, lerr := model.ParseDate("last_contact_date", r.LastContactDate)
	if ferr == nil && lerr == nil && last.Before(first) {
		lerr = model.Invalid("last_contact_date", "is before first_contact_date")
	}
	return errors.Join(ferr, lerr)
}

func (r Report) validateEnums() error {
	var errs []error
	if !r.Channel.Valid() {
		errs = append(errs, model.Invalid("channel", "must be a known contact channel"))
	}
	if !r.Outcome.Valid() {
		errs = append(errs, model.Invalid("outcome", "must be a known outcome"))
	}
	if !r.SourceConfidence.Valid() {
		errs = append(errs, model.Invalid("source_confidence", "must be a known source-confidence grade"))
	}
	if !r.Marking.Valid() {
		errs = append(errs, model.Invalid("marking", "must be a known handling marking"))
	}
	return errors.Join(errs...)
}

func validateItems(items []SoughtItem) error {
	if len(items) == 0 {
		return model.Invalid("items", "at least one item sought is required")
	}
	if len(items) > MaxItems {
		return model.Invalid("items", "has %d entries, the limit is %d", len(items), MaxItems)
	}
	var errs []error
	for i, it := range items {
		errs = append(errs, model.Prefix(fmt.Sprintf("items[%d]", i), it.Validate()))
	}
	return errors.Join(errs...)
}

// Validate checks an item sought; paths are relative to the item.
func (it SoughtItem) Validate() error {
	return errors.Join(
		model.ValidateEntries("control_entries", it.ControlEntries, false),
		model.CheckText("description", it.Description, model.MaxTextLen, true, true),
		model.CheckText("technical_parameters", it.TechnicalParameters, model.MaxTextLen, false, true),
		model.Prefix("quantity", it.Quantity.Validate()),
	)
}

// validateParties checks each party and requires the enquiring party and
// the claimed end-user.
func validateParties(ps []model.Party) error {
	if len(ps) == 0 {
		return model.Invalid("parties", "the enquiring party and the claimed end-user are required")
	}
	if len(ps) > model.MaxParties {
		return model.Invalid("parties", "has %d entries, the limit is %d", len(ps), model.MaxParties)
	}
	var errs []error
	for i, p := range ps {
		errs = append(errs, validateParty(fmt.Sprintf("parties[%d]", i), p))
	}
	errs = append(errs, requireRole(ps, model.RoleEnquiringParty, "the enquiring party"),
		requireRole(ps, model.RoleEndUser, "the claimed end-user"))
	return errors.Join(errs...)
}

func validateParty(path string, p model.Party) error {
	err := model.Prefix(path, p.Validate())
	if p.Role.Valid() && !slices.Contains(reportRoles, p.Role) {
		err = errors.Join(err, model.Invalid(path+".role",
			"must be enquiring party, end-user, intermediary, front company, broker, consignee or other"))
	}
	return err
}

func requireRole(ps []model.Party, role model.PartyRole, what string) error {
	for _, p := range ps {
		if p.Role == role {
			return nil
		}
	}
	return model.Invalid("parties", "name %s", what)
}

// Validate checks an optional payment route; paths are relative to it.
func (p PaymentRoute) Validate() error {
	errs := []error{
		model.CheckText("description", p.Description, model.MaxTextLen, false, true),
		checkList("countries", p.Countries, model.CheckCountry),
		checkList("institutions", p.Institutions, func(field, s string) error {
			return model.CheckText(field, s, model.MaxNameLen, true, false)
		}),
	}
	return errors.Join(errs...)
}

func checkList(field string, vals []string, check func(field, v string) error) error {
	if len(vals) > MaxRoute {
		return model.Invalid(field, "has %d entries, the limit is %d", len(vals), MaxRoute)
	}
	var errs []error
	for i, v := range vals {
		errs = append(errs, check(fmt.Sprintf("%s[%d]", field, i), v))
	}
	return errors.Join(errs...)
}

func validatePlaces(field string, ps []Place) error {
	if len(ps) > MaxRoute {
		return model.Invalid(field, "has %d entries, the limit is %d", len(ps), MaxRoute)
	}
	var errs []error
	for i, p := range ps {
		errs = append(errs, model.Prefix(fmt.Sprintf("%s[%d]", field, i), p.Validate()))
	}
	return errors.Join(errs...)
}

// Validate checks a place: a required country, an optional name.
func (p Place) Validate() error {
	return errors.Join(
		model.CheckCountry("country", p.Country),
		model.CheckText("name", p.Name, model.MaxNameLen, false, false),
	)
}

// validateRedFlags accepts up to MaxRedFlags distinct known flags.
func validateRedFlags(flags []RedFlag) error {
	if len(flags) > MaxRedFlags {
		return model.Invalid("red_flags", "has %d entries, the limit is %d", len(flags), MaxRedFlags)
	}
	var errs []error
	seen := map[RedFlag]bool{}
	for i, f := range flags {
		field := fmt.Sprintf("red_flags[%d]", i)
		switch {
		case !f.Valid():
			errs = append(errs, model.Invalid(field, "must be a known red flag"))
		case seen[f]:
			errs = append(errs, model.Invalid(field, "is listed twice"))
		}
		seen[f] = true
	}
	return errors.Join(errs...)
}
