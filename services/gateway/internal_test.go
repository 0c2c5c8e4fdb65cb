package gateway

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
)

func TestInternalAuth(t *testing.T) {
	auth, err := newInternalAuth()
	if err != nil {
		t.Fatal(err)
	}
	other, err := newInternalAuth()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		md   metadata.MD
		want string // principal ID, "" for refused
	}{
		{"gateway metadata", auth.metadataFor(identity.Principal{ID: "KOR-customs"}), "KOR-customs"},
		{"no metadata", nil, ""},
		{"principal without secret", metadata.Pairs(mdPrincipal, "FRA"), ""},
		{"another gateway's secret", other.metadataFor(identity.Principal{ID: "FRA"}), ""},
		{"two principals", metadata.Join(auth.metadataFor(identity.Principal{ID: "FRA"}), metadata.Pairs(mdPrincipal, "DEU")), ""},
		{"invalid principal", metadata.Pairs(mdPrincipal, "fra", mdSecret, auth.secret), ""},
		{"two secrets", metadata.Join(auth.metadataFor(identity.Principal{ID: "FRA"}), metadata.Pairs(mdSecret, auth.secret)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := metadata.NewIncomingContext(t.Context(), tt.md)
			got, err := auth.authenticate(ctx)
			if tt.want == "" {
				if status.Code(err) != codes.Unauthenticated {
					t.Fatalf("err = %v, want Unauthenticated", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p, ok := identity.FromContext(got); !ok || p.ID != tt.want || p.Member != "KOR" || p.Agency != "customs" {
				t.Fatalf("principal = %+v, want %s", p, tt.want)
			}
		})
	}
}

func testPicker(t *testing.T, now func() time.Time) *devPicker {
	t.Helper()
	r, err := identity.NewRoster(identity.DemoRoster())
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDevPicker(func() (*identity.Roster, error) { return r, nil }, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func requestWith(c *http.Cookie) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if c != nil {
		r.AddCookie(c)
	}
	return r
}

func TestDevPickerCookie(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	d := testPicker(t, clock)
	c := d.cookie("DEU-customs")
	if !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || !strings.HasPrefix(c.Name, "__Host-") {
		t.Fatalf("cookie attributes: %+v", c)
	}
	if p, ok := d.principal(requestWith(c)); !ok || p.ID != "DEU-customs" {
		t.Fatalf("round trip: %+v %v", p, ok)
	}
	tampered := *c
	tampered.Value = "FRA" + strings.TrimPrefix(c.Value, "DEU-customs")
	later := testPicker(t, func() time.Time { return now.Add(2 * time.Hour) })
	later.key = d.key
	for name, tc := range map[string]struct {
		p *devPicker
		c *http.Cookie
	}{
		"no cookie":         {d, nil},
		"tampered id":       {d, &tampered},
		"another process":   {testPicker(t, clock), c},
		"expired":           {later, c},
		"garbage":           {d, &http.Cookie{Name: devCookie, Value: "FRA"}},
		"bad signature b64": {d, &http.Cookie{Name: devCookie, Value: "FRA.9999999999.!!"}},
	} {
		if p, ok := tc.p.principal(requestWith(tc.c)); ok {
			t.Errorf("%s: accepted as %+v", name, p)
		}
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/trends?kind=denial":  "/trends?kind=denial",
		"/items/abc":           "/items/abc",
		"":                     "/",
		"https://evil.example": "/",
		"//evil.example/x":     "/",
		"/\\evil.example":      "/",
		"/signin?next=/":       "/",
		"javascript:alert(1)":  "/",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfigValidateReportsEverything(t *testing.T) {
	err := Config{Listen: "nowhere", CertFile: "x", DevSessionTTL: -1}.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"PKI is required", "Register", "Listen", "CertFile and KeyFile", "must not be negative"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestMemListener(t *testing.T) {
	l := newMemListener()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := l.Accept()
		if err == nil {
			accepted <- c
		}
	}()
	c, err := l.DialContext(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	s := <-accepted
	go func() { _, _ = c.Write([]byte("ping")) }()
	buf := make([]byte, 4)
	if _, err := s.Read(buf); err != nil || string(buf) != "ping" {
		t.Fatalf("read %q, %v", buf, err)
	}
	_, _ = c.Close(), s.Close()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close: %v", err)
	}
	if _, err := l.DialContext(context.Background(), ""); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Dial after Close: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := newMemListener().DialContext(ctx, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("Dial with a cancelled context: %v", err)
	}
}
