package jsstore_test

import (
	"errors"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/eventstore/storetest"
	"github.com/vigil-org/vigil/pkg/natsembed"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
)

// testLogger shows the store's logs with -v when VIGIL_TEST_LOG is set.
func testLogger() *slog.Logger {
	if os.Getenv("VIGIL_TEST_LOG") == "" {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// newStore opens a store on nc, closed in t.Cleanup.
func newStore(t testing.TB, nc *nats.Conn) *jsstore.Store {
	t.Helper()
	s, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc, Logger: testLogger()})
	if err != nil {
		t.Fatalf("new store: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// startStore starts an embedded server and opens a store on it.
func startStore(t testing.TB) (*jsstore.Store, *natsembed.Server, *nats.Conn) {
	t.Helper()
	srv := natsembedtest.Start(t)
	nc := natsembedtest.Connect(t, srv)
	return newStore(t, nc), srv, nc
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) eventstore.Store {
		s, _, _ := startStore(t)
		return s
	})
}

func TestStreamIsDurable(t *testing.T) {
	s, srv, nc := startStore(t)
	if !srv.SyncAlways() {
		t.Fatal("embedded server runs without SyncAlways")
	}
	if opts := srv.NATS().JetStreamConfig(); opts == nil || !opts.SyncAlways {
		t.Fatalf("JetStream config %+v, want SyncAlways", opts)
	}
	d, err := s.Durability(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if d.Storage != jetstream.FileStorage || d.Replicas != 1 || !d.Durable() {
		t.Fatalf("durability %+v, want file storage, 1 replica", d)
	}
	js, _ := jetstream.New(nc)
	info, err := js.Stream(t.Context(), jsstore.DefaultStreamName)
	if err != nil {
		t.Fatal(err)
	}
	cfg := info.CachedInfo().Config
	if !cfg.AllowAtomicPublish || !cfg.AllowDirect || !cfg.DenyDelete || !cfg.DenyPurge || cfg.Duplicates != 24*time.Hour {
		t.Fatalf("stream config %+v", cfg)
	}
	if got := cfg.Subjects; len(got) != 1 || got[0] != "vigil.events.>" {
		t.Fatalf("subjects %v", got)
	}
}

func TestNewRejectsMemoryStream(t *testing.T) {
	srv := natsembedtest.Start(t)
	nc := natsembedtest.Connect(t, srv)
	js, _ := jetstream.New(nc)
	_, err := js.CreateStream(t.Context(), jetstream.StreamConfig{Name: jsstore.DefaultStreamName, Subjects: []string{"vigil.events.>"}, Storage: jetstream.MemoryStorage})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc}); err == nil {
		t.Fatal("New accepted an existing memory-storage stream")
	}
}

func TestDataSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	srv := natsembedtest.StartDir(t, dir)
	nc := natsembedtest.Connect(t, srv)
	s := newStore(t, nc)
	req := eventstore.AppendRequest{Stream: "order.restart", ExpectedVersion: eventstore.NoStream, Events: []eventstore.Event{
		{ID: "e1", Type: "T", Data: []byte("one")}, {ID: "e2", Type: "T", Data: []byte("two")},
	}}
	res, err := s.Append(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	nc.Close()
	srv.Shutdown()

	srv2 := natsembedtest.StartDir(t, dir)
	s2 := newStore(t, natsembedtest.Connect(t, srv2))
	got, err := s2.Load(t.Context(), "order.restart")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || string(got[1].Data) != "two" || got[1].Position != res.LastPosition || got[1].Version != 2 {
		t.Fatalf("after restart: %+v, want 2 events ending at %d", got, res.LastPosition)
	}
	again, err := s2.Append(t.Context(), eventstore.AppendRequest{Stream: "order.restart", ExpectedVersion: 2, Events: req.Events[:1]})
	if err != nil || again.Version != 3 || again.FirstPosition != res.LastPosition+1 {
		t.Fatalf("append after restart: %+v, %v", again, err)
	}
}

// TestExpectedSequenceZeroMeansNoMessage pins the server behaviour the
// NoStream check relies on: Nats-Expected-Last-Subject-Sequence: 0 passes
// on a subject with no message and fails once the subject has one.
func TestExpectedSequenceZeroMeansNoMessage(t *testing.T) {
	_, _, nc := startStore(t)
	js, _ := jetstream.New(nc)
	publish := func() error {
		_, err := js.Publish(t.Context(), "vigil.events.probe.zero", []byte("x"), jetstream.WithExpectLastSequencePerSubject(0))
		return err
	}
	if err := publish(); err != nil {
		t.Fatalf("first publish with expected sequence 0: %v", err)
	}
	err := publish()
	var apiErr *jetstream.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != jetstream.JSErrCodeStreamWrongLastSequence {
		t.Fatalf("second publish with expected sequence 0: got %v, want err_code 10071", err)
	}
}
