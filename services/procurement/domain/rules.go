package domain

import (
	"errors"
	"slices"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// Errors the rules return. The ports map each to one gRPC code. Invalid
// input is reported as *model.FieldError values instead.
var (
	// ErrNotFound: no such report, or not releasable to the actor.
	ErrNotFound = errors.New("procurement report not found")
	// ErrTargetNotFound: the item to link to does not exist or is not
	// releasable to the actor.
	ErrTargetNotFound = errors.New("the item to link to was not found")
	// ErrNotOriginator: only the reporting member may do this.
	ErrNotOriginator = errors.New("only the reporting member may change its report")
	// ErrNotAddressed: the actor is not among the report's recipients.
	ErrNotAddressed = errors.New("only an addressed member may acknowledge a report")
	// ErrAgencyNotAllowed: agencies read; only member delegations act.
	ErrAgencyNotAllowed = errors.New("agencies may not issue procurement commands")
	// ErrNotMember: the actor is not a regime member.
	ErrNotMember = errors.New("only regime members may report")
	// ErrWithdrawn: the report was withdrawn and accepts no change.
	ErrWithdrawn = errors.New("the report was withdrawn")
	// ErrAlreadyAcknowledged: the member already acknowledged receipt.
	ErrAlreadyAcknowledged = errors.New("the report was already acknowledged by this member")
	// ErrAlreadyLinked: the report already links to that item.
	ErrAlreadyLinked = errors.New("the report is already linked to that item")
	// ErrAlreadyExists: a report with this id exists.
	ErrAlreadyExists = errors.New("a report with this id already exists")
	// ErrStaleVersion: the caller's expected version is not the current one.
	ErrStaleVersion = errors.New("the report changed since the version you read")
)

// Policy holds the regime-configurable parameters of the rules.
type Policy struct {
	// Roster lists the regime's members.
	Roster model.Roster
}

// ReportAttempt decides a new report by actor, a member delegation. The
// report is validated in full before any event exists.
func ReportAttempt(p Policy, r *Procurement, actor Actor, rep Report, now time.Time) ([]Event, error) {
	if actor.Agency != "" {
		return nil, ErrAgencyNotAllowed
	}
	if !p.Roster.IsMember(actor.Member) {
		return nil, ErrNotMember
	}
	if r.Exists() {
		return nil, ErrAlreadyExists
	}
	if err := rep.Validate(p.Roster, actor.Member); err != nil {
		return nil, model.Prefix("report", err)
	}
	return []Event{Reported{Report: rep, ReportedAt: now}}, nil
}

// Update decides a replacement of the content of actor's own active
// report. Only the originator updates, so only the originator can widen
// the releasability or lower the marking.
func Update(p Policy, r *Procurement, actor Actor, rep Report, comment string) ([]Event, error) {
	if err := mustOwnActive(r, actor); err != nil {
		return nil, err
	}
	err := errors.Join(model.Prefix("report", rep.Validate(p.Roster, actor.Member)), checkComment("comment", comment))
	if err != nil {
		return nil, err
	}
	return []Event{Updated{Report: rep, Comment: comment}}, nil
}

// RecordOutcome decides the recording of what became of actor's own
// active report.
func RecordOutcome(r *Procurement, actor Actor, o Outcome, comment string) ([]Event, error) {
	if err := mustOwnActive(r, actor); err != nil {
		return nil, err
	}
	var errs []error
	if !o.Valid() {
		errs = append(errs, model.Invalid("outcome", "must be a known outcome"))
	}
	if err := errors.Join(append(errs, checkComment("comment", comment))...); err != nil {
		return nil, err
	}
	return []Event{OutcomeRecorded{Outcome: o, Comment: comment}}, nil
}

// Withdraw decides the withdrawal of actor's own active report; its
// history stays and it accepts no further change.
func Withdraw(r *Procurement, actor Actor, reason string) ([]Event, error) {
	if err := mustOwnActive(r, actor); err != nil {
		return nil, err
	}
	if err := checkComment("reason", reason); err != nil {
		return nil, err
	}
	return []Event{Withdrawn{Reason: reason}}, nil
}

// Acknowledge decides a receipt acknowledgement by a recipient of an
// active report: a member it is addressed to, never its originator.
func Acknowledge(p Policy, r *Procurement, actor Actor) ([]Event, error) {
	if err := mustSee(r, actor); err != nil {
		return nil, err
	}
	if actor.Agency != "" {
		return nil, ErrAgencyNotAllowed
	}
	if !slices.Contains(r.Report.Releasability.Recipients(p.Roster, r.Originator), actor.Member) {
		return nil, ErrNotAddressed
	}
	if r.Status != StatusActive {
		return nil, ErrWithdrawn
	}
	if _, done := r.Acks[actor.Member]; done {
		return nil, ErrAlreadyAcknowledged
	}
	return []Event{Acknowledged{Member: actor.Member}}, nil
}

func checkComment(field, s string) error {
	return model.CheckText(field, s, model.MaxTextLen, false, true)
}

func mustSee(r *Procurement, actor Actor) error {
	if !r.VisibleTo(actor.Member) {
		return ErrNotFound
	}
	return nil
}

// mustOwnActive admits the originator's delegation on an active report:
// NotFound for who cannot see it, then agency, originator, status.
func mustOwnActive(r *Procurement, actor Actor) error {
	if err := mustSee(r, actor); err != nil {
		return err
	}
	if actor.Agency != "" {
		return ErrAgencyNotAllowed
	}
	if actor.Member != r.Originator {
		return ErrNotOriginator
	}
	if r.Status != StatusActive {
		return ErrWithdrawn
	}
	return nil
}
