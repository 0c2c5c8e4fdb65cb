// Package procurement is the command side for procurement-attempt
// reports. New wires the domain, application, event-store adapters and
// gRPC port; Register adds the gRPC service to a server.
package procurement

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/adapters"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
	"github.com/vigil-org/vigil/services/procurement/ports"
)

// Config configures the service. Store and Roster are required.
type Config struct {
	// Store holds every stream; the service reads denial streams too, to
	// decide whether a member can see the other end of a link.
	Store  eventstore.Store
	Roster model.Roster
	// Now defaults to time.Now.
	Now func() time.Time
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.Store == nil {
		errs = append(errs, errors.New("procurement: Store is required"))
	}
	if c.Roster == nil {
		errs = append(errs, errors.New("procurement: Roster is required"))
	}
	return errors.Join(errs...)
}

func (c *Config) defaults() {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Service is the wired procurement service.
type Service struct {
	// App runs the commands; the gRPC port and in-process callers share it.
	App *app.Service
	cfg Config
}

// New validates cfg and wires the service. It starts nothing.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	policy := domain.Policy{Roster: cfg.Roster}
	a := app.New(adapters.NewRepository(cfg.Store), adapters.NewItems(cfg.Store), policy, cfg.Now)
	return &Service{App: a, cfg: cfg}, nil
}

// Register adds the gRPC ProcurementService to g.
func (s *Service) Register(g grpc.ServiceRegistrar) {
	vigilv1.RegisterProcurementServiceServer(g, ports.NewServer(s.App, s.cfg.Logger))
}

// Run blocks until ctx is cancelled and returns nil: the service has no
// background work yet, but the composition root runs every service alike.
func (s *Service) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}
