// Package app holds what the denials service can do: one command per file,
// each validating its input, loading the notice, deciding with the domain
// rules and appending the resulting events.
package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// ErrConflict means the notice changed concurrently too many times for the
// command to complete; the client may retry.
var ErrConflict = errors.New("the notice is being changed concurrently; retry")

// ErrWrongVersion is what a Repository returns when the expected version
// does not match.
var ErrWrongVersion = errors.New("wrong expected version")

// Result says where a command's events landed.
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
	// Notice is the notice content after the change (for the envelope's
	// releasability and marking).
	Notice domain.Notice
}

// Repository stores notices as event streams.
type Repository interface {
	// Load folds a notice from its events; a notice that does not exist
	// comes back with Exists() false and no error.
	Load(ctx context.Context, id string) (*domain.Denial, error)
	// Append writes a change, or returns ErrWrongVersion.
	Append(ctx context.Context, c Change) (Result, error)
}

// Clock returns the current time; tests inject their own.
type Clock func() time.Time

// Service runs the denial and consultation commands.
type Service struct {
	repo          Repository
	consultations ConsultationRepository
	policy        domain.Policy
	now           Clock
}

// New returns a Service over repo (denial notices). Consultation commands
// need WithConsultations; without it they fail with
// ErrConsultationsUnavailable.
func New(repo Repository, policy domain.Policy, now Clock, opts ...Option) *Service {
	if now == nil {
		now = time.Now
	}
	if policy.ReviewPeriod == 0 {
		policy.ReviewPeriod = domain.DefaultReviewPeriod
	}
	if policy.ConsultationPeriod == 0 {
		policy.ConsultationPeriod = domain.DefaultConsultationPeriod
	}
	s := &Service{repo: repo, consultations: noConsultations{}, policy: policy, now: now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// NoticeID derives the id of a notice from its notifier and request id, so
// that a retried notification lands on the same stream.
func NoticeID(member, requestID string) string {
	return eventstore.DerivedID("denial", member, requestID)
}

const maxRetries = 5

// execute loads a notice, decides and appends, retrying on concurrent
// change when the caller gave no expected version.
func (s *Service) execute(ctx context.Context, id string, actor domain.Actor, requestID string, expected uint64,
	decide func(d *domain.Denial, now time.Time) ([]domain.Event, error)) (Result, error) {
	if err := validateRef(id, requestID); err != nil {
		return Result{}, err
	}
	for range maxRetries {
		d, err := s.repo.Load(ctx, id)
		if err != nil {
			return Result{}, err
		}
		if r, ok := d.Handled(actor, requestID); ok {
			return duplicate(id, r), nil
		}
		if err := checkExpected(d, actor, expected); err != nil {
			return Result{}, err
		}
		now := s.now()
		events, err := decide(d, now)
		if err != nil {
			return Result{}, err
		}
		res, err := s.repo.Append(ctx, change(d, actor, requestID, now, events))
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

func validateRef(id, requestID string) error {
	return errors.Join(model.CheckID("denial_id", id), model.CheckRequestID(requestID))
}

func checkExpected(d *domain.Denial, actor domain.Actor, expected uint64) error {
	if !d.VisibleTo(actor.Member) {
		return domain.ErrNotFound
	}
	if expected != 0 && expected != d.Version {
		return domain.ErrStaleVersion
	}
	return nil
}

func change(d *domain.Denial, actor domain.Actor, requestID string, now time.Time, events []domain.Event) Change {
	c := Change{ID: d.ID, ExpectedVersion: d.Version, Actor: actor, RequestID: requestID, At: now, Events: events, Notice: d.Notice}
	for _, e := range events {
		switch e := e.(type) {
		case domain.Amended:
			c.Notice = e.Notice
		case domain.Reviewed:
			if e.Notice != nil {
				c.Notice = *e.Notice
			}
		}
	}
	return c
}

func duplicate(id string, r domain.Recorded) Result {
	return Result{ID: id, Version: r.Version, Position: r.Position, Duplicate: true}
}
