package domain

import (
	"slices"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// Status is the lifecycle state of an alert.
type Status int

// Statuses. An alert that exists is at least StatusOpen.
const (
	StatusOpen Status = iota + 1
	StatusClosed
)

// Alert is the state of one alert, folded from its events.
type Alert struct {
	ID         string
	Originator string
	Details    Details
	Status     Status
	RaisedAt   time.Time
	// Acks maps an addressed member to when it acknowledged receipt.
	Acks map[string]time.Time
	// Responses maps a member to its latest response.
	Responses map[string]Response
	// Lapsed maps a member to the deadline it let pass without responding.
	// A member that lapsed may still respond late; the lapse stays.
	Lapsed   map[string]time.Time
	Version  uint64
	Position uint64
	// requests maps a (member, request id) to the last event it produced.
	requests map[string]Recorded
}

// Fold builds an alert from its recorded events, oldest first.
func Fold(id string, events []Recorded) *Alert {
	a := &Alert{ID: id}
	a.init()
	for _, r := range events {
		a.Apply(r)
	}
	return a
}

func (a *Alert) init() {
	a.Acks, a.Responses = map[string]time.Time{}, map[string]Response{}
	a.Lapsed, a.requests = map[string]time.Time{}, map[string]Recorded{}
}

// Exists reports whether the alert has been raised.
func (a *Alert) Exists() bool { return a != nil && a.Version > 0 }

// Apply changes the state by one recorded event. It is the only place the
// state changes.
func (a *Alert) Apply(r Recorded) {
	if a.Acks == nil {
		a.init()
	}
	switch e := r.Event.(type) {
	case Raised:
		a.Originator, a.Details, a.Status, a.RaisedAt = r.Actor.Member, e.Details, StatusOpen, e.RaisedAt
	case Updated:
		a.Details = e.Details
	case Acknowledged:
		a.Acks[e.Member] = r.At
	case Responded:
		a.Responses[e.Member] = e.Response
	case Closed:
		a.Status = StatusClosed
	case ResponseLapsed:
		a.Lapsed[e.Member] = e.Deadline
	}
	a.Version, a.Position = r.Version, r.Position
	if r.RequestID != "" {
		a.requests[requestKey(r.Actor.ID(), r.RequestID)] = r
	}
}

// Handled returns the event a request of member already produced, if any.
func (a *Alert) Handled(actor Actor, requestID string) (Recorded, bool) {
	if a == nil || requestID == "" {
		return Recorded{}, false
	}
	r, ok := a.requests[requestKey(actor.ID(), requestID)]
	return r, ok
}

func requestKey(principal, id string) string { return principal + "/" + id }

// VisibleTo reports whether member may see the alert: the originator
// always; anyone else only while a roster member within the
// releasability. Consulting the roster keeps an all-members alert from
// being visible to principals outside the regime.
func (a *Alert) VisibleTo(roster model.Roster, member string) bool {
	if !a.Exists() {
		return false
	}
	if member == a.Originator {
		return true
	}
	return roster.IsMember(member) && a.Details.Releasability.VisibleTo(member, a.Originator)
}

// IsAddressed reports whether member is currently asked to act.
func (a *Alert) IsAddressed(member string) bool {
	return a.Exists() && slices.Contains(a.Details.AddressedMembers, member)
}

// Pending returns the addressed members that have neither responded nor
// lapsed, sorted.
func (a *Alert) Pending() []string {
	var out []string
	for _, m := range a.Details.AddressedMembers {
		_, responded := a.Responses[m]
		_, lapsed := a.Lapsed[m]
		if !responded && !lapsed {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
