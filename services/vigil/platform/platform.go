package platform

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed"
	"github.com/vigil-org/vigil/services/alerts"
	"github.com/vigil-org/vigil/services/brokering"
	"github.com/vigil-org/vigil/services/denials"
	"github.com/vigil-org/vigil/services/gateway"
	"github.com/vigil-org/vigil/services/procurement"
	"github.com/vigil-org/vigil/services/views"
	viewsapp "github.com/vigil-org/vigil/services/views/app"
)

// Platform is a running set of services. Start builds it; Run serves
// until the context is cancelled; Close releases everything.
type Platform struct {
	cfg         Config
	log         *slog.Logger
	nats        *natsembed.Server
	nc          *nats.Conn
	connURL     string
	natsOpts    []nats.Option
	Store       *jsstore.Store
	PKI         *identity.PKI
	Roster      model.StaticRoster
	Denials     *denials.Service
	Views       *views.Service
	Procurement *procurement.Service
	Brokering   *brokering.Service
	Gateway     *gateway.Gateway
	Alerts      *alerts.Service
	grpc        *grpc.Server
	health      *health.Server
	listener    net.Listener
	closers     []func()
	once        sync.Once
}

// Start brings every component up and binds the gRPC listener. On error
// everything already started is shut down.
func Start(ctx context.Context, cfg Config) (_ *Platform, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	p := &Platform{cfg: cfg, log: cfg.Logger}
	defer func() {
		if err != nil {
			p.Close()
		}
	}()
	steps := []func(context.Context) error{p.startPKI, p.startNATS, p.startStore, p.startServices, p.startGRPC, p.startGateway}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *Platform) startPKI(context.Context) error {
	roster := identity.DemoRoster()
	pki, err := identity.EnsureDevPKI(p.cfg.pkiDir(), roster, p.cfg.Now())
	if err != nil {
		return fmt.Errorf("development PKI: %w", err)
	}
	p.PKI = pki
	for _, e := range roster {
		if pr, err := identity.ParseID(e.ID); err == nil && !pr.IsAgency() {
			p.Roster = append(p.Roster, pr.Member)
		}
	}
	slices.Sort(p.Roster)
	return nil
}

func (p *Platform) startNATS(ctx context.Context) error {
	url := p.cfg.NATSURL
	var opts []nats.Option
	if url == "" {
		cfg, err := p.embeddedNATS()
		if err != nil {
			return err
		}
		ns, err := natsembed.Start(ctx, cfg, p.log)
		if err != nil {
			return err
		}
		p.nats = ns
		p.closers = append(p.closers, ns.Shutdown)
		url, opts = "", ns.InProcessOptions() // in-process: the URL is not used
	}
	p.connURL, p.natsOpts = url, opts
	nc, err := p.connect("vigil")
	if err != nil {
		return err
	}
	p.nc = nc
	return nil
}

// connect opens another connection to the platform's NATS server.
func (p *Platform) connect(name string) (*nats.Conn, error) {
	opts := append(slices.Clone(p.natsOpts), nats.Name(name), nats.MaxReconnects(-1))
	nc, err := nats.Connect(p.connURL, opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS: %w", err)
	}
	p.closers = append(p.closers, nc.Close)
	return nc, nil
}

// embeddedNATS is the embedded server's configuration: no network
// listener at all by default; with NATSListen, a TLS listener where
// agencies authenticate with their certificates.
func (p *Platform) embeddedNATS() (natsembed.Config, error) {
	cfg := natsembed.Config{StoreDir: p.cfg.natsDir(), DontListen: true}
	if p.cfg.NATSListen == "" {
		return cfg, nil
	}
	host, port, err := net.SplitHostPort(p.cfg.NATSListen)
	if err != nil {
		return cfg, err
	}
	cfg.DontListen, cfg.Host = false, host
	if cfg.Port, err = strconv.Atoi(port); err != nil {
		return cfg, fmt.Errorf("nats-listen port: %w", err)
	}
	cfg.ClientTLS = identity.ServerTLS(p.PKI)
	cfg.Users, err = alerts.NATSUsers("vigil", identity.DemoRoster())
	return cfg, err
}

func (p *Platform) startStore(ctx context.Context) error {
	st, err := jsstore.New(ctx, jsstore.Config{Conn: p.nc, Logger: p.log, MinBatch: p.cfg.MinBatch})
	if err != nil {
		return err
	}
	p.Store = st
	p.closers = append(p.closers, func() { _ = st.Close() })
	d, err := st.Durability(ctx)
	if err != nil {
		return err
	}
	if !d.Durable() {
		return errors.New("event store is not on durable file storage")
	}
	if p.nats == nil {
		p.log.Warn("external NATS: make sure every server runs JetStream with sync_interval: always (see deploy/)")
	}
	return nil
}

func (p *Platform) startServices(context.Context) error {
	d, err := denials.New(denials.Config{Store: p.Store, Roster: p.Roster, ReviewPeriod: p.cfg.ReviewPeriod,
		ConsultationPeriod: p.cfg.ConsultationPeriod,
		ExpiryInterval:     p.cfg.ExpiryInterval, Now: p.cfg.Now, Logger: p.log})
	if err != nil {
		return err
	}
	v, err := views.New(views.Config{Store: p.Store, Roster: p.Roster, Path: p.cfg.viewsPath(), Logger: p.log,
		Screening: viewsapp.ScreeningConfig{Now: p.cfg.Now}})
	if err != nil {
		return err
	}
	pr, err := procurement.New(procurement.Config{Store: p.Store, Roster: p.Roster, Now: p.cfg.Now, Logger: p.log})
	if err != nil {
		return err
	}
	b, err := brokering.New(brokering.Config{Store: p.Store, Roster: p.Roster, Now: p.cfg.Now,
		LapseInterval: p.cfg.ExpiryInterval, Logger: p.log})
	if err != nil {
		return err
	}
	dist, err := p.connect("vigil-distributor") // its own connection, so republishing never delays appends
	if err != nil {
		return err
	}
	al, err := alerts.New(alerts.Config{Store: p.Store, Conn: dist, Roster: p.Roster, Logger: p.log})
	if err != nil {
		return err
	}
	p.closers = append(p.closers, func() { _ = al.Close() })
	p.Denials, p.Views, p.Procurement, p.Brokering, p.Alerts = d, v, pr, b, al
	p.closers = append(p.closers, func() { _ = v.Close() })
	return nil
}

func (p *Platform) startGRPC(context.Context) error {
	p.grpc = grpc.NewServer(
		grpc.Creds(credentials.NewTLS(identity.ServerTLS(p.PKI))),
		grpc.UnaryInterceptor(identity.UnaryServerInterceptor()),
		grpc.StreamInterceptor(identity.StreamServerInterceptor()),
		grpc.MaxRecvMsgSize(4<<20),
		grpc.ConnectionTimeout(10*time.Second),
	)
	p.Denials.Register(p.grpc)
	p.Views.Register(p.grpc)
	p.Procurement.Register(p.grpc)
	p.Brokering.Register(p.grpc)
	p.Alerts.Register(p.grpc)
	p.health = health.NewServer()
	healthpb.RegisterHealthServer(p.grpc, p.health)
	reflection.Register(p.grpc)
	lis, err := net.Listen("tcp", p.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen %s: %w", p.cfg.Listen, err)
	}
	p.listener = lis
	return nil
}

func (p *Platform) startGateway(context.Context) error {
	if p.cfg.HTTP == "" {
		return nil
	}
	gw, err := gateway.New(gateway.Config{Listen: p.cfg.HTTP, PKI: p.PKI, Dev: p.cfg.DevPicker, Logger: p.log,
		Register: []func(grpc.ServiceRegistrar){p.Denials.Register, p.Views.Register, p.Procurement.Register, p.Brokering.Register}})
	if err != nil {
		return fmt.Errorf("http gateway: %w", err)
	}
	p.Gateway = gw
	p.closers = append(p.closers, func() { _ = gw.Close() })
	return nil
}

// NATSURL is the embedded server's client URL ("" when external or not
// listening).
func (p *Platform) NATSURL() string {
	if p.nats == nil || p.cfg.NATSListen == "" {
		return ""
	}
	return "tls://" + p.cfg.NATSListen
}

// Addr is the gRPC listener's address.
func (p *Platform) Addr() string { return p.listener.Addr().String() }

// Run serves gRPC and runs the projections and expiry until ctx is
// cancelled, then stops gracefully.
func (p *Platform) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 7)
	wg.Go(func() { errs <- p.Views.Run(ctx) })
	wg.Go(func() { errs <- p.Denials.Run(ctx) })
	wg.Go(func() { errs <- p.Procurement.Run(ctx) })
	wg.Go(func() { errs <- p.Brokering.Run(ctx) })
	wg.Go(func() { errs <- p.Alerts.Run(ctx) })
	wg.Go(func() { errs <- p.grpc.Serve(p.listener) })
	if p.Gateway != nil {
		wg.Go(func() { errs <- p.Gateway.Run(ctx) })
	}
	p.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	p.log.Info("vigil serving", "grpc", p.Addr(), "data_dir", p.cfg.DataDir)
	if p.Gateway != nil {
		p.log.Info("web interface", "url", p.Gateway.URL(), "dev_identity_picker", p.cfg.DevPicker)
	}
	var first error
	select {
	case <-ctx.Done():
	case first = <-errs:
	}
	p.health.Shutdown()
	cancel()
	p.stopGRPC()
	wg.Wait()
	close(errs)
	for err := range errs {
		if first == nil && err != nil && !errors.Is(err, grpc.ErrServerStopped) && !errors.Is(err, context.Canceled) {
			first = err
		}
	}
	return first
}

func (p *Platform) stopGRPC() {
	done := make(chan struct{})
	go func() { p.grpc.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		p.grpc.Stop()
		<-done
	}
}

// Close releases every component, newest first. Safe to call twice.
func (p *Platform) Close() {
	p.once.Do(func() {
		if p.grpc != nil {
			p.grpc.Stop()
		}
		for i := len(p.closers) - 1; i >= 0; i-- {
			p.closers[i]()
		}
	})
}
