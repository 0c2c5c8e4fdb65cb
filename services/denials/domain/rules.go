package domain

import (
	"errors"
	"slices"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// Errors the rules return. The ports map each to one gRPC code.
var (
	// ErrNotFound: no such notice, or not releasable to the actor.
	ErrNotFound = errors.New("denial notice not found")
	// ErrNotOriginator: only the notifying member may do this.
	ErrNotOriginator = errors.New("only the notifying member may change its notice")
	// ErrNotAddressed: the actor is not among the notice's recipients.
	ErrNotAddressed = errors.New("only an addressed member may acknowledge a notice")
	// ErrAgencyNotAllowed: agencies read; only member delegations notify.
	ErrAgencyNotAllowed = errors.New("agencies may not issue denial commands")
	// ErrNotMember: the actor is not a regime member.
	ErrNotMember = errors.New("only regime members may notify")
	// ErrNotActive: the notice was revoked or has expired.
	ErrNotActive = errors.New("the notice is no longer active")
	// ErrAlreadyAcknowledged: the member already acknowledged receipt.
	ErrAlreadyAcknowledged = errors.New("the notice was already acknowledged by this member")
	// ErrAlreadyExists: a notice with this id exists.
	ErrAlreadyExists = errors.New("a notice with this id already exists")
	// ErrStaleVersion: the caller's expected version is not the current one.
	ErrStaleVersion = errors.New("the notice changed since the version you read")
	// ErrNotDue: the review date has not passed.
	ErrNotDue = errors.New("the notice is not due for expiry")
)

// Policy holds the regime-configurable parameters of the rules.
type Policy struct {
	// ReviewPeriod is how long a notice stays valid without review.
	ReviewPeriod time.Duration
	// Roster lists the regime's members.
	Roster model.Roster
	// ConsultationPeriod is how long a consulted member has to answer
	// before the consultation lapses; zero means
	// DefaultConsultationPeriod.
	ConsultationPeriod time.Duration
}

// DefaultReviewPeriod is three years, the MTCR practice.
const DefaultReviewPeriod = 3 * 365 * 24 * time.Hour

// Notify decides a new notification by actor.
func Notify(p Policy, d *Denial, actor Actor, n Notice, now time.Time) ([]Event, error) {
	if actor.Agency != "" {
		return nil, ErrAgencyNotAllowed
	}
	if !p.Roster.IsMember(actor.Member) {
		return nil, ErrNotMember
	}
	if d.Exists() {
		return nil, ErrAlreadyExists
	}
	if err := n.Validate(p.Roster, actor.Member); err != nil {
		return nil, model.Prefix("notice", err)
	}
	return []Event{Notified{Notice: n, NotifiedAt: now, ReviewDue: now.Add(p.ReviewPeriod)}}, nil
}

// Amend decides an amendment of the notice content.
func Amend(p Policy, d *Denial, actor Actor, n Notice, comment string) ([]Event, error) {
	if err := mustOwnActive(d, actor); err != nil {
		return nil, err
	}
	if err := n.Validate(p.Roster, actor.Member); err != nil {
		return nil, model.Prefix("notice", err)
	}
	if err := model.CheckText("comment", comment, model.MaxTextLen, false, true); err != nil {
		return nil, err
	}
	return []Event{Amended{Notice: n, Comment: comment}}, nil
}

// Review decides a review: renew (new review date), amend (new content and
// review date) or revoke.
func Review(p Policy, d *Denial, actor Actor, o ReviewOutcome, n *Notice, comment string, now time.Time) ([]Event, error) {
	if err := mustOwnActive(d, actor); err != nil {
		return nil, err
	}
	if err := checkReview(p, actor, o, n, comment); err != nil {
		return nil, err
	}
	ev := Reviewed{Outcome: o, Notice: n, Comment: comment}
	if o != ReviewRevoked {
		ev.ReviewDue = now.Add(p.ReviewPeriod)
	}
	return []Event{ev}, nil
}

func checkReview(p Policy, actor Actor, o ReviewOutcome, n *Notice, comment string) error {
	if !o.Valid() {
		return model.Invalid("outcome", "must be renewed, amended or revoked")
	}
	if (o == ReviewAmended) != (n != nil) {
		return model.Invalid("notice", "is required when, and only when, the outcome is amended")
	}
	if n != nil {
		if err := n.Validate(p.Roster, actor.Member); err != nil {
			return model.Prefix("notice", err)
		}
	}
	return model.CheckText("comment", comment, model.MaxTextLen, false, true)
}

// Acknowledge decides a receipt acknowledgement by an addressed member.
func Acknowledge(p Policy, d *Denial, actor Actor) ([]Event, error) {
	if err := mustSee(d, actor); err != nil {
		return nil, err
	}
	if actor.Agency != "" {
		return nil, ErrAgencyNotAllowed
	}
	if !slices.Contains(d.Notice.Releasability.Recipients(p.Roster, d.Originator), actor.Member) {
		return nil, ErrNotAddressed
	}
	if _, done := d.Acks[actor.Member]; done {
		return nil, ErrAlreadyAcknowledged
	}
	return []Event{Acknowledged{Member: actor.Member}}, nil
}

// Expire decides the expiry of a notice whose review date has passed.
func Expire(d *Denial, now time.Time) ([]Event, error) {
	if !d.Exists() {
		return nil, ErrNotFound
	}
	if d.Status != StatusActive {
		return nil, ErrNotActive
	}
	if now.Before(d.ReviewDue) {
		return nil, ErrNotDue
	}
	return []Event{Expired{ReviewDue: d.ReviewDue}}, nil
}

// VisibleTo reports whether member may see the notice.
func (d *Denial) VisibleTo(member string) bool {
	return d.Exists() && d.Notice.Releasability.VisibleTo(member, d.Originator)
}

func mustSee(d *Denial, actor Actor) error {
	if !d.VisibleTo(actor.Member) {
		return ErrNotFound
	}
	return nil
}

func mustOwnActive(d *Denial, actor Actor) error {
	if err := mustSee(d, actor); err != nil {
		return err
	}
	if actor.Member != d.Originator || actor.Agency != "" {
		return ErrNotOriginator
	}
	if d.Status != StatusActive {
		return ErrNotActive
	}
	return nil
}
