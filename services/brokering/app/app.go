// Package app holds what the brokering service can do: one command per
// file, each validating its input, loading the alert, deciding with the
// domain rules and appending the resulting events.
package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// ErrConflict means the alert changed concurrently too many times for the
// command to complete; the client may retry.
var ErrConflict = errors.New("the alert is being changed concurrently; retry")

// ErrWrongVersion is what a Repository returns when the expected version
// does not match.
var ErrWrongVersion = errors.New("wrong expected version")

// Result says where a command's events landed. Position is the log
// position of the last event written (or, for a duplicate, of the event
// the first request wrote).
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
	// Details is the alert content after the change (for the envelope's
	// releasability and marking).
	Details domain.Details
}

// Repository stores alerts as event streams.
type Repository interface {
	// Load folds an alert from its events; an alert that does not exist
	// comes back with Exists() false and no error.
	Load(ctx context.Context, id string) (*domain.Alert, error)
	// Append writes a change atomically, or returns ErrWrongVersion.
	Append(ctx context.Context, c Change) (Result, error)
}

// Clock returns the current time; tests inject their own.
type Clock func() time.Time

// Service runs the alert commands.
type Service struct {
	repo   Repository
	policy domain.Policy
	now    Clock
}

// New returns a Service over repo; a nil clock is time.Now.
func New(repo Repository, policy domain.Policy, now Clock) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{repo: repo, policy: policy, now: now}
}

// AlertID derives the id of an alert from its originator and request id,
// hex(sha256("alert/" + member + "/" + requestID)[:16]), so that a retried
// RaiseAlert lands on the same stream. With no request id the id is
// random and the command is not idempotent.
func AlertID(member, requestID string) string {
	return eventstore.DerivedID("alert", member, requestID)
}

const maxRetries = 5

// decision is a domain rule bound to a command's arguments.
type decision func(a *domain.Alert, now time.Time) ([]domain.Event, error)

// execute loads an alert, decides and appends, retrying on concurrent
// change when the caller gave no expected version. A request id the actor
// already used on this alert returns the first result, Duplicate set.
func (s *Service) execute(ctx context.Context, id string, actor domain.Actor, requestID string, expected uint64, decide decision) (Result, error) {
	if err := validateRef(id, requestID); err != nil {
		return Result{}, err
	}
	for range maxRetries {
		a, err := s.repo.Load(ctx, id)
		if err != nil {
			return Result{}, err
		}
		if r, ok := a.Handled(actor, requestID); ok {
			return duplicate(id, r), nil
		}
		if err := s.checkExpected(a, actor, expected); err != nil {
			return Result{}, err
		}
		now := s.now()
		events, err := decide(a, now)
		if err != nil {
			return Result{}, err
		}
		res, err := s.repo.Append(ctx, change(a, actor, requestID, now, events))
		switch {
		case errors.Is(err, ErrWrongVersion) && expected == 0:
			continue
		case errors.Is(err, ErrWrongVersion):
			return Result{}, domain.ErrStaleVersion
		}
		return res, err
	}
	return Result{}, ErrConflict
}

func validateRef(id, requestID string) error {
	return errors.Join(model.CheckID("alert_id", id), model.CheckRequestID(requestID))
}

// checkExpected hides an alert the actor cannot see before comparing
// versions, so a version mismatch never reveals that the alert exists.
func (s *Service) checkExpected(a *domain.Alert, actor domain.Actor, expected uint64) error {
	if !a.VisibleTo(s.policy.Roster, actor.Member) {
		return domain.ErrNotFound
	}
	if expected != 0 && expected != a.Version {
		return domain.ErrStaleVersion
	}
	return nil
}

func change(a *domain.Alert, actor domain.Actor, requestID string, now time.Time, events []domain.Event) Change {
	c := Change{ID: a.ID, ExpectedVersion: a.Version, Actor: actor, RequestID: requestID, At: now, Events: events, Details: a.Details}
	for _, e := range events {
		switch e := e.(type) {
		case domain.Raised:
			c.Details = e.Details
		case domain.Updated:
			c.Details = e.Details
		}
	}
	return c
}

func duplicate(id string, r domain.Recorded) Result {
	return Result{ID: id, Version: r.Version, Position: r.Position, Duplicate: true}
}
