package identity_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
)

func leaf(cn string, org []string, ou ...string) *x509.Certificate {
	return &x509.Certificate{Subject: pkix.Name{CommonName: cn, Organization: org, OrganizationalUnit: ou}}
}

// plainAuth is a peer's AuthInfo from a transport without TLS.
type plainAuth struct{}

func (plainAuth) AuthType() string { return "plain" }

func tlsPeer(ctx context.Context, chains ...[]*x509.Certificate) context.Context {
	info := credentials.TLSInfo{State: tls.ConnectionState{VerifiedChains: chains}}
	return peer.NewContext(ctx, &peer.Peer{Addr: &net.TCPAddr{}, AuthInfo: info})
}

func TestPrincipalFromCertificate(t *testing.T) {
	tests := []struct {
		name    string
		cert    *x509.Certificate
		want    identity.Principal
		wantErr error
	}{
		{"member", leaf("FRA", []string{"FRA"}), identity.Principal{ID: "FRA", Member: "FRA"}, nil},
		{"agency", leaf("KOR-customs", []string{"KOR"}, "customs"), identity.Principal{ID: "KOR-customs", Member: "KOR", Agency: "customs"}, nil},
		{"invalid CN", leaf("Vigil development CA", nil), identity.Principal{}, identity.ErrInvalidID},
		{"organization of another member", leaf("FRA", []string{"DEU"}), identity.Principal{}, identity.ErrCertificateMismatch},
		{"no organization", leaf("FRA", nil), identity.Principal{}, identity.ErrCertificateMismatch},
		{"two organizations", leaf("FRA", []string{"FRA", "DEU"}), identity.Principal{}, identity.ErrCertificateMismatch},
		{"agency without unit", leaf("KOR-customs", []string{"KOR"}), identity.Principal{}, identity.ErrCertificateMismatch},
		{"agency with other unit", leaf("KOR-customs", []string{"KOR"}, "licensing"), identity.Principal{}, identity.ErrCertificateMismatch},
		{"member with unit", leaf("KOR", []string{"KOR"}, "customs"), identity.Principal{}, identity.ErrCertificateMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := identity.PrincipalFromCertificate(tt.cert)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestUnaryInterceptor(t *testing.T) {
	fra := leaf("FRA", []string{"FRA"})
	const private = "/vigil.v1.Denials/Notify"
	tests := []struct {
		name     string
		ctx      context.Context
		method   string
		opts     []identity.Option
		wantCode codes.Code
		wantID   string // "" when the handler must see no principal
	}{
		{"verified member", tlsPeer(context.Background(), []*x509.Certificate{fra}), private, nil, codes.OK, "FRA"},
		{"no peer", context.Background(), private, nil, codes.Unauthenticated, ""},
		{"peer without TLS", peer.NewContext(context.Background(), &peer.Peer{AuthInfo: plainAuth{}}), private, nil, codes.Unauthenticated, ""},
		{"TLS without verified chain", tlsPeer(context.Background()), private, nil, codes.Unauthenticated, ""},
		{"TLS with empty chain", tlsPeer(context.Background(), []*x509.Certificate{}), private, nil, codes.Unauthenticated, ""},
		{"invalid CN", tlsPeer(context.Background(), []*x509.Certificate{leaf("server", nil)}), private, nil, codes.Unauthenticated, ""},
		{"organization mismatch", tlsPeer(context.Background(), []*x509.Certificate{leaf("FRA", []string{"DEU"})}), private, nil, codes.Unauthenticated, ""},
		{"health is public by default", context.Background(), "/grpc.health.v1.Health/Check", nil, codes.OK, ""},
		{"reflection is public by default", context.Background(), "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", nil, codes.OK, ""},
		{"health not public when list replaced", context.Background(), "/grpc.health.v1.Health/Check", []identity.Option{identity.WithPublicMethods()}, codes.Unauthenticated, ""},
		{"exact public method", context.Background(), private, []identity.Option{identity.WithPublicMethods(private)}, codes.OK, ""},
		{"exact entry is not a prefix", context.Background(), private + "All", []identity.Option{identity.WithPublicMethods(private)}, codes.Unauthenticated, ""},
		{"public method keeps valid principal", tlsPeer(context.Background(), []*x509.Certificate{fra}), "/grpc.health.v1.Health/Check", nil, codes.OK, "FRA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reached bool
			var got identity.Principal
			handler := func(ctx context.Context, _ any) (any, error) {
				reached = true
				got, _ = identity.FromContext(ctx)
				return nil, nil
			}
			intercept := identity.UnaryServerInterceptor(tt.opts...)
			_, err := intercept(tt.ctx, nil, &grpc.UnaryServerInfo{FullMethod: tt.method}, handler)
			if status.Code(err) != tt.wantCode {
				t.Fatalf("err = %v, want %v", err, tt.wantCode)
			}
			if reached != (tt.wantCode == codes.OK) || got.ID != tt.wantID {
				t.Fatalf("reached %v with principal %+v; want %q", reached, got, tt.wantID)
			}
		})
	}
}

func TestRequireSelf(t *testing.T) {
	ctx := identity.NewContext(context.Background(), identity.Principal{ID: "KOR-customs", Member: "KOR", Agency: "customs"})
	if p, err := identity.RequireSelf(ctx, "KOR-customs"); err != nil || p.ID != "KOR-customs" {
		t.Fatalf("self: %+v, %v", p, err)
	}
	if _, err := identity.RequireSelf(ctx, "KOR"); status.Code(err) != codes.PermissionDenied {
		t.Fatalf("other: err = %v, want PermissionDenied", err)
	}
	if _, err := identity.RequireSelf(context.Background(), "KOR"); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("none: err = %v, want Unauthenticated", err)
	}
}

func TestMustFromContext(t *testing.T) {
	want := identity.Principal{ID: "FRA", Member: "FRA"}
	if got := identity.MustFromContext(identity.NewContext(context.Background(), want)); got != want {
		t.Fatalf("got %+v", got)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("MustFromContext did not panic without a principal")
		}
	}()
	identity.MustFromContext(context.Background())
}
