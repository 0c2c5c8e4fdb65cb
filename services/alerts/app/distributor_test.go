package app_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/adapters"
	"github.com/vigil-org/vigil/services/alerts/app"
	te "github.com/vigil-org/vigil/services/alerts/internal/testevents"
)

type publisher struct {
	mu   sync.Mutex
	msgs []adapters.Message
}

func (p *publisher) Publish(m adapters.Message) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.msgs = append(p.msgs, m)
	return nil
}

func (p *publisher) Flush(context.Context) error { return nil }

func (p *publisher) subjects() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, m := range p.msgs {
		out = append(out, m.Subject)
	}
	return out
}

type positions struct {
	mu   sync.Mutex
	pos  uint64
	fail bool
}

func (p *positions) Load(context.Context) (uint64, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pos, nil
}

func (p *positions) Save(_ context.Context, pos uint64) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail {
		return errors.New("disk gone")
	}
	p.pos = pos
	return nil
}

func newStore(t *testing.T) (*jsstore.Store, *te.Log) {
	t.Helper()
	nc := natsembedtest.Connect(t, natsembedtest.Start(t))
	st, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st, te.New(st)
}

// run runs d until it has published up to pos, then stops it and returns
// Run's error.
func run(t *testing.T, d *app.Distributor, pos uint64) error {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for d.Position() < pos {
		if time.Now().After(deadline) {
			t.Fatalf("distributor at %d, want %d", d.Position(), pos)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	return <-done
}

func newDistributor(t *testing.T, st *jsstore.Store, pub app.Publisher, pos app.PositionStore) *app.Distributor {
	t.Helper()
	d, err := app.NewDistributor(app.DistributorConfig{Store: st, Publisher: pub, Positions: pos, Members: []string{"DEU", "FRA", "KOR"},
		SaveInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDistributorSubjects(t *testing.T) {
	st, log := newStore(t)
	pos, err := log.Append(t.Context(), te.Alert("a1", "FRA", te.To("KOR"), &vigilv1.BrokeringAlert{}))
	if err != nil {
		t.Fatal(err)
	}
	pub := &publisher{}
	if err := run(t, newDistributor(t, st, pub, &positions{}), pos); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"vigil.agencies.FRA.customs.alert.AlertRaised", "vigil.agencies.FRA.enforcement.alert.AlertRaised",
		"vigil.agencies.FRA.licensing.alert.AlertRaised", "vigil.agencies.KOR.customs.alert.AlertRaised",
		"vigil.agencies.KOR.enforcement.alert.AlertRaised", "vigil.agencies.KOR.licensing.alert.AlertRaised",
		"vigil.members.FRA.alert.AlertRaised", "vigil.members.KOR.alert.AlertRaised",
	}
	got := pub.subjects()
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("subjects\n%v\nwant\n%v", got, want)
	}
}

func TestDistributorResumesAfterItsPosition(t *testing.T) {
	st, log := newStore(t)
	var last uint64
	seq := 0
	appendN := func(n int) {
		for range n {
			var err error
			seq++
			if last, err = log.Append(t.Context(), te.Denial(fmt.Sprintf("d%d", seq), "DEU", te.To("KOR"), &vigilv1.DenialNotice{})); err != nil {
				t.Fatal(err)
			}
		}
	}
	appendN(3)
	store := &positions{}
	first := &publisher{}
	if err := run(t, newDistributor(t, st, first, store), last); err != nil {
		t.Fatal(err)
	}
	if store.pos != last {
		t.Fatalf("stored position %d, want %d", store.pos, last)
	}
	appendN(2)
	second := &publisher{}
	if err := run(t, newDistributor(t, st, second, store), last); err != nil {
		t.Fatal(err)
	}
	// A denial goes to each member and its licensing and customs agencies,
	// not to enforcement: 2 x 3 subjects.
	if n1, n2 := len(first.subjects()), len(second.subjects()); n1 != 3*6 || n2 != 2*6 {
		t.Errorf("published %d then %d messages, want 18 then 12", n1, n2)
	}
}

// TestDistributorIsAtLeastOnce: when the position cannot be recorded (as
// after a crash), the next run publishes again rather than losing.
func TestDistributorIsAtLeastOnce(t *testing.T) {
	st, log := newStore(t)
	last, err := log.Append(t.Context(), te.Denial("d1", "DEU", te.To("KOR"), &vigilv1.DenialNotice{}))
	if err != nil {
		t.Fatal(err)
	}
	store := &positions{fail: true}
	if err := run(t, newDistributor(t, st, &publisher{}, store), last); err == nil {
		t.Error("Run hid the failed save")
	}
	store.fail = false
	again := &publisher{}
	if err := run(t, newDistributor(t, st, again, store), last); err != nil {
		t.Fatal(err)
	}
	if len(again.subjects()) != 6 {
		t.Errorf("republished %d messages, want 6", len(again.subjects()))
	}
}
