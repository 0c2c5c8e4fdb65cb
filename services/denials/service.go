// Package denials is the command side for denial notifications and the
// consultations about them (the no-undercut rule). Register wires the
// domain, application, event-store adapters and gRPC port; Run drives
// expiry of notices whose review date has passed and the lapse of
// consultations whose due date has passed with no answer.
package denials

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/adapters"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/ports"
)

// Config configures the service.
type Config struct {
	Store  eventstore.Store
	Roster model.Roster
	// ReviewPeriod defaults to three years.
	ReviewPeriod time.Duration
	// ConsultationPeriod is how long a consulted member has to answer
	// before the consultation lapses; regime-configurable, default 30 days.
	ConsultationPeriod time.Duration
	// ExpiryInterval is how often expiry and lapse run; default one minute.
	ExpiryInterval time.Duration
	// Now defaults to time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.Store == nil {
		errs = append(errs, errors.New("denials: Store is required"))
	}
	if c.Roster == nil {
		errs = append(errs, errors.New("denials: Roster is required"))
	}
	if c.ReviewPeriod < 0 || c.ConsultationPeriod < 0 || c.ExpiryInterval < 0 {
		errs = append(errs, errors.New("denials: durations must not be negative"))
	}
	return errors.Join(errs...)
}

func (c *Config) defaults() {
	if c.ReviewPeriod == 0 {
		c.ReviewPeriod = domain.DefaultReviewPeriod
	}
	if c.ConsultationPeriod == 0 {
		c.ConsultationPeriod = domain.DefaultConsultationPeriod
	}
	if c.ExpiryInterval == 0 {
		c.ExpiryInterval = time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Service is the wired denials service.
type Service struct {
	App *app.Service
	due *adapters.DueIndex
	cfg Config
}

// New wires the service.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	policy := domain.Policy{ReviewPeriod: cfg.ReviewPeriod, ConsultationPeriod: cfg.ConsultationPeriod, Roster: cfg.Roster}
	a := app.New(adapters.NewRepository(cfg.Store), policy, cfg.Now,
		app.WithConsultations(adapters.NewConsultationRepository(cfg.Store)))
	return &Service{App: a, due: adapters.NewDueIndex(cfg.Store), cfg: cfg}, nil
}

// Register adds the gRPC service to s.
func (s *Service) Register(g grpc.ServiceRegistrar) {
	vigilv1.RegisterDenialsServiceServer(g, ports.NewServer(s.App, s.cfg.Logger))
}

// Run follows the log for review and due dates, and every ExpiryInterval
// expires overdue notices and lapses overdue consultations, until ctx is
// cancelled.
func (s *Service) Run(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.due.Run(ctx) }()
	t := time.NewTicker(s.cfg.ExpiryInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			<-errc
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil // cancelled: the index stopped because Run was asked to
			}
			return fmt.Errorf("denials due index: %w", err)
		case <-t.C:
			s.expire(ctx)
			s.lapse(ctx)
		}
	}
}

// ExpireNow runs one expiry pass once the due index has caught up with
// position; tests use it with an injected clock.
func (s *Service) ExpireNow(ctx context.Context, position uint64) (int, error) {
	if err := s.waitDue(ctx, position); err != nil {
		return 0, err
	}
	return s.App.ExpireDue(ctx, s.due)
}

// LapseConsultationsNow runs one lapse pass once the due index has caught
// up with position, and returns how many consultations lapsed; tests use
// it with an injected clock.
func (s *Service) LapseConsultationsNow(ctx context.Context, position uint64) (int, error) {
	if err := s.waitDue(ctx, position); err != nil {
		return 0, err
	}
	return s.App.LapseDue(ctx, s.due)
}

// waitDue returns once the due index has applied position.
func (s *Service) waitDue(ctx context.Context, position uint64) error {
	for s.due.Position() < position {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
	return nil
}

func (s *Service) lapse(ctx context.Context) {
	n, err := s.App.LapseDue(ctx, s.due)
	if err != nil {
		s.cfg.Logger.Error("consultation lapse", "err", err)
	}
	if n > 0 {
		s.cfg.Logger.Info("consultations lapsed", "count", n)
	}
}

func (s *Service) expire(ctx context.Context) {
	n, err := s.App.ExpireDue(ctx, s.due)
	if err != nil {
		s.cfg.Logger.Error("denial expiry", "err", err)
	}
	if n > 0 {
		s.cfg.Logger.Info("denials expired", "count", n)
	}
}
