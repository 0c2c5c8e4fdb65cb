// Package natsembed runs a NATS server with JetStream inside the process:
// the one-machine default of Vigil and the server of integration tests.
//
// The server always runs JetStream's file store with SyncAlways: a write
// is acknowledged only after it is fsynced (ARCHITECTURE.md principle 3).
// Throughput comes from group commit in the event store, never from
// JetStream's lazy two-minute sync default.
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
)

// readyPoll is the step of the readiness wait, so that ctx is honoured.
const readyPoll = 50 * time.Millisecond

// Server is a running embedded NATS server. Its methods are safe for
// concurrent use.
type Server struct {
	ns      *server.Server
	logger  *slog.Logger
	started chan struct{} // closed when ns.Start returns
	once    sync.Once
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
	ns, err := server.NewServer(serverOptions(cfg))
	if err != nil {
		return nil, fmt.Errorf("natsembed: new server: %w", err)
	}
	fatal := new(atomic.Pointer[string])
	ns.SetLogger(slogAdapter{l: logger, fatal: fatal}, cfg.Debug, cfg.Trace)
	s := &Server{ns: ns, logger: logger, started: make(chan struct{})}
	go s.start()
	if err := s.waitReady(ctx, cfg.ReadyTimeout, fatal); err != nil {
		s.Shutdown()
		return nil, err
	}
	logger.Info("embedded NATS server ready", "url", s.ClientURL(), "store_dir", cfg.StoreDir)
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
	}
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
