package domain

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/vigil-org/vigil/pkg/model"
)

// Vessel identifies a ship. A vessel is identified by its IMO number, its
// MMSI or both; name, call sign and flag are optional.
type Vessel struct {
	Name      string
	IMONumber string
	MMSI      string
	CallSign  string
	// Flag is the flag state, ISO 3166-1 alpha-3.
	Flag string
}

// IsZero reports whether no vessel was given.
func (v Vessel) IsZero() bool { return v == Vessel{} }

var callSignRE = regexp.MustCompile(`^[A-Z0-9]{3,7}$`)

// Validate checks a vessel, if one was given; paths are relative to it.
func (v Vessel) Validate() error {
	if v.IsZero() {
		return nil
	}
	errs := []error{model.CheckText("name", v.Name, model.MaxNameLen, false, false)}
	if v.IMONumber == "" && v.MMSI == "" {
		errs = append(errs, model.Invalid("imo_number", "identify the vessel by IMO number, MMSI or both"))
	}
	if v.IMONumber != "" && !ValidIMO(v.IMONumber) {
		errs = append(errs, model.Invalid("imo_number", "must be 7 digits with a valid check digit, without the IMO prefix"))
	}
	if v.MMSI != "" && !ValidMMSI(v.MMSI) {
		errs = append(errs, model.Invalid("mmsi", "must be 9 digits starting with 2 to 7 (a ship station)"))
	}
	if v.CallSign != "" && !callSignRE.MatchString(v.CallSign) {
		errs = append(errs, model.Invalid("call_sign", "must be 3 to 7 upper-case letters or digits"))
	}
	if v.Flag != "" {
		errs = append(errs, model.CheckCountry("flag", v.Flag))
	}
	return errors.Join(errs...)
}

// Flight identifies an air movement, by flight number, aircraft
// registration or both.
type Flight struct {
	Number       string
	Registration string
	Operator     string
}

// IsZero reports whether no flight was given.
func (f Flight) IsZero() bool { return f == Flight{} }

// flightNumberRE is an IATA (two characters, not both digits) or ICAO
// (three letters) airline designator, one to four digits and an optional
// operational suffix letter: "EK123", "QR8841", "3U8501", "UAE9A".
var flightNumberRE = regexp.MustCompile(`^([A-Z][A-Z0-9]|[0-9][A-Z]|[A-Z]{3})[0-9]{1,4}[A-Z]?$`)

// maxRegistrationLen bounds an aircraft registration ("EP-ABC", "N12345").
const maxRegistrationLen = 16

// Validate checks a flight, if one was given; paths are relative to it.
func (f Flight) Validate() error {
	if f.IsZero() {
		return nil
	}
	var errs []error
	if f.Number == "" && f.Registration == "" {
		errs = append(errs, model.Invalid("flight_number", "identify the flight by number, aircraft registration or both"))
	}
	if f.Number != "" && !flightNumberRE.MatchString(f.Number) {
		errs = append(errs, model.Invalid("flight_number", "must be an airline designator and 1 to 4 digits, such as EK123"))
	}
	errs = append(errs,
		model.CheckText("aircraft_registration", f.Registration, maxRegistrationLen, false, false),
		model.CheckText("operator", f.Operator, model.MaxNameLen, false, false))
	return errors.Join(errs...)
}

// Consignment identifies goods in transport by container numbers, bill of
// lading or air waybill; at least one is required.
type Consignment struct {
	ContainerNumbers []string
	BillOfLading     string
	AirWaybill       string
}

// IsZero reports whether no consignment was given.
func (c Consignment) IsZero() bool {
	return len(c.ContainerNumbers) == 0 && c.BillOfLading == "" && c.AirWaybill == ""
}

// Validate checks a consignment, if one was given; paths are relative to
// it.
func (c Consignment) Validate() error {
	if c.IsZero() {
		return nil
	}
	errs := []error{c.validateContainers(), model.CheckText("bill_of_lading", c.BillOfLading, model.MaxShortLen, false, false)}
	if c.AirWaybill != "" && !ValidAirWaybill(c.AirWaybill) {
		errs = append(errs, model.Invalid("air_waybill", "must be a 3-digit prefix and an 8-digit number whose last digit is the serial modulo 7"))
	}
	return errors.Join(errs...)
}

func (c Consignment) validateContainers() error {
	if len(c.ContainerNumbers) > MaxContainers {
		return model.Invalid("container_numbers", "has %d entries, the limit is %d", len(c.ContainerNumbers), MaxContainers)
	}
	var errs []error
	seen := map[string]bool{}
	for i, n := range c.ContainerNumbers {
		f := fmt.Sprintf("container_numbers[%d]", i)
		switch {
		case !ValidContainer(n):
			errs = append(errs, model.Invalid(f, "must be an ISO 6346 number (owner code, U/J/Z, 6 digits, check digit) such as CSQU3054383"))
		case seen[n]:
			errs = append(errs, model.Invalid(f, "%s is listed twice", n))
		}
		seen[n] = true
	}
	return errors.Join(errs...)
}
