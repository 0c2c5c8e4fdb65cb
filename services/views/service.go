// Package views is the query side: projections of the event log into a
// local bbolt database, served over gRPC per member.
package views

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/ports"
	"github.com/vigil-org/vigil/services/views/screening"
)

// Config configures the views service.
type Config struct {
	Store  eventstore.Store
	Roster model.Roster
	// Path is the views database file.
	Path   string
	Logger *slog.Logger
	// Screening configures Screen and CheckTransaction; the zero value
	// takes the defaults.
	Screening app.ScreeningConfig
}

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.Store == nil {
		errs = append(errs, errors.New("views: Store is required"))
	}
	if c.Roster == nil {
		errs = append(errs, errors.New("views: Roster is required"))
	}
	if c.Path == "" {
		errs = append(errs, errors.New("views: Path is required"))
	}
	errs = append(errs, c.Screening.Validate())
	return errors.Join(errs...)
}

// Service is the wired views service.
type Service struct {
	App       *app.Service
	DB        *adapters.Store
	Projector *adapters.Projector
	// Screening is the in-memory screening index, rebuilt from the log on
	// every start (see package screening); ScreeningApp queries it.
	Screening    *screening.Projection
	ScreeningApp *app.Screening
	log          *slog.Logger
}

// New opens the database and wires the service. Close releases it.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	db, err := adapters.Open(cfg.Path)
	if err != nil {
		return nil, err
	}
	proj, err := adapters.NewProjector(db, cfg.Store, cfg.Logger)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	scr := screening.New(cfg.Store, cfg.Logger)
	sa, err := app.NewScreening(scr, cfg.Screening)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return &Service{App: app.New(db, proj, cfg.Roster), DB: db, Projector: proj, Screening: scr, ScreeningApp: sa, log: cfg.Logger}, nil
}

// Register adds the gRPC service to g.
func (s *Service) Register(g grpc.ServiceRegistrar) {
	srv := ports.NewServer(s.App, s.log)
	vigilv1.RegisterViewsServiceServer(g, srv)
	vigilv1.RegisterTrendsServiceServer(g, ports.NewTrendsServer(srv))
	vigilv1.RegisterScreeningServiceServer(g, ports.NewScreeningServer(srv, s.ScreeningApp))
}

// Run projects the log into the views and the screening index until ctx
// is cancelled. When one projection fails, Run stops the other and
// returns once both have stopped, with the errors.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var scrErr error
	wg.Go(func() {
		defer cancel()
		scrErr = s.Screening.Run(ctx)
	})
	err := s.Projector.Run(ctx)
	cancel()
	wg.Wait()
	return errors.Join(err, scrErr)
}

// Close closes the database. Safe to call twice.
func (s *Service) Close() error { return s.DB.Close() }
