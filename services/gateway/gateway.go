package gateway

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/identity"
)

// Gateway is the HTTPS server for browsers and scripts. New builds it and
// binds its listener; Run serves until the context is cancelled; Close
// releases everything.
type Gateway struct {
	cfg      Config
	log      *slog.Logger
	internal *grpc.Server
	mem      *memListener
	conn     *grpc.ClientConn
	handler  http.Handler
	tls      *tls.Config
	listener net.Listener
	http     *http.Server
	once     sync.Once
}

// New validates cfg, builds the internal gRPC server with cfg's services,
// the JSON API and the web interface, and binds the HTTPS listener. The
// server certificate must load and, in development mode, the picker's
// roster must be readable. On error nothing is left open.
func New(cfg Config) (_ *Gateway, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	g := &Gateway{cfg: cfg, log: cfg.Logger.With("component", "gateway")}
	defer func() {
		if err != nil {
			_ = g.Close()
		}
	}()
	if g.tls, err = serverTLS(cfg); err != nil {
		return nil, err
	}
	api, err := g.buildInternal()
	if err != nil {
		return nil, err
	}
	if g.handler, err = g.buildHandler(api); err != nil {
		return nil, err
	}
	if g.listener, err = net.Listen("tcp", cfg.Listen); err != nil {
		return nil, fmt.Errorf("gateway: listen %s: %w", cfg.Listen, err)
	}
	g.http = &http.Server{
		Handler:           g.handler,
		TLSConfig:         g.tls,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(g.log.Handler(), slog.LevelDebug),
	}
	return g, nil
}

// serverTLS is the HTTPS configuration: TLS 1.3, the server certificate,
// and client certificates verified against the PKI's CA when presented.
func serverTLS(cfg Config) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(cfg.CertFile, cfg.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("gateway: server certificate: %w", err)
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.VerifyClientCertIfGiven,
		ClientCAs:    cfg.PKI.CAPool(),
		NextProtos:   []string{"h2", "http/1.1"},
	}, nil
}

// buildInternal creates the internal gRPC server, its in-memory listener
// and the client connection, and returns the JSON API calling it.
func (g *Gateway) buildInternal() (http.Handler, error) {
	auth, err := newInternalAuth()
	if err != nil {
		return nil, err
	}
	g.mem = newMemListener()
	g.internal = newInternalServer(auth, g.cfg.Register)
	if g.conn, err = dialInternal(g.mem); err != nil {
		return nil, err
	}
	return newAPI(context.Background(), g.conn, auth, g.cfg.MaxBodyBytes)
}

// buildHandler assembles the routes: the API behind authentication, the
// sign-in pages, the static assets and the pages.
func (g *Gateway) buildHandler(api http.Handler) (http.Handler, error) {
	auth := &authenticator{roster: g.cfg.Roster}
	if names, err := g.cfg.PKI.Roster(); err == nil {
		auth.names = names // for display only; a failure just shows IDs
	}
	if g.cfg.Dev {
		dev, err := newDevPicker(g.rosterSource(), g.cfg.DevSessionTTL, g.cfg.Now)
		if err != nil {
			return nil, err
		}
		auth.dev = dev
		g.log.Warn("DEVELOPMENT IDENTITY PICKER enabled: anyone reaching the gateway can act as any roster member")
	}
	assets, err := loadAssets()
	if err != nil {
		return nil, err
	}
	pg, err := loadPages(assets.prefix())
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(apiPrefix+"/", auth.requireAPI(api))
	mux.Handle("GET /static/", assets)
	si := &signin{pages: pg, auth: auth, log: g.log}
	mux.HandleFunc("GET /signin", si.page)
	mux.HandleFunc("POST /signin", si.pick)
	mux.HandleFunc("POST /signout", si.signout)
	for _, route := range pageRoutes() {
		mux.Handle("GET "+route, auth.requirePage(pg.shellHandler(http.StatusOK)))
	}
	mux.Handle("/", auth.requirePage(pg.shellHandler(http.StatusNotFound)))
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux)), nil
}

// pageRoutes are the paths of the web interface's pages; the JavaScript
// router draws each.
func pageRoutes() []string {
	return []string{"/{$}", "/inbox", "/own", "/consultations", "/trends", "/items/{id}"}
}

// rosterSource lists the picker's identities: Config.Roster, else the
// PKI directory's certificates.
func (g *Gateway) rosterSource() func() (*identity.Roster, error) {
	if g.cfg.Roster != nil {
		r := g.cfg.Roster
		return func() (*identity.Roster, error) { return r, nil }
	}
	return g.cfg.PKI.Roster
}

// Addr is the HTTPS listener's address.
func (g *Gateway) Addr() string { return g.listener.Addr().String() }

// URL is the gateway's base URL, "https://HOST:PORT".
func (g *Gateway) URL() string { return "https://" + g.Addr() }

// Handler returns the gateway's HTTP handler (API, pages and assets) for
// callers that serve it themselves over TLS configured like TLSConfig:
// without a verified client certificate in the request's TLS state, only
// the development picker can authenticate. API calls succeed only while
// Run runs, because Run serves the internal gRPC server.
func (g *Gateway) Handler() http.Handler { return g.handler }

// TLSConfig returns a copy of the HTTPS configuration: TLS 1.3, the
// server certificate, client certificates verified when presented.
func (g *Gateway) TLSConfig() *tls.Config { return g.tls.Clone() }

// Run serves HTTPS and the internal gRPC server until ctx is cancelled or
// one of them fails, then shuts both down, giving requests in flight up
// to five seconds. It returns nil after a cancellation.
func (g *Gateway) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { errs <- g.internal.Serve(g.mem) })
	wg.Go(func() { errs <- g.http.ServeTLS(g.listener, "", "") })
	g.log.Info("gateway serving", "url", g.URL(), "dev", g.cfg.Dev)
	select {
	case <-ctx.Done():
	case err := <-errs:
		errs <- err // keep it for the loop below
	}
	g.shutdown()
	wg.Wait()
	close(errs)
	var first error
	for err := range errs {
		if first == nil && !isStopped(err) {
			first = fmt.Errorf("gateway: %w", err)
		}
	}
	return first
}

// isStopped reports whether err only says that a server was stopped.
func isStopped(err error) bool {
	return err == nil || errors.Is(err, http.ErrServerClosed) || errors.Is(err, grpc.ErrServerStopped) || errors.Is(err, net.ErrClosed)
}

// shutdown stops HTTPS gracefully (then forcibly), then the internal
// server.
func (g *Gateway) shutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := g.http.Shutdown(ctx); err != nil {
		_ = g.http.Close()
	}
	done := make(chan struct{})
	go func() { g.internal.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		g.internal.Stop()
		<-done
	}
}

// Close releases the listeners, the internal server and its connection.
// It does not wait for Run; cancel Run's context for a graceful stop.
// Safe to call twice.
func (g *Gateway) Close() error {
	var err error
	g.once.Do(func() {
		if g.http != nil {
			err = g.http.Close()
		}
		if g.listener != nil {
			_ = g.listener.Close()
		}
		if g.internal != nil {
			g.internal.Stop()
		}
		if g.conn != nil {
			_ = g.conn.Close()
		}
		if g.mem != nil {
			_ = g.mem.Close()
		}
	})
	return err
}
