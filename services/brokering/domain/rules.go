package domain

import (
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// Errors the rules return. The ports map each to one gRPC code. When
// several apply, the first in this order wins: ErrNotFound,
// ErrAgencyNotAllowed, ErrNotOriginator or ErrNotAddressed, ErrClosed,
// then the command's own (ErrAlreadyAcknowledged), then field errors.
var (
	// ErrNotFound: no such alert, or not visible to the actor.
	ErrNotFound = errors.New("alert not found")
	// ErrNotOriginator: only the member that raised the alert may do this.
	ErrNotOriginator = errors.New("only the originating member may update or close its alert")
	// ErrNotAddressed: the actor is not among the alert's addressed members.
	ErrNotAddressed = errors.New("only an addressed member may acknowledge or respond to an alert")
	// ErrAgencyNotAllowed: agencies read; only member delegations act.
	ErrAgencyNotAllowed = errors.New("agencies may not issue alert commands")
	// ErrNotMember: the actor is not a regime member.
	ErrNotMember = errors.New("only regime members may raise alerts")
	// ErrClosed: the originator closed the alert; only reads remain.
	ErrClosed = errors.New("the alert is closed")
	// ErrAlreadyAcknowledged: the member already acknowledged receipt.
	ErrAlreadyAcknowledged = errors.New("the alert was already acknowledged by this member")
	// ErrAlreadyExists: an alert with this id exists.
	ErrAlreadyExists = errors.New("an alert with this id already exists")
	// ErrStaleVersion: the caller's expected version is not the current one.
	ErrStaleVersion = errors.New("the alert changed since the version you read")
	// ErrNotDue: the response deadline has not passed.
	ErrNotDue = errors.New("the response deadline has not passed")
	// ErrNothingToLapse: every addressed member responded or already lapsed.
	ErrNothingToLapse = errors.New("no addressed member is left to lapse")
)

// Policy holds the regime-configurable parameters of the rules.
type Policy struct {
	// Roster lists the regime's members.
	Roster model.Roster
}

// Raise decides a new alert by actor at now. Nothing is decided for an
// agency, a non-member or an existing alert; invalid details come back as
// field errors under "alert.".
func Raise(p Policy, a *Alert, actor Actor, d Details, now time.Time) ([]Event, error) {
	if actor.Agency != "" {
		return nil, ErrAgencyNotAllowed
	}
	if !p.Roster.IsMember(actor.Member) {
		return nil, ErrNotMember
	}
	if a.Exists() {
		return nil, ErrAlreadyExists
	}
	if err := d.Validate(p.Roster, actor.Member, now); err != nil {
		return nil, model.Prefix("alert", err)
	}
	return []Event{Raised{Details: d, RaisedAt: now}}, nil
}

// Update decides a replacement of the content of actor's own open alert.
// The new details are validated as a new alert at now: in particular the
// response deadline must still be in the future, so an alert whose
// deadline passed is updated together with a new deadline.
func Update(p Policy, a *Alert, actor Actor, d Details, comment string, now time.Time) ([]Event, error) {
	if err := mustOwnOpen(p, a, actor); err != nil {
		return nil, err
	}
	if err := d.Validate(p.Roster, actor.Member, now); err != nil {
		return nil, model.Prefix("alert", err)
	}
	if err := model.CheckText("comment", comment, model.MaxTextLen, false, true); err != nil {
		return nil, err
	}
	return []Event{Updated{Details: d, Comment: comment}}, nil
}

// Acknowledge decides a receipt acknowledgement by an addressed member. A
// second acknowledgement by the same member is ErrAlreadyAcknowledged.
func Acknowledge(p Policy, a *Alert, actor Actor) ([]Event, error) {
	if err := mustBeAddressedOpen(p, a, actor); err != nil {
		return nil, err
	}
	if _, done := a.Acks[actor.Member]; done {
		return nil, ErrAlreadyAcknowledged
	}
	return []Event{Acknowledged{Member: actor.Member}}, nil
}

// Respond decides a response by an addressed member. A member may respond
// any number of times (monitoring, then inspected, then seized): each
// response is an event and the latest counts. A member whose response
// lapsed may still respond; the lapse stays on record.
func Respond(p Policy, a *Alert, actor Actor, r Response) ([]Event, error) {
	if err := mustBeAddressedOpen(p, a, actor); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, model.Prefix("response", err)
	}
	return []Event{Responded{Member: actor.Member, Response: r}}, nil
}

// Close decides the closing of actor's own open alert, with an optional
// reason. After it every command on the alert is refused with ErrClosed.
func Close(p Policy, a *Alert, actor Actor, reason string) ([]Event, error) {
	if err := mustOwnOpen(p, a, actor); err != nil {
		return nil, err
	}
	if err := model.CheckText("reason", reason, model.MaxTextLen, false, true); err != nil {
		return nil, err
	}
	return []Event{Closed{Reason: reason}}, nil
}

// Lapse decides, for an open alert whose response deadline is at or
// before now, one ResponseLapsed per addressed member that has neither
// responded nor lapsed before, in member order. It never lapses a member
// twice: a second call on the folded result returns ErrNothingToLapse.
func Lapse(a *Alert, now time.Time) ([]Event, error) {
	switch {
	case !a.Exists():
		return nil, ErrNotFound
	case a.Status != StatusOpen:
		return nil, ErrClosed
	case now.Before(a.Details.ResponseDeadline):
		return nil, ErrNotDue
	}
	pending := a.Pending()
	if len(pending) == 0 {
		return nil, ErrNothingToLapse
	}
	events := make([]Event, 0, len(pending))
	for _, m := range pending {
		events = append(events, ResponseLapsed{Member: m, Deadline: a.Details.ResponseDeadline})
	}
	return events, nil
}

func mustSee(p Policy, a *Alert, actor Actor) error {
	if !a.VisibleTo(p.Roster, actor.Member) {
		return ErrNotFound
	}
	if actor.Agency != "" {
		return ErrAgencyNotAllowed
	}
	return nil
}

func mustOwnOpen(p Policy, a *Alert, actor Actor) error {
	if err := mustSee(p, a, actor); err != nil {
		return err
	}
	if actor.Member != a.Originator {
		return ErrNotOriginator
	}
	return mustBeOpen(a)
}

func mustBeAddressedOpen(p Policy, a *Alert, actor Actor) error {
	if err := mustSee(p, a, actor); err != nil {
		return err
	}
	if !a.IsAddressed(actor.Member) {
		return ErrNotAddressed
	}
	return mustBeOpen(a)
}

func mustBeOpen(a *Alert) error {
	if a.Status != StatusOpen {
		return ErrClosed
	}
	return nil
}
