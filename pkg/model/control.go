package model

import (
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/annex"
)

// ControlEntry is an entry of the control list: a full MTCR Annex code and,
// optionally, the national or EU code.
type ControlEntry struct {
	MTCRCode     string
	NationalCode string
}

// Validate checks that the MTCR code is a full, non-reserved Annex code.
func (c ControlEntry) Validate() error {
	var errs []error
	code, err := annex.Parse(c.MTCRCode)
	switch {
	case c.MTCRCode == "":
		errs = append(errs, Invalid("mtcr_code", "is required"))
	case err != nil:
		errs = append(errs, Invalid("mtcr_code", "%v", err))
	case !code.IsFull():
		errs = append(errs, Invalid("mtcr_code", "%q is not a full entry (item.group.number)", c.MTCRCode))
	}
	errs = append(errs, CheckText("national_code", c.NationalCode, 32, false, false))
	return errors.Join(errs...)
}

// ValidateEntries checks a list of control entries under field.
func ValidateEntries(field string, entries []ControlEntry, required bool) error {
	if required && len(entries) == 0 {
		return Invalid(field, "at least one control entry is required")
	}
	if len(entries) > MaxEntries {
		return Invalid(field, "has %d entries, the limit is %d", len(entries), MaxEntries)
	}
	var errs []error
	for i, e := range entries {
		errs = append(errs, Prefix(fmt.Sprintf("%s[%d]", field, i), e.Validate()))
	}
	return errors.Join(errs...)
}
