package alerts_test

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts"
	"github.com/vigil-org/vigil/services/alerts/internal/testevents"
)

// wait bounds every wait of the tests.
const wait = 20 * time.Second

// members is the demo roster's members.
var members = model.StaticRoster{"DEU", "FRA", "GBR", "ITA", "JPN", "KOR", "USA"}

// env is a running platform for the tests: an embedded NATS server with
// the agency TLS listener, the JetStream event store, and the alerts
// service on a mutual-TLS gRPC server over loopback.
type env struct {
	t        testing.TB
	dataDir  string
	storeDir string
	pki      *identity.PKI
	nats     *natsembed.Server
	nc       *nats.Conn // the store's
	svcConn  *nats.Conn // the distributor's: its fan-out must not queue ahead of appends
	store    *jsstore.Store
	log      *testevents.Log
	cfg      alerts.Config
	svc      *alerts.Service
	grpc     *grpc.Server
	addr     string
	stopSvc  func()
	// benchConns are the benchmark's NATS clients.
	benchConns []*nats.Conn
}

// newEnv starts NATS, the store and the service; tweak adjusts the
// service's configuration.
func newEnv(t testing.TB, tweak func(*alerts.Config)) *env {
	t.Helper()
	e := &env{t: t, dataDir: t.TempDir(), storeDir: t.TempDir()}
	pki, err := identity.EnsureDevPKI(identity.PKIDir(e.dataDir), identity.DemoRoster(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"KOR-enforcement", "KOR-statistics"} {
		if err := pki.IssueClient(id, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	e.pki = pki
	e.startNATS()
	e.cfg = alerts.Config{Store: e.store, Conn: e.svcConn, Roster: members, SaveInterval: 20 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler)}
	if tweak != nil {
		tweak(&e.cfg)
	}
	e.startService()
	t.Cleanup(e.stopAll)
	return e
}

// startNATS starts the server (on the same store directory after a
// restart), the in-process connection and the store.
func (e *env) startNATS() {
	t := e.t
	roster, err := e.pki.Roster()
	if err != nil {
		t.Fatal(err)
	}
	users, err := alerts.NATSUsers("", roster.Entries())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := natsembed.Start(context.Background(), natsembed.Config{StoreDir: e.storeDir, Port: natsembed.RandomPort,
		ClientTLS: identity.ServerTLS(e.pki), Users: users}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect("", append(srv.InProcessOptions(), nats.Name("alerts-test-store"))...)
	if err != nil {
		t.Fatal(err)
	}
	svcConn, err := nats.Connect("", append(srv.InProcessOptions(), nats.Name("alerts-test-distributor"))...)
	if err != nil {
		t.Fatal(err)
	}
	store, err := jsstore.New(context.Background(), jsstore.Config{Conn: nc})
	if err != nil {
		t.Fatal(err)
	}
	e.nats, e.nc, e.svcConn, e.store = srv, nc, svcConn, store
	e.log = testevents.New(store)
	e.cfg.Store, e.cfg.Conn = store, svcConn
}

// startService starts the service and its gRPC server.
func (e *env) startService() {
	t := e.t
	svc, err := alerts.New(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	g := grpc.NewServer(grpc.Creds(credentials.NewTLS(identity.ServerTLS(e.pki))),
		grpc.UnaryInterceptor(identity.UnaryServerInterceptor()), grpc.StreamInterceptor(identity.StreamServerInterceptor()))
	svc.Register(g)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := svc.Run(ctx); err != nil {
			t.Errorf("service Run: %v", err)
		}
	})
	wg.Go(func() { _ = g.Serve(lis) })
	e.svc, e.grpc, e.addr = svc, g, lis.Addr().String()
	e.stopSvc = func() {
		cancel()
		_ = svc.Close()
		_ = svc.Close()
		g.Stop()
		wg.Wait()
	}
}

// restartService stops the service and its gRPC server and starts new
// ones over the same store.
func (e *env) restartService() {
	e.stopSvc()
	e.startService()
}

// restartAll stops everything, NATS included, and starts it again on the
// same data.
func (e *env) restartAll() {
	e.stopAll()
	e.startNATS()
	e.startService()
}

func (e *env) stopAll() {
	e.stopSvc()
	_ = e.store.Close()
	e.svcConn.Close()
	e.nc.Close()
	e.nats.Shutdown()
}

// append writes events and returns the position of the last.
func (e *env) append(evs ...testevents.Event) uint64 {
	e.t.Helper()
	var pos uint64
	for _, ev := range evs {
		var err error
		if pos, err = e.log.Append(context.Background(), ev); err != nil {
			e.t.Fatal(err)
		}
	}
	return pos
}

// conn dials the gRPC server as principal id.
func (e *env) conn(id string, opts ...grpc.DialOption) *grpc.ClientConn {
	e.t.Helper()
	ca, cert, key := identity.ClientFilesFor(e.dataDir, id)
	tlsCfg, err := identity.ClientTLS(ca, cert, key, "localhost")
	if err != nil {
		e.t.Fatal(err)
	}
	cc, err := grpc.NewClient(e.addr, append(opts, grpc.WithTransportCredentials(credentials.NewTLS(tlsCfg)))...)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { _ = cc.Close() })
	return cc
}

// stream is a running subscription whose items a goroutine collects.
type stream struct {
	t      testing.TB
	items  chan *vigilv1.StreamItem
	done   chan error // receives the stream's end
	cancel context.CancelFunc
}

// subscribe opens a subscription as id and starts collecting. With a
// reader that does not read (paused), nothing is received until resume.
func (e *env) subscribe(id string, req *vigilv1.SubscribeRequest, opts ...grpc.DialOption) *stream {
	e.t.Helper()
	return e.subscribeOn(e.conn(id, opts...), req, nil)
}

// subscribeOn opens a subscription on cc; when gate is set, the reader
// waits for it to close before reading.
func (e *env) subscribeOn(cc *grpc.ClientConn, req *vigilv1.SubscribeRequest, gate <-chan struct{}) *stream {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cl, err := vigilv1.NewAlertsServiceClient(cc).Subscribe(ctx, req)
	if err != nil {
		cancel()
		e.t.Fatal(err)
	}
	s := &stream{t: e.t, items: make(chan *vigilv1.StreamItem, 100000), done: make(chan error, 1), cancel: cancel}
	go func() {
		if gate != nil {
			<-gate
		}
		for {
			res, err := cl.Recv()
			if err != nil {
				s.done <- err
				return
			}
			s.items <- res.GetItem()
		}
	}()
	e.t.Cleanup(cancel)
	return s
}

// next returns the next item, failing the test after wait.
func (s *stream) next() *vigilv1.StreamItem {
	s.t.Helper()
	select {
	case it := <-s.items:
		return it
	case err := <-s.done:
		s.t.Fatalf("stream ended: %v", err)
	case <-time.After(wait):
		s.t.Fatal("no item within the deadline")
	}
	return nil
}

// take returns the next n items.
func (s *stream) take(n int) []*vigilv1.StreamItem {
	s.t.Helper()
	out := make([]*vigilv1.StreamItem, 0, n)
	for range n {
		out = append(out, s.next())
	}
	return out
}

// until returns items up to and including the first whose item id is id.
func (s *stream) until(id string) []*vigilv1.StreamItem {
	s.t.Helper()
	var out []*vigilv1.StreamItem
	for {
		it := s.next()
		out = append(out, it)
		if it.GetItem().GetId() == id {
			return out
		}
	}
}

// quiet fails if an item arrives within d.
func (s *stream) quiet(d time.Duration) {
	s.t.Helper()
	select {
	case it := <-s.items:
		s.t.Fatalf("unexpected item %s %s", it.GetEventType(), it.GetItem().GetId())
	case <-time.After(d):
	}
}

// end waits for the stream's end and returns its error.
func (s *stream) end() error {
	s.t.Helper()
	select {
	case err := <-s.done:
		return err
	case <-time.After(wait):
		s.t.Fatal("stream did not end")
	}
	return nil
}

// natsAs connects to the TLS listener with id's certificate; errs
// receives asynchronous errors (permission violations).
func (e *env) natsAs(id string, errs chan<- error) (*nats.Conn, error) {
	ca, cert, key := identity.ClientFilesFor(e.dataDir, id)
	nc, err := nats.Connect(e.nats.ClientURL(), nats.RootCAs(ca), nats.ClientCert(cert, key), nats.MaxReconnects(0),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			if errs != nil {
				errs <- err
			}
		}))
	if err == nil {
		e.t.Cleanup(nc.Close)
	}
	return nc, err
}

// natsSub subscribes as id to subject and decodes each message.
func (e *env) natsSub(id, subject string) *natsStream {
	e.t.Helper()
	nc, err := e.natsAs(id, nil)
	if err != nil {
		e.t.Fatalf("NATS as %s: %v", id, err)
	}
	ns := &natsStream{t: e.t, msgs: make(chan *nats.Msg, 100000)}
	if _, err := nc.ChanSubscribe(subject, ns.msgs); err != nil {
		e.t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		e.t.Fatal(err)
	}
	return ns
}

// natsStream collects a NATS subscription's messages.
type natsStream struct {
	t    testing.TB
	msgs chan *nats.Msg
}

// next decodes the next message.
func (n *natsStream) next() (*vigilv1.StreamItem, *nats.Msg) {
	n.t.Helper()
	select {
	case m := <-n.msgs:
		it := &vigilv1.StreamItem{}
		if err := protojson.Unmarshal(m.Data, it); err != nil {
			n.t.Fatalf("decode %s: %v", m.Subject, err)
		}
		return it, m
	case <-time.After(wait):
		n.t.Fatal("no NATS message within the deadline")
	}
	return nil, nil
}

// until returns items up to and including the first whose item id is id.
func (n *natsStream) until(id string) []*vigilv1.StreamItem {
	n.t.Helper()
	var out []*vigilv1.StreamItem
	for {
		it, _ := n.next()
		out = append(out, it)
		if it.GetItem().GetId() == id {
			return out
		}
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
