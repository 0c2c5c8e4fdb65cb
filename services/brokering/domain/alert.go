// Package domain holds the brokering / transit / transshipment alert
// aggregate and its rules as pure functions over events: no I/O, no
// protobuf.
package domain

import (
	"errors"
	"fmt"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// AlertType is what kind of movement an alert warns of.
type AlertType int

// Alert types. Zero is invalid.
const (
	TypeBrokering AlertType = iota + 1
	TypeTransit
	TypeTransshipment
	TypeReExport
	maxAlertType
)

// Valid reports whether t is a known alert type.
func (t AlertType) Valid() bool { return t > 0 && t < maxAlertType }

// Urgency orders alerts from least to most urgent.
type Urgency int

// Urgencies. Zero is invalid.
const (
	UrgencyRoutine Urgency = iota + 1
	UrgencyPriority
	UrgencyImmediate
	maxUrgency
)

// Valid reports whether u is a known urgency.
func (u Urgency) Valid() bool { return u > 0 && u < maxUrgency }

// Action is what the originator asks of the addressed members, and what
// a responding member did.
type Action int

// Actions. Zero is invalid.
const (
	ActionMonitor Action = iota + 1
	ActionInspect
	ActionHold
	maxAction
)

// Valid reports whether a is a known action.
func (a Action) Valid() bool { return a > 0 && a < maxAction }

// Limits of an alert's lists and deadline.
const (
	// MaxPortCalls bounds the route.
	MaxPortCalls = 20
	// MaxContainers bounds the container numbers of a consignment.
	MaxContainers = 500
	// MaxResponseWindow is how far ahead a response deadline may be: alerts
	// are time-critical, and a deadline further out is a typing mistake.
	MaxResponseWindow = 366 * 24 * time.Hour
)

// Details is the content of an alert, as the originator writes it. Vessel,
// Flight and Consignment are absent when zero; at least one is required.
type Details struct {
	Reference        string
	Type             AlertType
	Urgency          Urgency
	Vessel           Vessel
	Flight           Flight
	Consignment      Consignment
	Route            []PortCall
	Parties          []model.Party
	Cargo            Cargo
	RequestedAction  Action
	AddressedMembers []string
	ResponseDeadline time.Time
	Summary          string
	Destination      string
	Releasability    model.Releasability
	Marking          model.Marking
}

// Validate checks every field of an alert raised (or updated) by
// originator at now against the roster. It returns all problems at once,
// as *model.FieldError values joined with errors.Join, with paths relative
// to the alert ("vessel.imo_number", "route[1].departure_date").
func (d Details) Validate(roster model.Roster, originator string, now time.Time) error {
	errs := []error{
		model.CheckText("reference", d.Reference, model.MaxShortLen, true, false),
		checkEnum("type", d.Type.Valid(), "must be brokering, transit, transshipment or re-export"),
		checkEnum("urgency", d.Urgency.Valid(), "must be routine, priority or immediate"),
		d.validateTransport(),
		d.validateRoute(),
		d.validateParties(),
		model.Prefix("cargo", d.Cargo.Validate()),
		checkEnum("requested_action", d.RequestedAction.Valid(), "must be monitor, inspect or hold"),
		d.validateAddressed(roster, originator),
		checkDeadline(d.ResponseDeadline, now),
		model.CheckText("summary", d.Summary, model.MaxTextLen, true, true),
		model.CheckCountry("destination_country", d.Destination),
		model.Prefix("releasability", d.Releasability.Validate(roster, originator)),
		checkEnum("marking", d.Marking.Valid(), "must be a known handling marking"),
	}
	return errors.Join(errs...)
}

func checkEnum(field string, ok bool, reason string) error {
	if ok {
		return nil
	}
	return model.Invalid(field, "%s", reason)
}

// validateTransport requires a vessel, a flight or a consignment, and
// checks those given.
func (d Details) validateTransport() error {
	if d.Vessel.IsZero() && d.Flight.IsZero() && d.Consignment.IsZero() {
		return model.Invalid("vessel", "identify a vessel, a flight or a consignment")
	}
	return errors.Join(
		model.Prefix("vessel", d.Vessel.Validate()),
		model.Prefix("flight", d.Flight.Validate()),
		model.Prefix("consignment", d.Consignment.Validate()),
	)
}

func (d Details) validateRoute() error {
	if len(d.Route) == 0 {
		return model.Invalid("route", "at least one port call is required")
	}
	if len(d.Route) > MaxPortCalls {
		return model.Invalid("route", "has %d port calls, the limit is %d", len(d.Route), MaxPortCalls)
	}
	var errs []error
	for i, pc := range d.Route {
		errs = append(errs, model.Prefix(fmt.Sprintf("route[%d]", i), pc.Validate()))
	}
	return errors.Join(errs...)
}

func (d Details) validateParties() error {
	if len(d.Parties) == 0 {
		return model.Invalid("parties", "at least one party (broker, shipper, consignee, ...) is required")
	}
	if len(d.Parties) > model.MaxParties {
		return model.Invalid("parties", "has %d entries, the limit is %d", len(d.Parties), model.MaxParties)
	}
	var errs []error
	for i, p := range d.Parties {
		errs = append(errs, model.Prefix(fmt.Sprintf("parties[%d]", i), p.Validate()))
	}
	return errors.Join(errs...)
}

// validateAddressed checks the members asked to act: at least one, each a
// roster member other than the originator, listed once, and within the
// releasability (nobody is asked to act on an alert it may not see).
func (d Details) validateAddressed(roster model.Roster, originator string) error {
	if len(d.AddressedMembers) == 0 {
		return model.Invalid("addressed_members", "address at least one member")
	}
	if len(d.AddressedMembers) > model.MaxMembers {
		return model.Invalid("addressed_members", "has %d entries, the limit is %d", len(d.AddressedMembers), model.MaxMembers)
	}
	var errs []error
	seen := map[string]bool{}
	for i, m := range d.AddressedMembers {
		errs = append(errs, checkAddressed(fmt.Sprintf("addressed_members[%d]", i), m, roster, originator, d.Releasability, seen))
		seen[m] = true
	}
	return errors.Join(errs...)
}

func checkAddressed(field, m string, roster model.Roster, originator string, r model.Releasability, seen map[string]bool) error {
	if err := model.CheckCountry(field, m); err != nil {
		return err
	}
	switch {
	case !roster.IsMember(m):
		return model.Invalid(field, "%s is not a regime member", m)
	case m == originator:
		return model.Invalid(field, "the originator %s cannot address itself", m)
	case seen[m]:
		return model.Invalid(field, "%s is listed twice", m)
	case !r.VisibleTo(m, originator):
		return model.Invalid(field, "%s is not in the releasability; release the alert to it first", m)
	}
	return nil
}

func checkDeadline(deadline, now time.Time) error {
	switch {
	case deadline.IsZero():
		return model.Invalid("response_deadline", "is required")
	case !deadline.After(now):
		return model.Invalid("response_deadline", "must be in the future")
	case deadline.Sub(now) > MaxResponseWindow:
		return model.Invalid("response_deadline", "must be within %d days", int(MaxResponseWindow/(24*time.Hour)))
	}
	return nil
}
