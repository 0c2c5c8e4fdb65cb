package domain

import (
	"errors"
	"regexp"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// PortCallRole is the part a port plays on the route.
type PortCallRole int

// Port call roles. Zero is invalid.
const (
	PortLoading PortCallRole = iota + 1
	PortTransshipment
	PortTransit
	PortDischarge
	maxPortCallRole
)

// Valid reports whether r is a known role.
func (r PortCallRole) Valid() bool { return r > 0 && r < maxPortCallRole }

// PortCall is one port (or airport) on the route. Dates are YYYY-MM-DD;
// at least one of them is required, and departure is not before arrival.
type PortCall struct {
	Role PortCallRole
	Port string
	// LOCODE is the UN/LOCODE when known ("AEJEA"); optional.
	LOCODE string
	// Country is ISO 3166-1 alpha-3.
	Country       string
	ArrivalDate   string
	DepartureDate string
}

// locodeRE is a UN/LOCODE: the ISO 3166-1 alpha-2 country and three
// letters or digits.
var locodeRE = regexp.MustCompile(`^[A-Z]{2}[A-Z0-9]{3}$`)

// Validate checks a port call; paths are relative to it.
func (p PortCall) Validate() error {
	errs := []error{
		checkEnum("role", p.Role.Valid(), "must be loading, transshipment, transit or discharge"),
		model.CheckText("port", p.Port, model.MaxNameLen, true, false),
	}
	if p.LOCODE != "" && !locodeRE.MatchString(p.LOCODE) {
		errs = append(errs, model.Invalid("locode", "must be a UN/LOCODE: 2 letters of country and 3 letters or digits"))
	}
	errs = append(errs, model.CheckCountry("country", p.Country), p.validateDates())
	return errors.Join(errs...)
}

func (p PortCall) validateDates() error {
	if p.ArrivalDate == "" && p.DepartureDate == "" {
		return model.Invalid("arrival_date", "give the arrival date, the departure date or both")
	}
	arrival, aerr := optionalDate("arrival_date", p.ArrivalDate)
	departure, derr := optionalDate("departure_date", p.DepartureDate)
	if aerr != nil || derr != nil {
		return errors.Join(aerr, derr)
	}
	if p.ArrivalDate != "" && p.DepartureDate != "" && departure.Before(arrival) {
		return model.Invalid("departure_date", "must not be before the arrival date")
	}
	return nil
}

// optionalDate parses a YYYY-MM-DD date; empty gives the zero time.
func optionalDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return model.ParseDate(field, s)
}
