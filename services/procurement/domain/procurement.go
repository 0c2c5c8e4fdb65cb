package domain

import (
	"slices"
	"time"
)

// Status is the lifecycle state of a report.
type Status int

// Statuses. A report that exists is at least StatusActive.
const (
	StatusActive Status = iota + 1
	StatusWithdrawn
)

// ItemLink is a recorded link from the report to another item.
type ItemLink struct {
	To      ItemRef
	By      string
	At      time.Time
	Comment string
}

// Procurement is the state of one report, folded from its events.
type Procurement struct {
	ID         string
	Originator string
	Report     Report
	Status     Status
	ReportedAt time.Time
	Links      []ItemLink
	Acks       map[string]time.Time
	Version    uint64
	Position   uint64
	// requests maps a (member, request id) to the event it produced.
	requests map[string]Recorded
}

// Fold builds a report from its recorded events, oldest first.
func Fold(id string, events []Recorded) *Procurement {
	p := &Procurement{ID: id, Acks: map[string]time.Time{}, requests: map[string]Recorded{}}
	for _, r := range events {
		p.Apply(r)
	}
	return p
}

// Exists reports whether the report has been made.
func (p *Procurement) Exists() bool { return p != nil && p.Version > 0 }

// Apply changes the state by one recorded event. It is the only place the
// state changes.
func (p *Procurement) Apply(r Recorded) {
	if p.Acks == nil || p.requests == nil {
		p.Acks, p.requests = map[string]time.Time{}, map[string]Recorded{}
	}
	switch e := r.Event.(type) {
	case Reported:
		p.Originator, p.Report, p.Status, p.ReportedAt = r.Actor.Member, e.Report, StatusActive, e.ReportedAt
	case Updated:
		p.Report = e.Report
	case OutcomeRecorded:
		p.Report.Outcome = e.Outcome
	case Withdrawn:
		p.Status = StatusWithdrawn
	case Linked:
		p.Links = append(p.Links, ItemLink{To: e.To, By: e.By, At: r.At, Comment: e.Comment})
	case Acknowledged:
		p.Acks[e.Member] = r.At
	}
	p.Version, p.Position = r.Version, r.Position
	if r.RequestID != "" {
		p.requests[requestKey(r.Actor.ID(), r.RequestID)] = r
	}
}

// Handled returns the event a request of member already produced, if any.
func (p *Procurement) Handled(actor Actor, requestID string) (Recorded, bool) {
	if p == nil || requestID == "" {
		return Recorded{}, false
	}
	r, ok := p.requests[requestKey(actor.ID(), requestID)]
	return r, ok
}

// VisibleTo reports whether member may see the report.
func (p *Procurement) VisibleTo(member string) bool {
	return p.Exists() && p.Report.Releasability.VisibleTo(member, p.Originator)
}

// LinkedTo reports whether the report already links to ref.
func (p *Procurement) LinkedTo(ref ItemRef) bool {
	return p != nil && slices.ContainsFunc(p.Links, func(l ItemLink) bool { return l.To == ref })
}

func requestKey(principal, id string) string { return principal + "/" + id }
