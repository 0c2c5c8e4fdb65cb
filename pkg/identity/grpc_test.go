package identity_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
)

// probe records the principal each call reached the handler with.
type probe struct {
	mu    sync.Mutex
	calls []probeCall
}

type probeCall struct {
	method    string
	principal identity.Principal
	ok        bool
}

func (p *probe) record(ctx context.Context, method string) {
	pr, ok := identity.FromContext(ctx)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, probeCall{method: method, principal: pr, ok: ok})
}

func (p *probe) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	p.record(ctx, info.FullMethod)
	return h(ctx, req)
}

func (p *probe) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	p.record(ss.Context(), info.FullMethod)
	return h(srv, ss)
}

func (p *probe) snapshot() []probeCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]probeCall(nil), p.calls...)
}

// startServer serves the gRPC health service over mTLS on loopback with
// the identity interceptors followed by a probe, until the test ends.
func startServer(t *testing.T, p *identity.PKI, opts ...identity.Option) (string, *probe) {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pr := &probe{}
	srv := grpc.NewServer(
		grpc.Creds(credentials.NewTLS(identity.ServerTLS(p))),
		grpc.ChainUnaryInterceptor(identity.UnaryServerInterceptor(opts...), pr.unary),
		grpc.ChainStreamInterceptor(identity.StreamServerInterceptor(opts...), pr.stream),
	)
	healthpb.RegisterHealthServer(srv, health.NewServer())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	t.Cleanup(func() {
		srv.Stop()
		if err := <-served; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
			t.Errorf("Serve: %v", err)
		}
	})
	return lis.Addr().String(), pr
}

// dial returns a health client over cfg that is closed when the test ends.
func dial(t *testing.T, addr string, cfg *tls.Config) healthpb.HealthClient {
	t.Helper()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return healthpb.NewHealthClient(conn)
}

// clientTLS returns the ClientTLS configuration of id under dataDir.
func clientTLS(t *testing.T, dataDir, id string) *tls.Config {
	t.Helper()
	ca, cert, key := identity.ClientFilesFor(dataDir, id)
	cfg, err := identity.ClientTLS(ca, cert, key, "localhost")
	if err != nil {
		t.Fatalf("ClientTLS(%s): %v", id, err)
	}
	return cfg
}

func callContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestHandlerGetsCallersPrincipal(t *testing.T) {
	dataDir, p := newPKI(t)
	addr, pr := startServer(t, p, identity.WithPublicMethods())
	for _, want := range []identity.Principal{
		{ID: "FRA", Member: "FRA"},
		{ID: "KOR-customs", Member: "KOR", Agency: "customs"},
	} {
		client := dial(t, addr, clientTLS(t, dataDir, want.ID))
		if _, err := client.Check(callContext(t), &healthpb.HealthCheckRequest{}); err != nil {
			t.Fatalf("%s: Check: %v", want.ID, err)
		}
		watchOnce(t, client)
	}
	calls := pr.snapshot()
	wantMethods := []string{"/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch"}
	if len(calls) != 4 {
		t.Fatalf("handler reached %d times, want 4", len(calls))
	}
	for i, c := range calls {
		want := []string{"FRA", "KOR-customs"}[i/2]
		if !c.ok || c.principal.ID != want || c.method != wantMethods[i%2] {
			t.Errorf("call %d: %+v, want %s on %s", i, c, want, wantMethods[i%2])
		}
	}
}

// watchOnce opens a Watch stream and reads the first status.
func watchOnce(t *testing.T, client healthpb.HealthClient) {
	t.Helper()
	ctx, cancel := context.WithCancel(callContext(t))
	defer cancel()
	stream, err := client.Watch(ctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		t.Fatalf("Watch: %v", err)
	}
	if _, err := stream.Recv(); err != nil {
		t.Fatalf("Watch: Recv: %v", err)
	}
}

func TestPublicMethodStillGetsPrincipal(t *testing.T) {
	dataDir, p := newPKI(t)
	addr, pr := startServer(t, p) // default: health is public
	if _, err := dial(t, addr, clientTLS(t, dataDir, "JPN")).Check(callContext(t), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	if calls := pr.snapshot(); len(calls) != 1 || calls[0].principal.ID != "JPN" {
		t.Fatalf("calls = %+v", calls)
	}
}

func TestRosterOptionRefusesUnlistedPrincipal(t *testing.T) {
	dataDir, p := newPKI(t)
	r, err := identity.NewRoster([]identity.Entry{{ID: "FRA", Name: "France"}})
	if err != nil {
		t.Fatal(err)
	}
	addr, pr := startServer(t, p, identity.WithPublicMethods(), identity.WithRoster(r))
	_, err = dial(t, addr, clientTLS(t, dataDir, "DEU")).Check(callContext(t), &healthpb.HealthCheckRequest{})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("DEU: err = %v, want Unauthenticated", err)
	}
	if _, err := dial(t, addr, clientTLS(t, dataDir, "FRA")).Check(callContext(t), &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatalf("FRA: %v", err)
	}
	if calls := pr.snapshot(); len(calls) != 1 || calls[0].principal.ID != "FRA" {
		t.Fatalf("calls = %+v", calls)
	}
}

func TestHandshakeRefusals(t *testing.T) {
	dataDir, p := newPKI(t)
	otherDataDir, _ := newPKI(t)
	if err := p.IssueClient("FRA-expired", time.Now().AddDate(-3, 0, 0)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		cfg   func(t *testing.T) *tls.Config
		alert string
	}{
		{"no client certificate", func(t *testing.T) *tls.Config {
			cfg := clientTLS(t, dataDir, "FRA")
			cfg.Certificates = nil
			return cfg
		}, "certificate required"},
		{"certificate from another CA", func(t *testing.T) *tls.Config {
			ca, _, _ := identity.ClientFilesFor(dataDir, "FRA")
			_, cert, key := identity.ClientFilesFor(otherDataDir, "FRA")
			cfg, err := identity.ClientTLS(ca, cert, key, "localhost")
			if err != nil {
				t.Fatal(err)
			}
			return cfg
		}, "unknown certificate authority"},
		{"expired certificate", func(t *testing.T) *tls.Config {
			return clientTLS(t, dataDir, "FRA-expired")
		}, "expired certificate"},
		{"server certificate used as client certificate", func(t *testing.T) *tls.Config {
			return clientTLS(t, dataDir, "server")
		}, "bad certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, pr := startServer(t, p)
			err := handshakeError(t, addr, tt.cfg(t))
			if !containsText(err, "remote error: tls: "+tt.alert) {
				t.Fatalf("handshake: err = %v, want alert %q", err, tt.alert)
			}
			_, err = dial(t, addr, tt.cfg(t)).Check(callContext(t), &healthpb.HealthCheckRequest{})
			if status.Code(err) != codes.Unavailable {
				t.Fatalf("Check: err = %v, want Unavailable", err)
			}
			if calls := pr.snapshot(); len(calls) != 0 {
				t.Fatalf("handler reached: %+v", calls)
			}
		})
	}
}

// handshakeError dials addr over raw TLS and returns the error the
// server's verdict on the client certificate produces: in TLS 1.3 the
// client learns it on its first read.
func handshakeError(t *testing.T, addr string, cfg *tls.Config) error {
	t.Helper()
	cfg = cfg.Clone()
	cfg.NextProtos = []string{"h2"}
	conn, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	_, err = conn.Read(make([]byte, 1))
	return err
}

func TestClientTLSErrors(t *testing.T) {
	dataDir, _ := newPKI(t)
	ca, cert, key := identity.ClientFilesFor(dataDir, "FRA")
	if _, err := identity.ClientTLS(ca+".missing", cert, key, "localhost"); err == nil {
		t.Error("missing CA file accepted")
	}
	if _, err := identity.ClientTLS(key, cert, key, "localhost"); !errors.Is(err, identity.ErrNoCACertificate) {
		t.Errorf("CA file without certificate: err = %v", err)
	}
	if _, err := identity.ClientTLS(ca, cert, ca, "localhost"); err == nil {
		t.Error("key file without key accepted")
	}
	cfg, err := identity.ClientTLS(ca, cert, key, "localhost")
	if err != nil || cfg.MinVersion != tls.VersionTLS13 || len(cfg.Certificates) != 1 || cfg.ServerName != "localhost" {
		t.Fatalf("ClientTLS = %+v, %v", cfg, err)
	}
}
