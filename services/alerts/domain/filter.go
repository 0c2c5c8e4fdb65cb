package domain

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/country"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
)

// Limits on a filter, so that one subscription cannot make the fan-out
// expensive for everyone.
const (
	MaxFilterValues = 100
	MaxWatchName    = 200
)

// ErrKindNotAllowed means the filter names a kind the subscriber's role
// may not receive. Errors from NewFilter wrap it beside the field error.
var ErrKindNotAllowed = errors.New("kind not allowed by need-to-know")

// FilterSpec is a subscriber's filter as given: empty fields do not
// filter; several values in one field are alternatives. Enum values
// (red flags, urgency) are checked by the caller, which knows their
// range.
type FilterSpec struct {
	Kinds      []string
	Codes      []string
	Countries  []string
	WatchNames []string
	RedFlags   []int32
	MinUrgency int32
}

// Filter is a validated FilterSpec. The zero Filter matches every event.
type Filter struct {
	kinds      []string
	codes      []annex.Code
	countries  []string
	names      []NameKey
	redFlags   []int32
	minUrgency int32
}

// NewFilter validates spec for a subscriber with access and returns the
// filter, or every problem at once as model field errors ("kinds[1]",
// "control_codes[0]", "countries[2]", "watch_names[0]"). A kind the
// access does not allow is an error wrapping ErrKindNotAllowed.
func NewFilter(spec FilterSpec, access identity.Access) (Filter, error) {
	var f Filter
	errs := []error{
		f.setKinds(spec.Kinds, access), f.setCodes(spec.Codes), f.setCountries(spec.Countries),
		f.setNames(spec.WatchNames), tooMany("red_flags", len(spec.RedFlags)),
	}
	f.redFlags, f.minUrgency = slices.Clone(spec.RedFlags), spec.MinUrgency
	return f, errors.Join(errs...)
}

func tooMany(field string, n int) error {
	if n > MaxFilterValues {
		return model.Invalid(field, "has %d values, the limit is %d", n, MaxFilterValues)
	}
	return nil
}

func (f *Filter) setKinds(kinds []string, access identity.Access) error {
	var errs []error
	for i, k := range kinds {
		if !access.Allows(k) {
			errs = append(errs, fmt.Errorf("%w: %w", ErrKindNotAllowed,
				model.Invalid(fmt.Sprintf("kinds[%d]", i), "%s items are not in your need-to-know", k)))
		}
	}
	f.kinds = slices.Clone(kinds)
	return errors.Join(append(errs, tooMany("kinds", len(kinds)))...)
}

func (f *Filter) setCodes(codes []string) error {
	errs := []error{tooMany("control_codes", len(codes))}
	for i, s := range codes {
		c, err := annex.Parse(s)
		if err != nil {
			errs = append(errs, model.Invalid(fmt.Sprintf("control_codes[%d]", i), "%v", err))
			continue
		}
		f.codes = append(f.codes, c)
	}
	return errors.Join(errs...)
}

func (f *Filter) setCountries(cs []string) error {
	errs := []error{tooMany("countries", len(cs))}
	for i, c := range cs {
		if err := country.Validate(c); err != nil {
			errs = append(errs, model.Invalid(fmt.Sprintf("countries[%d]", i), "%v", err))
		}
	}
	f.countries = slices.Clone(cs)
	return errors.Join(errs...)
}

func (f *Filter) setNames(names []string) error {
	errs := []error{tooMany("watch_names", len(names))}
	for i, n := range names {
		field := fmt.Sprintf("watch_names[%d]", i)
		if len(n) > MaxWatchName {
			errs = append(errs, model.Invalid(field, "longer than %d bytes", MaxWatchName))
			continue
		}
		if k := NewNameKey(n); len(k) > 0 {
			f.names = append(f.names, k)
		} else {
			errs = append(errs, model.Invalid(field, "%q has no name words (only punctuation or legal forms)", clip(n)))
		}
	}
	return errors.Join(errs...)
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "..."
	}
	return s
}

// Matches reports whether the event matches every non-empty criterion,
// looking only at the parts of the item that parts allows: a country on
// the route matches only a subscriber that may see the route, a party
// name only one that may see the parties, so that a filter never reveals
// what need-to-know withholds. min_urgency applies to alerts only; items
// of other kinds pass it.
func (f Filter) Matches(e *Event, parts identity.Parts) bool {
	it := e.Item
	return f.matchKind(it) && f.matchCode(it) && f.matchCountry(it, parts) &&
		f.matchName(it, parts) && f.matchRedFlag(it) && f.matchUrgency(it)
}

func (f Filter) matchKind(it *Item) bool {
	return len(f.kinds) == 0 || slices.Contains(f.kinds, it.Kind)
}

func (f Filter) matchCode(it *Item) bool {
	if len(f.codes) == 0 {
		return true
	}
	for _, want := range f.codes {
		for _, c := range it.Codes {
			if want.Covers(c) {
				return true
			}
		}
	}
	return false
}

func (f Filter) matchCountry(it *Item, parts identity.Parts) bool {
	if len(f.countries) == 0 || slices.Contains(f.countries, it.Destination) {
		return true
	}
	if !parts.Route {
		return false
	}
	for _, c := range it.Transit {
		if slices.Contains(f.countries, c) {
			return true
		}
	}
	return false
}

func (f Filter) matchName(it *Item, parts identity.Parts) bool {
	if len(f.names) == 0 {
		return true
	}
	if !parts.Parties {
		return false
	}
	for _, party := range it.Parties {
		for _, n := range party {
			for _, w := range f.names {
				if w.Matches(n) {
					return true
				}
			}
		}
	}
	return false
}

func (f Filter) matchRedFlag(it *Item) bool {
	if len(f.redFlags) == 0 {
		return true
	}
	for _, r := range it.RedFlags {
		if slices.Contains(f.redFlags, r) {
			return true
		}
	}
	return false
}

func (f Filter) matchUrgency(it *Item) bool {
	return f.minUrgency == 0 || it.Kind != identity.KindAlert || it.Urgency >= f.minUrgency
}
