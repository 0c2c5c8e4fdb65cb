// Package alerts is the subscription side of Vigil: filtered, resumable
// streams of the items a member or agency may see, over gRPC
// (AlertsService.Subscribe) and over NATS subjects for agencies that
// connect to NATS directly.
//
// New wires the parts; Register adds the gRPC service to a server; Run
// runs the hub (the one projection of item state that every gRPC
// subscription consults) and, with a NATS connection, the distributor
// that republishes each item event on per-member and per-agency-role
// subjects; Close ends every subscription. NATSUsers gives the embedded
// NATS server (pkg/natsembed) the certificate-mapped users whose
// permissions allow only those subjects.
package alerts

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/adapters"
	"github.com/vigil-org/vigil/services/alerts/app"
	"github.com/vigil-org/vigil/services/alerts/ports"
)

// Config configures the service. Store is required; Conn turns the
// distributor on and then needs Roster.
type Config struct {
	Store eventstore.Store
	// Conn, when set, is the NATS connection the distributor publishes on
	// and keeps its position in (a JetStream key-value bucket). It needs
	// full permissions (natsembed.Server.InProcessOptions). The service
	// does not close it.
	Conn *nats.Conn
	// Roster names the members the distributor publishes for.
	Roster model.Roster
	// Backlog and Buffer: see app.HubConfig (defaults 4096 and 256).
	Backlog, Buffer int
	// SubjectPrefix is the first token of the distributor's subjects,
	// adapters.DefaultSubjectPrefix ("vigil") when empty.
	SubjectPrefix string
	// PositionBucket is the distributor's key-value bucket,
	// adapters.DefaultPositionBucket when empty; Replicas its replication
	// (1 when zero, 3 in a cluster).
	PositionBucket string
	Replicas       int
	// SaveInterval is how often the distributor records its position;
	// app.DefaultSaveInterval when zero.
	SaveInterval time.Duration
	Logger       *slog.Logger
}

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.Store == nil {
		errs = append(errs, errors.New("alerts: Store is required"))
	}
	if c.Conn != nil && (c.Roster == nil || len(c.Roster.Members()) == 0) {
		errs = append(errs, errors.New("alerts: the distributor (Conn) needs a Roster with members"))
	}
	if c.Backlog < 0 || c.Buffer < 0 || c.Replicas < 0 || c.SaveInterval < 0 {
		errs = append(errs, errors.New("alerts: Backlog, Buffer, Replicas and SaveInterval must not be negative"))
	}
	return errors.Join(errs...)
}

func (c *Config) defaults() {
	if c.SubjectPrefix == "" {
		c.SubjectPrefix = adapters.DefaultSubjectPrefix
	}
	if c.PositionBucket == "" {
		c.PositionBucket = adapters.DefaultPositionBucket
	}
	if c.Replicas == 0 {
		c.Replicas = 1
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Service is the wired alerts service.
type Service struct {
	cfg  Config
	hub  *app.Hub
	dist *app.Distributor // nil without Conn
}

// New wires the service. It does no I/O: Run opens what it needs.
func New(cfg Config) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	hub, err := app.NewHub(app.HubConfig{Store: cfg.Store, Backlog: cfg.Backlog, Buffer: cfg.Buffer, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	s := &Service{cfg: cfg, hub: hub}
	if cfg.Conn != nil {
		s.dist, err = app.NewDistributor(app.DistributorConfig{
			Store: cfg.Store, Publisher: adapters.NewNATSPublisher(cfg.Conn), Members: cfg.Roster.Members(),
			Positions:     &lazyPositions{nc: cfg.Conn, bucket: cfg.PositionBucket, replicas: cfg.Replicas},
			SubjectPrefix: cfg.SubjectPrefix, SaveInterval: cfg.SaveInterval, Logger: cfg.Logger,
		})
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Register adds the AlertsService to g. The server must run the identity
// interceptors: the subscriber is the context's principal.
func (s *Service) Register(g grpc.ServiceRegistrar) {
	vigilv1.RegisterAlertsServiceServer(g, ports.NewServer(s.hub, s.cfg.Store, s.cfg.Logger))
}

// Run runs the hub and, with Conn, the distributor, until ctx ends or
// Close is called (it returns nil) or one of them fails (it stops the
// other and returns the error). Subscriptions end when Run returns. Run
// can be called once.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { errs <- s.hub.Run(ctx) })
	if s.dist != nil {
		wg.Go(func() { errs <- s.dist.Run(ctx) })
	}
	var first error
	select {
	case <-ctx.Done():
	case first = <-errs:
	}
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		if first == nil {
			first = err
		}
	}
	return first
}

// Close ends every subscription and makes Run return. It is safe to call
// more than once.
func (s *Service) Close() error { return s.hub.Close() }

// Hub is the service's hub, for waiting on its progress (tests, probes).
func (s *Service) Hub() *app.Hub { return s.hub }

// Distributor is the service's distributor, nil without Conn.
func (s *Service) Distributor() *app.Distributor { return s.dist }

// lazyPositions opens the position bucket on first use, so that New does
// no I/O.
type lazyPositions struct {
	nc       *nats.Conn
	bucket   string
	replicas int
	once     sync.Once
	kv       *adapters.KVPositions
	err      error
}

func (l *lazyPositions) open(ctx context.Context) (*adapters.KVPositions, error) {
	l.once.Do(func() { l.kv, l.err = adapters.NewKVPositions(ctx, l.nc, l.bucket, l.replicas) })
	return l.kv, l.err
}

// Load implements app.PositionStore.
func (l *lazyPositions) Load(ctx context.Context) (uint64, error) {
	kv, err := l.open(ctx)
	if err != nil {
		return 0, err
	}
	return kv.Load(ctx)
}

// Save implements app.PositionStore.
func (l *lazyPositions) Save(ctx context.Context, pos uint64) error {
	kv, err := l.open(ctx)
	if err != nil {
		return err
	}
	return kv.Save(ctx, pos)
}
