package natsembed_test

import (
	"crypto/tls"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/natsembed"
)

// tlsServer starts a server with the TLS listener over a fresh dev PKI and
// one mapped user, KOR-customs, allowed to subscribe to its agency
// subjects only.
func tlsServer(t *testing.T) (*natsembed.Server, string) {
	t.Helper()
	dataDir := t.TempDir()
	pki, err := identity.EnsureDevPKI(identity.PKIDir(dataDir), identity.DemoRoster(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cfg := natsembed.Config{
		StoreDir: t.TempDir(), Port: natsembed.RandomPort, ClientTLS: identity.ServerTLS(pki),
		Users: []natsembed.User{{Subject: "CN=KOR-customs,OU=customs,O=KOR", Subscribe: []string{"vigil.agencies.KOR.customs.>"}}},
	}
	srv, err := natsembed.Start(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Shutdown)
	return srv, dataDir
}

// connectAs opens a TLS connection with id's certificate; errs receives
// the connection's asynchronous errors.
func connectAs(t *testing.T, srv *natsembed.Server, dataDir, id string, errs chan<- error) (*nats.Conn, error) {
	t.Helper()
	ca, cert, key := identity.ClientFilesFor(dataDir, id)
	nc, err := nats.Connect(srv.ClientURL(), nats.RootCAs(ca), nats.ClientCert(cert, key), nats.MaxReconnects(0),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { errs <- err }))
	if err == nil {
		t.Cleanup(nc.Close)
	}
	return nc, err
}

func inProcess(t *testing.T, srv *natsembed.Server) *nats.Conn {
	t.Helper()
	nc, err := nats.Connect("", srv.InProcessOptions()...)
	if err != nil {
		t.Fatalf("in-process connection: %v", err)
	}
	t.Cleanup(nc.Close)
	return nc
}

func TestTLSListenerMapsCertificateToPermissions(t *testing.T) {
	srv, dataDir := tlsServer(t)
	internal := inProcess(t, srv)
	if _, err := internal.Request("$JS.API.INFO", nil, 5*time.Second); err != nil {
		t.Fatalf("in-process JetStream: %v", err)
	}
	errs := make(chan error, 8)
	nc, err := connectAs(t, srv, dataDir, "KOR-customs", errs)
	if err != nil {
		t.Fatalf("agency connection: %v", err)
	}
	own, err := nc.SubscribeSync("vigil.agencies.KOR.customs.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := internal.Publish("vigil.agencies.KOR.customs.alert.AlertRaised", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := own.NextMsg(5 * time.Second); err != nil {
		t.Fatalf("own subject: %v", err)
	}
	for _, subject := range []string{"vigil.agencies.KOR.licensing.>", "vigil.members.KOR.>", "vigil.events.>", "_INBOX.>", ">"} {
		if _, err := nc.SubscribeSync(subject); err != nil {
			t.Fatal(err)
		}
		if err := waitErr(errs); !errors.Is(err, nats.ErrPermissionViolation) || !strings.Contains(err.Error(), subject) {
			t.Errorf("subscribe %s: %v, want a permissions violation", subject, err)
		}
	}
	if err := nc.Publish("vigil.agencies.KOR.customs.x", nil); err != nil {
		t.Fatal(err)
	}
	if err := waitErr(errs); !errors.Is(err, nats.ErrPermissionViolation) {
		t.Errorf("publish: %v, want a permissions violation", err)
	}
}

func waitErr(errs <-chan error) error {
	select {
	case err := <-errs:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("no error within 5s")
	}
}

func TestTLSListenerRefusesOthers(t *testing.T) {
	srv, dataDir := tlsServer(t)
	errs := make(chan error, 8)
	if _, err := connectAs(t, srv, dataDir, "DEU-customs", errs); err == nil {
		t.Error("a certificate that names no user was admitted")
	}
	ca, _, _ := identity.ClientFilesFor(dataDir, "KOR-customs")
	if nc, err := nats.Connect(srv.ClientURL(), nats.RootCAs(ca), nats.MaxReconnects(0)); err == nil {
		nc.Close()
		t.Error("a client without a certificate was admitted")
	}
	if nc, err := nats.Connect(srv.ClientURL(), nats.MaxReconnects(0)); err == nil {
		nc.Close()
		t.Error("a client without TLS was admitted")
	}
}

// TestInProcessNeedsTheInternalKey takes 10 s: nats-server answers the
// failed CONNECT on the in-process pipe, which nats.go no longer reads, so
// the server's write deadline (10 s) ends it. It runs in parallel.
func TestInProcessNeedsTheInternalKey(t *testing.T) {
	t.Parallel()
	srv, _ := tlsServer(t)
	nc, err := nats.Connect("", nats.InProcessServer(srv.NATS()), nats.MaxReconnects(0), nats.Timeout(500*time.Millisecond))
	if err == nil {
		nc.Close()
		t.Error("an in-process client without the internal key was admitted")
	}
}

func TestDontListenServesInProcessOnly(t *testing.T) {
	cfg := natsembed.Config{StoreDir: t.TempDir(), DontListen: true}
	srv, err := natsembed.Start(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	nc := inProcess(t, srv)
	if _, err := nc.Request("$JS.API.INFO", nil, 5*time.Second); err != nil {
		t.Fatalf("JetStream: %v", err)
	}
}

func TestValidateTLSOptions(t *testing.T) {
	noVerify := &tls.Config{Certificates: []tls.Certificate{{}}}
	tests := []struct {
		name string
		cfg  natsembed.Config
		want []string
	}{
		{"users without TLS", natsembed.Config{Users: []natsembed.User{{Subject: "CN=X"}}}, []string{"Users need ClientTLS"}},
		{"no verification", natsembed.Config{ClientTLS: noVerify, DontListen: true}, []string{"require and verify", "DontListen"}},
		{"bad users", natsembed.Config{ClientTLS: noVerify, Users: []natsembed.User{
			{Subject: "CN=X", Subscribe: []string{"a.>.b"}}, {Subject: "CN=X", Publish: []string{"a..b"}}, {Subject: " "},
		}}, []string{"Users[0]: invalid subject", "Users[1]: duplicate", "Users[1]: invalid subject", "Users[2]: empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.StoreDir = "x"
			err := tt.cfg.Validate()
			for _, want := range tt.want {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("Validate() = %v, want %q", err, want)
				}
			}
		})
	}
}
