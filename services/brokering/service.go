// Package brokering is the command side for brokering, transit,
// transshipment and re-export alerts. New wires the domain, application,
// event-store adapter and gRPC port; Register adds the gRPC service; Run
// records lapsed responses once an alert's response deadline passes.
package brokering

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
	"github.com/vigil-org/vigil/services/brokering/adapters"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
	"github.com/vigil-org/vigil/services/brokering/ports"
)

// DefaultLapseInterval is how often lapse checks run by default. Alerts
// are time-critical, so it is short.
const DefaultLapseInterval = 30 * time.Second

// Config configures the service. Store and Roster are required.
type Config struct {
	Store  eventstore.Store
	Roster model.Roster
	// Now defaults to time.Now; tests inject a clock.
	Now func() time.Time
	// LapseInterval is how often Run checks for passed deadlines; default
	// DefaultLapseInterval.
	LapseInterval time.Duration
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.Store == nil {
		errs = append(errs, errors.New("brokering: Store is required"))
	}
	if c.Roster == nil {
		errs = append(errs, errors.New("brokering: Roster is required"))
	}
	if c.LapseInterval < 0 {
		errs = append(errs, errors.New("brokering: LapseInterval must not be negative"))
	}
	return errors.Join(errs...)
}

func (c *Config) defaults() {
	if c.LapseInterval == 0 {
		c.LapseInterval = DefaultLapseInterval
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Service is the wired brokering service.
type Service struct {
	// App runs the commands; the platform and tests may call it directly.
	App *app.Service
	due *adapters.DueIndex
	cfg Config
}

// New validates cfg and wires the service. It starts nothing: call Run.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	a := app.New(adapters.NewRepository(cfg.Store), domain.Policy{Roster: cfg.Roster}, cfg.Now)
	return &Service{App: a, due: adapters.NewDueIndex(cfg.Store), cfg: cfg}, nil
}

// Register adds the gRPC service to g.
func (s *Service) Register(g grpc.ServiceRegistrar) {
	vigilv1.RegisterBrokeringServiceServer(g, ports.NewServer(s.App, s.cfg.Logger))
}

// Run follows the log for response deadlines and records lapsed
// responses every LapseInterval, until ctx is cancelled (it then returns
// nil after the index has stopped) or the index fails.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- s.due.Run(ctx) }()
	t := time.NewTicker(s.cfg.LapseInterval)
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
			return fmt.Errorf("brokering due index: %w", err)
		case <-t.C:
			s.lapse(ctx)
		}
	}
}

// LapseNow runs one lapse pass once the due index (followed by Run) has
// applied the log up to position, and returns how many members it lapsed.
// Tests call it with an injected clock instead of waiting for the ticker.
func (s *Service) LapseNow(ctx context.Context, position uint64) (int, error) {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for s.due.Position() < position {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-t.C:
		}
	}
	return s.App.LapseDue(ctx, s.due)
}

func (s *Service) lapse(ctx context.Context) {
	n, err := s.App.LapseDue(ctx, s.due)
	if err != nil {
		s.cfg.Logger.Error("alert response lapse", "err", err)
	}
	if n > 0 {
		s.cfg.Logger.Info("alert responses lapsed", "count", n)
	}
}
