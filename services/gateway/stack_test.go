package gateway_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed"
	"github.com/vigil-org/vigil/services/brokering"
	"github.com/vigil-org/vigil/services/denials"
	"github.com/vigil-org/vigil/services/gateway"
	"github.com/vigil-org/vigil/services/procurement"
	"github.com/vigil-org/vigil/services/views"
)

// clock is a settable clock shared by the services, so that seeded
// items get the creation dates the tests choose.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// stack is a gateway in front of the real denials, procurement,
// brokering and views services over an embedded NATS server.
type stack struct {
	gw    *gateway.Gateway
	pki   *identity.PKI
	dir   string
	clock *clock
	views *views.Service
}

// testNow is the tests' "today".
var testNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// stackOptions varies the gateway's configuration.
type stackOptions struct {
	dev bool
}

func startStack(t testing.TB, opt stackOptions) *stack {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	s := &stack{dir: dir, clock: &clock{now: testNow}}
	var closers []func()
	t.Cleanup(func() {
		cancel()
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	})
	pki, err := identity.EnsureDevPKI(identity.PKIDir(dir), identity.DemoRoster(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	s.pki = pki
	ns, err := natsembed.Start(ctx, natsembed.Config{StoreDir: filepath.Join(dir, "nats"), DontListen: true}, log)
	if err != nil {
		t.Fatal(err)
	}
	closers = append(closers, ns.Shutdown)
	nc, err := nats.Connect(ns.ClientURL(), ns.InProcessOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	closers = append(closers, nc.Close)
	st, err := jsstore.New(ctx, jsstore.Config{Conn: nc, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	closers = append(closers, func() { _ = st.Close() })
	roster := model.StaticRoster{"DEU", "FRA", "GBR", "ITA", "JPN", "KOR", "USA"}
	d, err := denials.New(denials.Config{Store: st, Roster: roster, ExpiryInterval: time.Hour, Now: s.clock.Now, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	v, err := views.New(views.Config{Store: st, Roster: roster, Path: filepath.Join(dir, "views.db"), Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	closers = append(closers, func() { _ = v.Close() })
	s.views = v
	pr, err := procurement.New(procurement.Config{Store: st, Roster: roster, Now: s.clock.Now, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	b, err := brokering.New(brokering.Config{Store: st, Roster: roster, Now: s.clock.Now, LapseInterval: time.Hour, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	gw, err := gateway.New(gateway.Config{Listen: "127.0.0.1:0", PKI: pki, Dev: opt.dev, Logger: log,
		Register: []func(grpc.ServiceRegistrar){d.Register, pr.Register, b.Register, v.Register}})
	if err != nil {
		t.Fatal(err)
	}
	s.gw = gw
	var wg sync.WaitGroup
	runs := []func(context.Context) error{v.Run, d.Run, pr.Run, b.Run, gw.Run}
	for _, run := range runs {
		wg.Go(func() {
			if err := run(ctx); err != nil && ctx.Err() == nil {
				t.Errorf("run: %v", err)
			}
		})
	}
	closers = append(closers, func() { _ = gw.Close() }, wg.Wait)
	return s
}

// client returns an HTTPS client trusting the development CA, presenting
// id's client certificate unless id is "", with a cookie jar.
func (s *stack) client(t testing.TB, id string) *http.Client {
	t.Helper()
	cfg := &tls.Config{MinVersion: tls.VersionTLS13, RootCAs: s.pki.CAPool(), ServerName: "127.0.0.1"}
	if id != "" {
		_, certFile, keyFile := identity.ClientFilesFor(s.dir, id)
		pair, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: true},
		Jar:           jar,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// apiError is the JSON error body of a failed call.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// call posts body (marshalled to JSON) to the RPC and decodes the answer
// into out when the call succeeds. It returns the HTTP status and, on
// failure, the decoded error.
func call(t testing.TB, c *http.Client, base, rpc string, body, out any) (int, apiError) {
	t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/api/vigil.v1."+rpc, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", rpc, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var e apiError
	if res.StatusCode != http.StatusOK {
		_ = json.Unmarshal(raw, &e)
		return res.StatusCode, e
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s: decode %s: %v", rpc, raw, err)
		}
	}
	return res.StatusCode, e
}

// mustCall is call for calls that must succeed.
func mustCall(t testing.TB, c *http.Client, base, rpc string, body, out any) {
	t.Helper()
	if code, e := call(t, c, base, rpc, body, out); code != http.StatusOK {
		t.Fatalf("%s: HTTP %d: %+v", rpc, code, e)
	}
}

// get fetches path and returns the response with its body read.
func get(t testing.TB, c *http.Client, base, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

// pick signs c in through the development identity picker as id.
func pick(t testing.TB, c *http.Client, base, id string) *http.Response {
	t.Helper()
	form := url.Values{"id": {id}, "next": {"/trends"}}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/signin", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return res
}

// commandResult is the result of every command.
type commandResult struct {
	Result struct {
		ID       string `json:"id"`
		Position string `json:"position"`
	} `json:"result"`
}

// position parses a uint64 position (a JSON string).
func (r commandResult) position(t testing.TB) uint64 {
	t.Helper()
	var p uint64
	if _, err := fmt.Sscan(r.Result.Position, &p); err != nil {
		t.Fatalf("position %q: %v", r.Result.Position, err)
	}
	return p
}
