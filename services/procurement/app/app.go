// Package app holds what the procurement service can do: one command per
// file, each validating its input, loading the report, deciding with the
// domain rules and appending the resulting events.
package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// ErrConflict means the report changed concurrently too many times for the
// command to complete; the client may retry.
var ErrConflict = errors.New("the report is being changed concurrently; retry")

// ErrWrongVersion is what a Repository returns when the expected version
// does not match.
var ErrWrongVersion = errors.New("wrong expected version")

// Result says where a command's events landed. Duplicate is set when the
// request had been handled before and nothing new was written.
type Result struct {
	ID        string
	Version   uint64
	Position  uint64
	Duplicate bool
}

// Change is what a command asks the repository to append.
type Change struct {
	ID              string
	ExpectedVersion uint64
	Actor           domain.Actor
	RequestID       string
	At              time.Time
	Events          []domain.Event
	// Report is the report content after the change (for the envelope's
	// releasability and marking).
	Report domain.Report
}

// Repository stores reports as event streams.
type Repository interface {
	// Load folds a report from its events; a report that does not exist
	// comes back with Exists() false and no error.
	Load(ctx context.Context, id string) (*domain.Procurement, error)
	// Append writes a change, or returns ErrWrongVersion.
	Append(ctx context.Context, c Change) (Result, error)
}

// Items answers whether a member can see a shared item of any kind (a
// denial notice or a procurement report). An item that does not exist is
// not visible; the error is for failures to find out.
type Items interface {
	Visible(ctx context.Context, ref domain.ItemRef, member string) (bool, error)
}

// Clock returns the current time; tests inject their own.
type Clock func() time.Time

// Service runs the procurement commands.
type Service struct {
	repo   Repository
	items  Items
	policy domain.Policy
	now    Clock
}

// New returns a Service over repo, asking items about the other ends of
// links. A nil now means time.Now.
func New(repo Repository, items Items, policy domain.Policy, now Clock) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{repo: repo, items: items, policy: policy, now: now}
}

// ReportID derives the id of a report from its reporter and request id, so
// that a retried report lands on the same stream. With no request id the
// id is random.
func ReportID(member, requestID string) string {
	return eventstore.DerivedID("procurement", member, requestID)
}

const maxRetries = 5

// decision is a command's rule over the loaded report.
type decision func(ctx context.Context, p *domain.Procurement) ([]domain.Event, error)

// execute loads a report, decides and appends, retrying on concurrent
// change when the caller gave no expected version. A request the actor
// already made returns its first result.
func (s *Service) execute(ctx context.Context, id string, actor domain.Actor, requestID string, expected uint64, decide decision) (Result, error) {
	if err := validateRef(id, requestID); err != nil {
		return Result{}, err
	}
	for range maxRetries {
		res, err := s.attempt(ctx, id, actor, requestID, expected, decide)
		if errors.Is(err, ErrWrongVersion) && expected == 0 {
			continue
		}
		if errors.Is(err, ErrWrongVersion) {
			return Result{}, domain.ErrStaleVersion
		}
		return res, err
	}
	return Result{}, ErrConflict
}

// attempt is one load-decide-append round of execute.
func (s *Service) attempt(ctx context.Context, id string, actor domain.Actor, requestID string, expected uint64, decide decision) (Result, error) {
	p, err := s.repo.Load(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r, ok := p.Handled(actor, requestID); ok {
		return duplicate(id, r), nil
	}
	if err := checkExpected(p, actor, expected); err != nil {
		return Result{}, err
	}
	now := s.now()
	events, err := decide(ctx, p)
	if err != nil {
		return Result{}, err
	}
	return s.repo.Append(ctx, change(p, actor, requestID, now, events))
}

func validateRef(id, requestID string) error {
	return errors.Join(model.CheckID("report_id", id), model.CheckRequestID(requestID))
}

// checkExpected hides a report the actor cannot see, then checks the
// version the caller last read, if it gave one.
func checkExpected(p *domain.Procurement, actor domain.Actor, expected uint64) error {
	if !p.VisibleTo(actor.Member) {
		return domain.ErrNotFound
	}
	if expected != 0 && expected != p.Version {
		return domain.ErrStaleVersion
	}
	return nil
}

func change(p *domain.Procurement, actor domain.Actor, requestID string, now time.Time, events []domain.Event) Change {
	c := Change{ID: p.ID, ExpectedVersion: p.Version, Actor: actor, RequestID: requestID, At: now, Events: events, Report: p.Report}
	for _, e := range events {
		switch e := e.(type) {
		case domain.Updated:
			c.Report = e.Report
		case domain.OutcomeRecorded:
			c.Report.Outcome = e.Outcome
		}
	}
	return c
}

func duplicate(id string, r domain.Recorded) Result {
	return Result{ID: id, Version: r.Version, Position: r.Position, Duplicate: true}
}
