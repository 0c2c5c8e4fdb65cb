package adapters

import "strings"

// DefaultSubjectPrefix is the first token of the distributor's subjects.
const DefaultSubjectPrefix = "vigil"

// MemberSubject is the subject of an event for a member delegation:
// "<prefix>.members.<M>.<kind>.<Event>", such as
// "vigil.members.KOR.alert.AlertRaised".
func MemberSubject(prefix, member, kind, eventType string) string {
	return strings.Join([]string{prefix, "members", member, kind, shortType(eventType)}, ".")
}

// AgencySubject is the subject of an event for the agencies of one role
// of a member, with that role's need-to-know subset:
// "<prefix>.agencies.<M>.<role>.<kind>.<Event>", such as
// "vigil.agencies.KOR.customs.alert.AlertRaised".
func AgencySubject(prefix, member, role, kind, eventType string) string {
	return strings.Join([]string{prefix, "agencies", member, role, kind, shortType(eventType)}, ".")
}

// MemberWildcard is every subject of member's delegation.
func MemberWildcard(prefix, member string) string {
	return strings.Join([]string{prefix, "members", member, ">"}, ".")
}

// AgencyWildcard is every subject of member's agencies of role.
func AgencyWildcard(prefix, member, role string) string {
	return strings.Join([]string{prefix, "agencies", member, role, ">"}, ".")
}

// shortType is the last part of an event type ("AlertRaised" of
// "vigil.v1.AlertRaised"): a subject token has no dots. Anything that is
// not a letter or digit becomes '_'.
func shortType(t string) string {
	if i := strings.LastIndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	if t == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, t)
}
