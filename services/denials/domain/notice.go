// Package domain holds the denial-notification aggregate and its rules as
// pure functions over events: no I/O, no protobuf.
package domain

import (
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/model"
)

// Decision is what the licensing authority decided.
type Decision int

// Decisions. Zero is invalid.
const (
	DecisionRefused Decision = iota + 1
	DecisionAnnulled
	DecisionSuspended
	DecisionSubstantiallyLimited
	DecisionRevoked
	maxDecision
)

// Basis says whether the item was listed or caught by a catch-all clause.
type Basis int

// Bases. Zero is invalid.
const (
	BasisListed Basis = iota + 1
	BasisCatchAll
	maxBasis
)

// Notice is the content of a denial notification.
type Notice struct {
	Reference       string
	Authority       string
	DenialDate      string
	Decision        Decision
	Basis           Basis
	ControlEntries  []model.ControlEntry
	ItemDescription string
	Quantity        model.Quantity
	Value           model.Money
	Destination     string
	Parties         []model.Party
	EndUse          string
	Reason          string
	Releasability   model.Releasability
	Marking         model.Marking
}

// Validate checks every field of a notice by originator against the
// roster. It returns all problems at once, as *model.FieldError values
// joined with errors.Join, with paths relative to the notice.
func (n Notice) Validate(roster model.Roster, originator string) error {
	errs := []error{
		model.CheckText("reference", n.Reference, model.MaxShortLen, true, false),
		model.CheckText("authority", n.Authority, model.MaxNameLen, true, false),
		checkDate("denial_date", n.DenialDate),
		n.validateEnums(),
		model.ValidateEntries("control_entries", n.ControlEntries, n.Basis != BasisCatchAll),
		model.CheckText("item_description", n.ItemDescription, model.MaxTextLen, true, true),
		model.Prefix("quantity", n.Quantity.Validate()),
		model.Prefix("value", n.Value.Validate()),
		model.CheckCountry("destination_country", n.Destination),
		n.validateParties(),
		model.CheckText("end_use", n.EndUse, model.MaxTextLen, false, true),
		model.CheckText("reason", n.Reason, model.MaxTextLen, true, true),
		model.Prefix("releasability", n.Releasability.Validate(roster, originator)),
	}
	return errors.Join(errs...)
}

func checkDate(field, s string) error {
	_, err := model.ParseDate(field, s)
	return err
}

func (n Notice) validateEnums() error {
	var errs []error
	if n.Decision <= 0 || n.Decision >= maxDecision {
		errs = append(errs, model.Invalid("decision", "must be a known decision type"))
	}
	if n.Basis <= 0 || n.Basis >= maxBasis {
		errs = append(errs, model.Invalid("basis", "must be listed item or catch-all"))
	}
	if !n.Marking.Valid() {
		errs = append(errs, model.Invalid("marking", "must be a known handling marking"))
	}
	return errors.Join(errs...)
}

func (n Notice) validateParties() error {
	if len(n.Parties) == 0 {
		return model.Invalid("parties", "at least one party (end-user or consignee) is required")
	}
	if len(n.Parties) > model.MaxParties {
		return model.Invalid("parties", "has %d entries, the limit is %d", len(n.Parties), model.MaxParties)
	}
	var errs []error
	named := false
	for i, p := range n.Parties {
		errs = append(errs, model.Prefix(fmt.Sprintf("parties[%d]", i), p.Validate()))
		named = named || p.Role == model.RoleEndUser || p.Role == model.RoleConsignee
	}
	if !named {
		errs = append(errs, model.Invalid("parties", "name the end-user or the consignee"))
	}
	return errors.Join(errs...)
}
