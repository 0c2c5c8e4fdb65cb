package denials_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// The regime in these tests: FRA notifies a denial releasable to DEU and
// JPN; JPN consults FRA; KOR and USA cannot see the denial.
var (
	roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}

	fra       = domain.Actor{Member: "FRA"}
	fraAgency = domain.Actor{Member: "FRA", Agency: "sbdu"}
	deu       = domain.Actor{Member: "DEU"}
	jpn       = domain.Actor{Member: "JPN"}
	jpnAgency = domain.Actor{Member: "JPN", Agency: "meti"}
	kor       = domain.Actor{Member: "KOR"}
	usa       = domain.Actor{Member: "USA"}

	t0     = time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC)
	period = 14 * 24 * time.Hour
)

// clock is a settable test clock, safe for concurrent use.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a running denials service over a real embedded JetStream
// store, with a 14-day consultation period and a settable clock.
type fixture struct {
	svc   *denials.Service
	store eventstore.Store
	clock *clock
}

// newFixture starts the store and the service; Run stops, and its error
// is checked, when the test ends.
func newFixture(t *testing.T, wrap func(eventstore.Store) eventstore.Store) *fixture {
	t.Helper()
	nc := natsembedtest.Connect(t, natsembedtest.Start(t))
	js, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc})
	if err != nil {
		t.Fatalf("jsstore.New: %v", err)
	}
	t.Cleanup(func() { _ = js.Close() })
	var st eventstore.Store = js
	if wrap != nil {
		st = wrap(js)
	}
	clk := &clock{now: t0}
	svc, err := denials.New(denials.Config{Store: st, Roster: roster, ConsultationPeriod: period, ExpiryInterval: time.Hour, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	run(t, svc)
	return &fixture{svc: svc, store: js, clock: clk}
}

// run runs svc until the test ends and fails it if Run failed.
func run(t *testing.T, svc *denials.Service) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}

// notify shares FRA's denial of an engine to an Iranian end-user,
// releasable to DEU and JPN, and returns its id.
func (f *fixture) notify(t *testing.T, basis domain.Basis) string {
	t.Helper()
	n := domain.Notice{
		Reference: "FR-SBDU-2025-0042", Authority: "SBDU", DenialDate: "2025-03-14",
		Decision: domain.DecisionRefused, Basis: basis,
		ItemDescription: "Two turbojet engines.", Destination: "IRN",
		Parties: []model.Party{{Role: model.RoleEndUser, Name: "Shahid Hemmat Industrial Group", Country: "IRN"}},
		Reason:  "Missile programme risk.", Releasability: model.Releasability{Members: []string{"DEU", "JPN"}},
		Marking: model.MarkingConfidential,
	}
	if basis == domain.BasisListed {
		n.ControlEntries = []model.ControlEntry{{MTCRCode: "3.A.1"}}
	}
	res, err := f.svc.App.Notify(t.Context(), fra, fmt.Sprintf("notify-%d", basis), n)
	if err != nil {
		t.Fatalf("notify: %v", err)
	}
	return res.ID
}

// application is JPN's application naming the same end-user under
// another spelling.
func application() domain.Application {
	return domain.Application{
		Reference: "JP-METI-2025-118", ControlEntries: []model.ControlEntry{{MTCRCode: "3.A.1"}}, Destination: "IRN",
		Parties:         []model.Party{{Role: model.RoleEndUser, Name: "Shahid Hemat Industries", Country: "IRN"}},
		ItemDescription: "One turbojet engine.",
	}
}

// consult opens JPN's consultation of FRA about denial with requestID.
func (f *fixture) consult(t *testing.T, denial, requestID string) string {
	t.Helper()
	res, err := f.svc.App.RequestConsultation(t.Context(), jpn, requestID, denial, application(), "Is the end-user the same?")
	if err != nil {
		t.Fatalf("request consultation: %v", err)
	}
	return res.ID
}

func (f *fixture) position(t *testing.T) uint64 {
	t.Helper()
	p, err := f.store.LastPosition(t.Context())
	if err != nil {
		t.Fatalf("LastPosition: %v", err)
	}
	return p
}

// must fails the test on err and returns the result.
func must(t *testing.T) func(app.Result, error) app.Result {
	return func(r app.Result, err error) app.Result {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return r
	}
}

// refused fails unless err is want and the log did not grow.
func (f *fixture) refused(t *testing.T, want error) func(app.Result, error) {
	t.Helper()
	before := f.position(t)
	return func(_ app.Result, err error) {
		t.Helper()
		if !errors.Is(err, want) {
			t.Fatalf("error = %v, want %v", err, want)
		}
		if after := f.position(t); after != before {
			t.Fatalf("a refused command appended: log position %d -> %d", before, after)
		}
	}
}

// invalid fails unless err holds field errors on exactly fields, and the
// log did not grow.
func (f *fixture) invalid(t *testing.T, fields ...string) func(app.Result, error) {
	t.Helper()
	before := f.position(t)
	return func(_ app.Result, err error) {
		t.Helper()
		fes := model.FieldErrors(err)
		got := make([]string, 0, len(fes))
		for _, fe := range fes {
			got = append(got, fe.Field)
		}
		if strings.Join(got, ",") != strings.Join(fields, ",") {
			t.Fatalf("error = %v, want field errors on %q", err, fields)
		}
		if after := f.position(t); after != before {
			t.Fatalf("invalid input appended: log position %d -> %d", before, after)
		}
	}
}

// envelopes loads and decodes a stream.
func (f *fixture) envelopes(t *testing.T, stream string) []*vigilv1.EventEnvelope {
	t.Helper()
	evs, err := f.store.Load(t.Context(), stream)
	if err != nil {
		t.Fatalf("load %s: %v", stream, err)
	}
	out := make([]*vigilv1.EventEnvelope, 0, len(evs))
	for _, ev := range evs {
		var env vigilv1.EventEnvelope
		if err := proto.Unmarshal(ev.Data, &env); err != nil {
			t.Fatalf("decode %s v%d: %v", ev.Stream, ev.Version, err)
		}
		out = append(out, &env)
	}
	return out
}

func types(envs []*vigilv1.EventEnvelope) string {
	out := make([]string, 0, len(envs))
	for _, e := range envs {
		out = append(out, strings.TrimPrefix(e.GetType(), "vigil.v1."))
	}
	return strings.Join(out, " ")
}

// failingStore fails the next appends to streams with a prefix, after
// nothing was written, as a crash between two appends would.
type failingStore struct {
	eventstore.Store
	prefix string
	fail   atomic.Int32
}

var errInjected = errors.New("injected append failure")

func (s *failingStore) Append(ctx context.Context, req eventstore.AppendRequest) (eventstore.AppendResult, error) {
	if strings.HasPrefix(req.Stream, s.prefix) && s.fail.Add(-1) >= 0 {
		return eventstore.AppendResult{}, errInjected
	}
	return s.Store.Append(ctx, req)
}
