package domain

import (
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/model"
)

// Application is a licence application a member is considering and about
// which it consults the member that denied an essentially identical
// transaction.
type Application struct {
	Reference       string
	ControlEntries  []model.ControlEntry
	Destination     string
	Parties         []model.Party
	ItemDescription string
}

// Validate checks every field of an application and returns all problems
// at once, as *model.FieldError values joined with errors.Join, with paths
// relative to the application. Control entries must be full MTCR codes;
// at least one is required unless requireEntries is false (a consultation
// about a catch-all denial, where the item may be unlisted).
func (a Application) Validate(requireEntries bool) error {
	return errors.Join(
		model.CheckText("reference", a.Reference, model.MaxShortLen, true, false),
		model.ValidateEntries("control_entries", a.ControlEntries, requireEntries),
		model.CheckCountry("destination_country", a.Destination),
		a.validateParties(),
		model.CheckText("item_description", a.ItemDescription, model.MaxTextLen, true, true),
	)
}

func (a Application) validateParties() error {
	if len(a.Parties) == 0 {
		return model.Invalid("parties", "at least one party is required")
	}
	if len(a.Parties) > model.MaxParties {
		return model.Invalid("parties", "has %d entries, the limit is %d", len(a.Parties), model.MaxParties)
	}
	errs := make([]error, 0, len(a.Parties))
	for i, p := range a.Parties {
		errs = append(errs, model.Prefix(fmt.Sprintf("parties[%d]", i), p.Validate()))
	}
	return errors.Join(errs...)
}
