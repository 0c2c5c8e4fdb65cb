// Package natsembed runs a NATS server with JetStream inside the process:
// the one-machine default of Vigil and the server of integration tests.
//
// The server always runs JetStream's file store with SyncAlways: a write
// is acknowledged only after it is fsynced (ARCHITECTURE.md principle 3).
// Throughput comes from group commit in the event store, never from
// JetStream's lazy two-minute sync default.
//
// By default the server listens on loopback without authentication.
// Config.ClientTLS opens the listener to clients outside the process over
// TLS with certificate mapping (nats-server's verify_and_map): each client
// certificate must name one of Config.Users, whose subject permissions
// then bound what it may subscribe and publish. The process's own
// connections then authenticate with an in-memory key
// (Server.InProcessOptions) and keep full permissions. Config.DontListen
// serves in-process connections only.
package natsembed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// readyPoll is the step of the readiness wait, so that ctx is honoured.
const readyPoll = 50 * time.Millisecond

// Server is a running embedded NATS server. Its methods are safe for
// concurrent use.
type Server struct {
	ns       *server.Server
	internal *internalUser // nil when the server needs no authentication
	logger   *slog.Logger
	started  chan struct{} // closed when ns.Start returns
	once     sync.Once
}

// Start validates cfg, starts the server and waits until it accepts
// clients and JetStream is enabled, or until ctx is done or
// cfg.ReadyTimeout passes. On error nothing is left running.
func Start(ctx context.Context, cfg Config, logger *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	opts, internal, err := securedOptions(cfg)
	if err != nil {
		return nil, err
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("natsembed: new server: %w", err)
	}
	fatal := new(atomic.Pointer[string])
	ns.SetLogger(slogAdapter{l: logger, fatal: fatal}, cfg.Debug, cfg.Trace)
	s := &Server{ns: ns, internal: internal, logger: logger, started: make(chan struct{})}
	go s.start()
	if err := s.waitReady(ctx, cfg.ReadyTimeout, fatal); err != nil {
		s.Shutdown()
		return nil, err
	}
	logger.Info("embedded NATS server ready", "url", s.ClientURL(), "store_dir", cfg.StoreDir,
		"listen", !cfg.DontListen, "client_tls", cfg.ClientTLS != nil, "tls_users", len(cfg.Users))
	return s, nil
}

// start runs ns.Start, which launches the server's own goroutines (owned
// and awaited by ns.Shutdown) and may block while JetStream recovers its
// store; running it aside lets Start honour ctx meanwhile.
func (s *Server) start() {
	defer close(s.started)
	s.ns.Start()
}

// serverOptions maps cfg to nats-server options.
func serverOptions(cfg Config) *server.Options {
	return &server.Options{
		ServerName: cfg.ServerName,
		Host:       cfg.Host,
		Port:       cfg.Port,
		JetStream:  true,
		StoreDir:   cfg.StoreDir,
		SyncAlways: true,
		NoSigs:     true,
		DontListen: cfg.DontListen,
	}
}

// securedOptions is serverOptions with authentication when cfg asks for
// the TLS listener, and the internal user that authentication requires
// (nil without).
func securedOptions(cfg Config) (*server.Options, *internalUser, error) {
	opts := serverOptions(cfg)
	if cfg.ClientTLS == nil {
		return opts, nil, nil
	}
	internal, err := newInternalUser()
	if err != nil {
		return nil, nil, err
	}
	applyAuth(opts, cfg, internal)
	return opts, internal, nil
}

// waitReady polls the server until it is ready, ctx is done, the timeout
// passes or the server reported a fatal error.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration, fatal *atomic.Pointer[string]) error {
	deadline := time.Now().Add(timeout)
	for {
		if msg := fatal.Load(); msg != nil {
			return fmt.Errorf("natsembed: start: %s", *msg)
		}
		if s.ns.ReadyForConnections(readyPoll) && s.ns.JetStreamEnabled() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("natsembed: wait for ready: %w", err)
		}
		if time.Now().After(deadline) {
			return errors.New("natsembed: server not ready after " + timeout.String())
		}
	}
}

// InProcessOptions are the nats.go options of a connection from this
// process that does not go through the network: the in-process transport
// and, when the server requires authentication (Config.ClientTLS), the
// internal user with full permissions. The URL given to nats.Connect
// with them is ignored.
func (s *Server) InProcessOptions() []nats.Option {
	opts := []nats.Option{nats.InProcessServer(s.ns)}
	if s.internal != nil {
		opts = append(opts, s.internal.option())
	}
	return opts
}

// ClientURL is the URL clients connect to, with the actual port when the
// configuration asked for a random one.
func (s *Server) ClientURL() string { return s.ns.ClientURL() }

// NATS exposes the underlying server, for inspection in tests and for
// options this package does not wrap. Callers must not shut it down
// directly.
func (s *Server) NATS() *server.Server { return s.ns }

// SyncAlways reports whether JetStream fsyncs every write, as read back
// from the running server. It is always true for a server from Start.
func (s *Server) SyncAlways() bool {
	cfg := s.ns.JetStreamConfig()
	return cfg != nil && cfg.SyncAlways
}

// Shutdown stops the server and waits until it has released its store.
// It is safe to call more than once.
func (s *Server) Shutdown() {
	s.once.Do(func() {
		s.ns.Shutdown()
		<-s.started
		s.ns.WaitForShutdown()
		s.logger.Info("embedded NATS server stopped")
	})
}
