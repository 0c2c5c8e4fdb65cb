package domain

import (
	"errors"
	"regexp"

	"github.com/vigil-org/vigil/pkg/model"
)

// Cargo is what the shipping documents declare and what the originator
// suspects it really is.
type Cargo struct {
	// DeclaredDescription is the description on the manifest; required.
	DeclaredDescription string
	// HSCode is the declared Harmonized System code: 6, 8 or 10 digits,
	// without dots; optional (a brokering deal may have no declaration
	// yet).
	HSCode string
	// SuspectedEntries are the MTCR entries the cargo is suspected to
	// fall under; at least one.
	SuspectedEntries []model.ControlEntry
	Quantity         model.Quantity
}

var hsCodeRE = regexp.MustCompile(`^([0-9]{6}|[0-9]{8}|[0-9]{10})$`)

// Validate checks the cargo; paths are relative to it.
func (c Cargo) Validate() error {
	errs := []error{model.CheckText("declared_description", c.DeclaredDescription, model.MaxTextLen, true, true)}
	if c.HSCode != "" && !hsCodeRE.MatchString(c.HSCode) {
		errs = append(errs, model.Invalid("hs_code", "must be 6, 8 or 10 digits without dots"))
	}
	errs = append(errs,
		model.ValidateEntries("suspected_entries", c.SuspectedEntries, true),
		model.Prefix("quantity", c.Quantity.Validate()))
	return errors.Join(errs...)
}
