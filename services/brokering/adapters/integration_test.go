package adapters_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	"github.com/vigil-org/vigil/services/brokering/adapters"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

var (
	roster = model.StaticRoster{"USA", "DEU", "FRA", "JPN", "KOR"}
	usa    = domain.Actor{Member: "USA"}
	deu    = domain.Actor{Member: "DEU"}
	fra    = domain.Actor{Member: "FRA"}
	jpn    = domain.Actor{Member: "JPN"}
	kor    = domain.Actor{Member: "KOR"}
	t0     = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is the application over a real event store on an embedded NATS
// server, with the due index following the log.
type env struct {
	store eventstore.Store
	app   *app.Service
	due   *adapters.DueIndex
	clock *clock
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := natsembedtest.Start(t)
	store, err := jsstore.New(t.Context(), jsstore.Config{Conn: natsembedtest.Connect(t, srv)})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })
	c := &clock{t: t0}
	e := &env{store: store, clock: c, due: adapters.NewDueIndex(store),
		app: app.New(adapters.NewRepository(store), domain.Policy{Roster: roster}, c.Now)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.due.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("due index: %v", err)
		}
	})
	return e
}

// lapse runs one lapse pass once the due index has reached position.
func (e *env) lapse(t *testing.T, position uint64) int {
	t.Helper()
	waitFor(t, func() bool { return e.due.Position() >= position })
	n, err := e.app.LapseDue(t.Context(), e.due)
	if err != nil {
		t.Fatalf("LapseDue: %v", err)
	}
	return n
}

// waitFor polls cond until it holds, failing the test after ten seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	timeout := time.After(10 * time.Second)
	for !cond() {
		select {
		case <-tick.C:
		case <-timeout:
			t.Fatal("condition not met within 10s")
		}
	}
}

// stream returns the event types of alert id, in order.
func (e *env) stream(t *testing.T, id string) []string {
	t.Helper()
	evs, err := e.store.Load(t.Context(), adapters.StreamName(id))
	if errors.Is(err, eventstore.ErrStreamNotFound) {
		return nil
	}
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Type)
	}
	return out
}

func (e *env) last(t *testing.T) uint64 {
	t.Helper()
	p, err := e.store.LastPosition(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func details() domain.Details {
	return domain.Details{
		Reference: "US-ALERT-2025-017", Type: domain.TypeTransshipment, Urgency: domain.UrgencyImmediate,
		Vessel:      domain.Vessel{Name: "MV Example Trader", IMONumber: "9074729", Flag: "HKG"},
		Consignment: domain.Consignment{ContainerNumbers: []string{"CSQU3054383"}},
		Route: []domain.PortCall{{Role: domain.PortTransshipment, Port: "Busan", LOCODE: "KRPUS", Country: "KOR",
			ArrivalDate: "2025-03-22"}},
		Parties: []model.Party{{Role: model.RoleBroker, Name: "Lian Trading Co., Ltd.", Country: "CHN"}},
		Cargo: domain.Cargo{DeclaredDescription: "Industrial water pumps.", HSCode: "841370",
			SuspectedEntries: []model.ControlEntry{{MTCRCode: "3.A.1"}}},
		RequestedAction: domain.ActionInspect, AddressedMembers: []string{"KOR", "JPN"},
		ResponseDeadline: t0.Add(48 * time.Hour), Summary: "Turbojet engines declared as pumps.",
		Destination: "IRN", Releasability: model.Releasability{Members: []string{"DEU", "JPN", "KOR"}},
		Marking: model.MarkingRestricted,
	}
}

var seized = domain.Response{ActionTaken: domain.ActionHold, Outcome: domain.OutcomeSeized, Text: "Held and seized at Busan."}

func TestLifecycle(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	raised := must(t)(e.app.Raise(ctx, usa, "raise-1", details()))
	id := raised.ID
	if id != app.AlertID("USA", "raise-1") || raised.Version != 1 {
		t.Fatalf("raise = %+v", raised)
	}
	must(t)(e.app.Acknowledge(ctx, kor, "ack-1", id))
	responded := must(t)(e.app.Respond(ctx, kor, "resp-1", id, seized))

	// Before the deadline nothing lapses.
	if n := e.lapse(t, responded.Position); n != 0 {
		t.Fatalf("lapsed %d before the deadline", n)
	}
	e.clock.Advance(48 * time.Hour)
	if n := e.lapse(t, responded.Position); n != 1 {
		t.Fatalf("lapsed %d at the deadline, want 1 (JPN)", n)
	}
	if n := e.lapse(t, e.last(t)); n != 0 {
		t.Fatalf("second pass lapsed %d more", n)
	}
	a, err := adapters.NewRepository(e.store).Load(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := a.Lapsed["JPN"]; !ok || len(a.Lapsed) != 1 || a.Responses["KOR"] != seized {
		t.Fatalf("lapsed %v, responses %v", a.Lapsed, a.Responses)
	}

	// JPN may still respond late; then the originator closes.
	must(t)(e.app.Respond(ctx, jpn, "resp-1", id, seized))
	must(t)(e.app.Close(ctx, usa, "close-1", id, "Cargo seized."))
	for name, err := range map[string]error{
		"ack":     second(e.app.Acknowledge(ctx, jpn, "ack-2", id)),
		"respond": second(e.app.Respond(ctx, kor, "resp-2", id, seized)),
		"update":  second(e.app.Update(ctx, usa, "update-1", id, 0, details(), "")),
		"close":   second(e.app.Close(ctx, usa, "close-2", id, "")),
	} {
		if !errors.Is(err, domain.ErrClosed) {
			t.Errorf("%s after close: %v, want ErrClosed", name, err)
		}
	}
	want := []string{"vigil.v1.AlertRaised", "vigil.v1.AlertAcknowledged", "vigil.v1.AlertResponded",
		"vigil.v1.AlertResponseLapsed", "vigil.v1.AlertResponded", "vigil.v1.AlertClosed"}
	if got := e.stream(t, id); !slices.Equal(got, want) {
		t.Fatalf("stream %v, want %v", got, want)
	}
	if n := e.lapse(t, e.last(t)); n != 0 {
		t.Fatalf("closed alert lapsed %d", n)
	}
}

func second(_ app.Result, err error) error { return err }

// must returns a check that fails the test on a command error:
// must(t)(e.app.Raise(...)).
func must(t *testing.T) func(app.Result, error) app.Result {
	return func(res app.Result, err error) app.Result {
		t.Helper()
		if err != nil {
			t.Fatalf("command: %v", err)
		}
		return res
	}
}

func TestLapse_NobodyResponded(t *testing.T) {
	e := newEnv(t)
	res := must(t)(e.app.Raise(t.Context(), usa, "raise-1", details()))
	e.clock.Advance(72 * time.Hour)
	if n := e.lapse(t, res.Position); n != 2 {
		t.Fatalf("lapsed %d, want 2", n)
	}
	if n := e.lapse(t, e.last(t)); n != 0 {
		t.Fatalf("second pass lapsed %d", n)
	}
	got := e.stream(t, res.ID)
	if len(got) != 3 || got[1] != "vigil.v1.AlertResponseLapsed" || got[2] != "vigil.v1.AlertResponseLapsed" {
		t.Fatalf("stream %v", got)
	}
}

func TestDuplicateRequestID(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	first := must(t)(e.app.Raise(ctx, usa, "raise-1", details()))
	again := must(t)(e.app.Raise(ctx, usa, "raise-1", details()))
	if !again.Duplicate || again.Position != first.Position || again.ID != first.ID || again.Version != 1 {
		t.Fatalf("retry = %+v, first = %+v", again, first)
	}
	// A retry after the deadline passed still finds the first result.
	e.clock.Advance(49 * time.Hour)
	if late := must(t)(e.app.Raise(ctx, usa, "raise-1", details())); !late.Duplicate || late.Position != first.Position {
		t.Fatalf("late retry = %+v", late)
	}
	ack := must(t)(e.app.Acknowledge(ctx, kor, "ack-1", first.ID))
	if again := must(t)(e.app.Acknowledge(ctx, kor, "ack-1", first.ID)); !again.Duplicate || again.Position != ack.Position {
		t.Fatalf("ack retry = %+v", again)
	}
	resp := must(t)(e.app.Respond(ctx, kor, "resp-1", first.ID, seized))
	if again := must(t)(e.app.Respond(ctx, kor, "resp-1", first.ID, seized)); !again.Duplicate || again.Position != resp.Position {
		t.Fatalf("respond retry = %+v", again)
	}
	// The same request id from another member is another request.
	must(t)(e.app.Respond(ctx, jpn, "resp-1", first.ID, seized))
	if got := e.stream(t, first.ID); len(got) != 4 {
		t.Fatalf("stream %v, want raise, ack and two responses", got)
	}
	// A new acknowledgement with a new request id is refused.
	if _, err := e.app.Acknowledge(ctx, kor, "ack-2", first.ID); !errors.Is(err, domain.ErrAlreadyAcknowledged) {
		t.Fatalf("second ack: %v", err)
	}
}

func TestInvalidInputAppendsNothing(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	bad := details()
	bad.Vessel.IMONumber, bad.Consignment.ContainerNumbers = "9074728", []string{"CSQU3054384"}
	_, err := e.app.Raise(ctx, usa, "raise-bad", bad)
	if fes := model.FieldErrors(err); len(fes) != 2 || fes[0].Field != "alert.vessel.imo_number" ||
		fes[1].Field != "alert.consignment.container_numbers[0]" {
		t.Fatalf("error %v", err)
	}
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"bad request id", second(e.app.Raise(ctx, usa, "has space", details()))},
		{"agency", second(e.app.Raise(ctx, domain.Actor{Member: "USA", Agency: "customs"}, "r", details()))},
		{"bad alert id", second(e.app.Acknowledge(ctx, kor, "a", "../x"))},
	} {
		if tt.err == nil {
			t.Errorf("%s accepted", tt.name)
		}
	}
	if p := e.last(t); p != 0 {
		t.Fatalf("log position %d after refused commands, want 0", p)
	}
	if got := e.stream(t, app.AlertID("USA", "raise-bad")); got != nil {
		t.Fatalf("stream %v", got)
	}
	res := must(t)(e.app.Raise(ctx, usa, "raise-1", details()))
	_, err = e.app.Respond(ctx, kor, "resp-bad", res.ID, domain.Response{ActionTaken: domain.ActionHold})
	if fes := model.FieldErrors(err); len(fes) != 2 {
		t.Fatalf("invalid response: %v", err)
	}
	if p := e.last(t); p != res.Position {
		t.Fatalf("log at %d after an invalid response, want %d", p, res.Position)
	}
}

func TestOnlyAddressedRespond(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	res := must(t)(e.app.Raise(ctx, usa, "raise-1", details()))
	tests := []struct {
		actor domain.Actor
		want  error
	}{
		{deu, domain.ErrNotAddressed},
		{usa, domain.ErrNotAddressed},
		{fra, domain.ErrNotFound},
		{domain.Actor{Member: "KOR", Agency: "customs"}, domain.ErrAgencyNotAllowed},
	}
	for _, tt := range tests {
		if _, err := e.app.Respond(ctx, tt.actor, "resp-1", res.ID, seized); !errors.Is(err, tt.want) {
			t.Errorf("respond by %+v: %v, want %v", tt.actor, err, tt.want)
		}
		if _, err := e.app.Acknowledge(ctx, tt.actor, "ack-1", res.ID); !errors.Is(err, tt.want) {
			t.Errorf("ack by %+v: %v, want %v", tt.actor, err, tt.want)
		}
	}
	if _, err := e.app.Update(ctx, kor, "u", res.ID, 0, details(), ""); !errors.Is(err, domain.ErrNotOriginator) {
		t.Errorf("update by KOR: %v", err)
	}
	if _, err := e.app.Close(ctx, fra, "c", res.ID, ""); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("close by FRA: %v", err)
	}
	if p := e.last(t); p != res.Position {
		t.Fatalf("log at %d after refused commands, want %d", p, res.Position)
	}
}

func TestUpdate_ExpectedVersion(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	res := must(t)(e.app.Raise(ctx, usa, "raise-1", details()))
	d := details()
	d.AddressedMembers = append(d.AddressedMembers, "DEU")
	if _, err := e.app.Update(ctx, usa, "u1", res.ID, 7, d, ""); !errors.Is(err, domain.ErrStaleVersion) {
		t.Fatalf("update at version 7: %v", err)
	}
	// A member that cannot see the alert learns nothing from a version.
	if _, err := e.app.Update(ctx, fra, "u1", res.ID, 7, d, ""); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("update by FRA: %v", err)
	}
	up := must(t)(e.app.Update(ctx, usa, "u1", res.ID, 1, d, "DEU asked to monitor"))
	if up.Version != 2 {
		t.Fatalf("update = %+v", up)
	}
	e.clock.Advance(48 * time.Hour)
	if n := e.lapse(t, up.Position); n != 3 {
		t.Fatalf("lapsed %d, want 3 (DEU, JPN, KOR)", n)
	}
}
