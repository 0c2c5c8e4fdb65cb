package app

import (
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/model"
)

// Application is a licence application a member is considering, to be
// checked against the denials of other members.
type Application struct {
	// Reference is the member's own reference, optional.
	Reference string
	// ControlEntries are the MTCR entries of the items applied for. A
	// check is a query, so a branch of the hierarchy ("3.A") is accepted
	// as well as a full entry. None means an unlisted item, which only a
	// catch-all denial without entries can match.
	ControlEntries []model.ControlEntry
	// Destination is the ISO 3166-1 alpha-3 destination country; required.
	Destination string
	// Parties of the transaction, in any role; at least one.
	Parties         []model.Party
	ItemDescription string
}

// Validate checks the application and returns every problem at once, as
// joined *model.FieldError values with paths relative to the application
// ("parties[0].name").
func (a Application) Validate() error {
	return errors.Join(
		model.CheckText("reference", a.Reference, model.MaxShortLen, false, false),
		validateCodes("control_entries", a.ControlEntries),
		model.CheckCountry("destination_country", a.Destination),
		validateParties("parties", a.Parties),
		model.CheckText("item_description", a.ItemDescription, model.MaxTextLen, false, true),
	)
}

// validateCodes checks control entries whose MTCR codes may be branches.
func validateCodes(field string, entries []model.ControlEntry) error {
	if len(entries) > model.MaxEntries {
		return model.Invalid(field, "has %d entries, the limit is %d", len(entries), model.MaxEntries)
	}
	var errs []error
	for i, e := range entries {
		f := fmt.Sprintf("%s[%d]", field, i)
		if e.MTCRCode == "" {
			errs = append(errs, model.Invalid(f+".mtcr_code", "is required"))
		} else if _, err := annex.Parse(e.MTCRCode); err != nil {
			errs = append(errs, model.Invalid(f+".mtcr_code", "%v", err))
		}
		errs = append(errs, model.CheckText(f+".national_code", e.NationalCode, 32, false, false))
	}
	return errors.Join(errs...)
}

// validateParties checks a list of parties: at least one, each valid.
func validateParties(field string, parties []model.Party) error {
	if len(parties) == 0 {
		return model.Invalid(field, "at least one party is required")
	}
	if len(parties) > model.MaxParties {
		return model.Invalid(field, "has %d entries, the limit is %d", len(parties), model.MaxParties)
	}
	errs := make([]error, 0, len(parties))
	for i, p := range parties {
		errs = append(errs, model.Prefix(fmt.Sprintf("%s[%d]", field, i), p.Validate()))
	}
	return errors.Join(errs...)
}

// codes returns the parsed MTCR codes of a validated application.
func (a Application) codes() []annex.Code {
	out := make([]annex.Code, 0, len(a.ControlEntries))
	for _, e := range a.ControlEntries {
		if c, err := annex.Parse(e.MTCRCode); err == nil {
			out = append(out, c)
		}
	}
	return out
}
