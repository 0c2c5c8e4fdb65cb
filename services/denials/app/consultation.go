package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// ConsultationChange is what a consultation command asks the repository
// to append.
type ConsultationChange struct {
	ID              string
	ExpectedVersion uint64
	Actor           domain.Actor
	RequestID       string
	At              time.Time
	Events          []domain.ConsultationEvent
	// Members are the two parties, sorted: the envelope's releasability.
	Members []string
	// Marking is the handling marking of the consulted denial.
	Marking model.Marking
}

// ConsultationRepository stores consultations as event streams.
type ConsultationRepository interface {
	// Load folds a consultation from its events; one that does not exist
	// comes back with Exists() false and no error.
	Load(ctx context.Context, id string) (*domain.Consultation, error)
	// Append writes a change, or returns ErrWrongVersion.
	Append(ctx context.Context, c ConsultationChange) (Result, error)
}

// ErrConsultationsUnavailable is what consultation commands return when
// the Service was built without WithConsultations.
var ErrConsultationsUnavailable = errors.New("consultations are not available on this service")

// Option configures a Service.
type Option func(*Service)

// WithConsultations stores consultations in r.
func WithConsultations(r ConsultationRepository) Option {
	return func(s *Service) { s.consultations = r }
}

// noConsultations is the repository of a Service without consultations.
type noConsultations struct{}

func (noConsultations) Load(context.Context, string) (*domain.Consultation, error) {
	return nil, ErrConsultationsUnavailable
}

func (noConsultations) Append(context.Context, ConsultationChange) (Result, error) {
	return Result{}, ErrConsultationsUnavailable
}

// ConsultationID derives the id of a consultation from its requester and
// request id, so that a retried request lands on the same stream.
func ConsultationID(member, requestID string) string {
	return eventstore.DerivedID("consultation", member, requestID)
}

// decideConsultation is a consultation command's decision over the
// current state.
type decideConsultation func(c *domain.Consultation, now time.Time) ([]domain.ConsultationEvent, error)

// executeConsultation loads a consultation, decides and appends, retrying
// on concurrent change. A request id the actor already used on the
// consultation returns the first result.
func (s *Service) executeConsultation(ctx context.Context, id string, actor domain.Actor, requestID string, decide decideConsultation) (Result, error) {
	if err := validateConsultationRef(id, requestID); err != nil {
		return Result{}, err
	}
	for range maxRetries {
		c, err := s.consultations.Load(ctx, id)
		if err != nil {
			return Result{}, err
		}
		if r, ok := c.Handled(actor, requestID); ok {
			return consulted(id, r), nil
		}
		now := s.now()
		events, err := decide(c, now)
		if err != nil {
			return Result{}, err
		}
		res, err := s.consultations.Append(ctx, consultationChange(c, actor, requestID, now, events))
		if !errors.Is(err, ErrWrongVersion) {
			return res, err
		}
	}
	return Result{}, ErrConflict
}

func validateConsultationRef(id, requestID string) error {
	return errors.Join(model.CheckID("consultation_id", id), model.CheckRequestID(requestID))
}

func consultationChange(c *domain.Consultation, actor domain.Actor, requestID string, now time.Time, events []domain.ConsultationEvent) ConsultationChange {
	return ConsultationChange{ID: c.ID, ExpectedVersion: c.Version, Actor: actor, RequestID: requestID, At: now,
		Events: events, Members: c.Members(), Marking: c.Marking}
}

// consulted is the result of a consultation request already handled.
func consulted(id string, r domain.ConsultationRecord) Result {
	return Result{ID: id, Version: r.Version, Position: r.Position, Duplicate: true}
}
