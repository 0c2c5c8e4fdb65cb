package domain

import (
	"time"
)

// Status is the lifecycle state of a notice.
type Status int

// Statuses. A notice that exists is at least StatusActive.
const (
	StatusActive Status = iota + 1
	StatusRevoked
	StatusExpired
)

// Denial is the state of one notice, folded from its events.
type Denial struct {
	ID         string
	Originator string
	Notice     Notice
	Status     Status
	NotifiedAt time.Time
	ReviewDue  time.Time
	Acks       map[string]time.Time
	// Grants are the grants despite the denial reported so far, by
	// consultation id.
	Grants   map[string]Recorded
	Version  uint64
	Position uint64
	// requests maps a (member, request id) to the version it produced.
	requests map[string]Recorded
}

// Fold builds a denial from its recorded events, oldest first.
func Fold(id string, events []Recorded) *Denial {
	d := &Denial{ID: id, Acks: map[string]time.Time{}, Grants: map[string]Recorded{}, requests: map[string]Recorded{}}
	for _, r := range events {
		d.Apply(r)
	}
	return d
}

// Exists reports whether the denial has been notified.
func (d *Denial) Exists() bool { return d != nil && d.Version > 0 }

// Apply changes the state by one recorded event. It is the only place the
// state changes.
func (d *Denial) Apply(r Recorded) {
	if d.Acks == nil {
		d.Acks, d.Grants, d.requests = map[string]time.Time{}, map[string]Recorded{}, map[string]Recorded{}
	}
	switch e := r.Event.(type) {
	case Notified:
		d.Originator, d.Notice, d.Status = r.Actor.Member, e.Notice, StatusActive
		d.NotifiedAt, d.ReviewDue = e.NotifiedAt, e.ReviewDue
	case Amended:
		d.Notice = e.Notice
	case Reviewed:
		d.applyReview(e)
	case Acknowledged:
		d.Acks[e.Member] = r.At
	case Expired:
		d.Status = StatusExpired
	case GrantedDespiteDenial:
		d.Grants[e.ConsultationID] = r
	}
	d.Version, d.Position = r.Version, r.Position
	if r.RequestID != "" {
		d.requests[requestKey(r.Actor.ID(), r.RequestID)] = r
	}
}

func (d *Denial) applyReview(e Reviewed) {
	if e.Notice != nil {
		d.Notice = *e.Notice
	}
	if e.Outcome == ReviewRevoked {
		d.Status = StatusRevoked
		return
	}
	d.ReviewDue = e.ReviewDue
}

// Handled returns the event a request of member already produced, if any.
func (d *Denial) Handled(actor Actor, requestID string) (Recorded, bool) {
	if d == nil || requestID == "" {
		return Recorded{}, false
	}
	r, ok := d.requests[requestKey(actor.ID(), requestID)]
	return r, ok
}

func requestKey(principal, id string) string { return principal + "/" + id }
