// Package natsembedtest starts embedded NATS servers for tests: one per
// test, on a random port, with its store in the test's temporary
// directory, shut down when the test ends.
package natsembedtest

import (
	"log/slog"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/vigil-org/vigil/pkg/natsembed"
)

// Start starts a server with JetStream on a random port and a fresh
// StoreDir, and shuts it down in t.Cleanup. It fails the test on error.
func Start(t testing.TB) *natsembed.Server {
	t.Helper()
	return StartDir(t, t.TempDir())
}

// StartDir is Start over a given StoreDir, for tests that restart a
// server on the same data. Shutting the server down early is allowed.
func StartDir(t testing.TB, storeDir string) *natsembed.Server {
	t.Helper()
	cfg := natsembed.Config{StoreDir: storeDir, Port: natsembed.RandomPort}
	srv, err := natsembed.Start(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("start embedded NATS: %v", err)
	}
	t.Cleanup(srv.Shutdown)
	return srv
}

// Connect opens a client connection to srv, closed in t.Cleanup.
func Connect(t testing.TB, srv *natsembed.Server) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect(srv.ClientURL(), nats.Name(t.Name()))
	if err != nil {
		t.Fatalf("connect to embedded NATS: %v", err)
	}
	t.Cleanup(nc.Close)
	return nc
}
