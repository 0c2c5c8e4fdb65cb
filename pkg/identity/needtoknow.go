package identity

import (
	"maps"
	"slices"
)

// Item kinds, spelled as the event log's aggregate types.
const (
	KindDenial      = "denial"
	KindProcurement = "procurement"
	KindAlert       = "alert"
)

// Agency roles that have a need-to-know entry. An agency with any other
// role receives nothing until the table gives it an entry.
const (
	RoleLicensing   = "licensing"
	RoleCustoms     = "customs"
	RoleEnforcement = "enforcement"
)

// Parts says which parts of an item, beyond its summary, a principal may
// receive. The summary (kind, id, originator, reference, title,
// destination, control codes, status, marking, dates, urgency, alert type,
// red flags) goes with every item a principal may receive at all.
type Parts struct {
	// Parties are the persons and organisations named by the item (names,
	// aliases, addresses, identifiers, contacts) and the countries they
	// name.
	Parties bool
	// Route is an alert's route (port calls) and conveyance (vessel,
	// flight, consignment), a procurement report's shipping route, and the
	// countries on them.
	Route bool
	// Details is the rest of the content: a denial's reasons and end use
	// (the licensing rationale), a report's payment route and technical
	// parameters, an alert's cargo and requested action.
	Details bool
}

// Access is what a principal may receive: the item kinds and, for each,
// the parts. The zero Access allows nothing. Access values are immutable
// and safe for concurrent use.
type Access struct {
	kinds map[string]Parts
}

// Allows reports whether items of kind may be sent at all.
func (a Access) Allows(kind string) bool {
	_, ok := a.kinds[kind]
	return ok
}

// Parts returns the parts of kind that may be sent, and whether the kind
// is allowed at all (zero Parts and false when it is not).
func (a Access) Parts(kind string) (Parts, bool) {
	p, ok := a.kinds[kind]
	return p, ok
}

// Kinds returns the allowed kinds, sorted.
func (a Access) Kinds() []string {
	return slices.Sorted(maps.Keys(a.kinds))
}

// needToKnow is the one table of need-to-know by agency role; the key ""
// is the member delegation itself. A role not in the table gets nothing.
// It is a function, not a variable, so that nobody can change it at run
// time.
func needToKnow() map[string]map[string]Parts {
	all := Parts{Parties: true, Route: true, Details: true}
	return map[string]map[string]Parts{
		// The member delegation sees everything its member sees.
		"": {KindDenial: all, KindProcurement: all, KindAlert: all},
		// Licensing decides licences: denials and procurement in full,
		// brokering/transit alerts as a summary only.
		RoleLicensing: {KindDenial: all, KindProcurement: all, KindAlert: {}},
		// Customs stops shipments: alerts in full with route, conveyance and
		// parties; of reports and denials the parties (and the red flags and
		// control codes of the summary) but not the licensing rationale.
		RoleCustoms: {KindAlert: all, KindProcurement: {Parties: true}, KindDenial: {Parties: true}},
		// Enforcement investigates: alerts and procurement in full, no
		// denials.
		RoleEnforcement: {KindAlert: all, KindProcurement: all},
	}
}

// NeedToKnow returns what p may receive of the items releasable to its
// member: everything for the member delegation (no agency), the role's
// entry for an agency, nothing for a role the table does not know.
// Releasability is decided separately, from the item's events; NeedToKnow
// only narrows it.
func NeedToKnow(p Principal) Access {
	return Access{kinds: needToKnow()[p.Agency]}
}

// AgencyRoles returns the agency roles that have a need-to-know entry,
// sorted: the roles for which per-role streams exist.
func AgencyRoles() []string {
	var out []string
	for role := range needToKnow() {
		if role != "" {
			out = append(out, role)
		}
	}
	slices.Sort(out)
	return out
}
