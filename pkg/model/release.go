package model

import (
	"errors"
	"fmt"
	"slices"
)

// Marking is a handling marking, ordered from least to most restrictive.
type Marking int

// Handling markings. Zero is invalid.
const (
	MarkingUnclassified Marking = iota + 1
	MarkingRestricted
	MarkingConfidential
	maxMarking
)

// Valid reports whether m is a known marking.
func (m Marking) Valid() bool { return m > 0 && m < maxMarking }

// Releasability says which members may see an item besides its originator.
type Releasability struct {
	AllMembers bool
	Members    []string
}

// Roster answers whether a code is a regime member.
type Roster interface {
	IsMember(code string) bool
	Members() []string
}

// Validate checks releasability against the roster: either all members or
// a non-empty list of distinct members other than the originator.
func (r Releasability) Validate(roster Roster, originator string) error {
	if r.AllMembers {
		if len(r.Members) > 0 {
			return Invalid("members", "must be empty when all_members is set")
		}
		return nil
	}
	if len(r.Members) == 0 {
		return Invalid("members", "name at least one member, or set all_members")
	}
	if len(r.Members) > MaxMembers {
		return Invalid("members", "has %d entries, the limit is %d", len(r.Members), MaxMembers)
	}
	return r.validateMembers(roster, originator)
}

func (r Releasability) validateMembers(roster Roster, originator string) error {
	var errs []error
	seen := map[string]bool{}
	for i, m := range r.Members {
		f := fmt.Sprintf("members[%d]", i)
		switch {
		case checkCountry(f, m, true) != nil:
			errs = append(errs, checkCountry(f, m, true))
		case !roster.IsMember(m):
			errs = append(errs, Invalid(f, "%s is not a regime member", m))
		case m == originator:
			errs = append(errs, Invalid(f, "the originator %s always sees its own items; do not list it", m))
		case seen[m]:
			errs = append(errs, Invalid(f, "%s is listed twice", m))
		}
		seen[m] = true
	}
	return errors.Join(errs...)
}

// Recipients returns the members the item is addressed to (everyone it is
// releasable to except the originator), sorted.
func (r Releasability) Recipients(roster Roster, originator string) []string {
	var out []string
	src := r.Members
	if r.AllMembers {
		src = roster.Members()
	}
	for _, m := range src {
		if m != originator {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// VisibleTo reports whether member may see an item of originator with this
// releasability.
func (r Releasability) VisibleTo(member, originator string) bool {
	return member == originator || r.AllMembers || slices.Contains(r.Members, member)
}

// Widens reports whether next releases to anyone that r did not.
func (r Releasability) Widens(next Releasability) bool {
	if r.AllMembers {
		return false
	}
	if next.AllMembers {
		return true
	}
	for _, m := range next.Members {
		if !slices.Contains(r.Members, m) {
			return true
		}
	}
	return false
}

// StaticRoster is a fixed set of member codes.
type StaticRoster []string

// IsMember reports whether code is in the roster.
func (s StaticRoster) IsMember(code string) bool { return slices.Contains(s, code) }

// Members returns the member codes.
func (s StaticRoster) Members() []string { return slices.Clone(s) }
