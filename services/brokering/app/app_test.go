package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

var (
	roster = model.StaticRoster{"USA", "DEU", "FRA", "JPN", "KOR"}
	usa    = domain.Actor{Member: "USA"}
	kor    = domain.Actor{Member: "KOR"}
	t0     = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
)

// memRepo is an in-memory Repository. Before each append it runs hook,
// which may write a concurrent change or return an error to inject.
type memRepo struct {
	mu      sync.Mutex
	streams map[string][]domain.Recorded
	pos     uint64
	hook    func(c app.Change) error
}

func newRepo() *memRepo { return &memRepo{streams: map[string][]domain.Recorded{}} }

func (r *memRepo) Load(_ context.Context, id string) (*domain.Alert, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return domain.Fold(id, append([]domain.Recorded(nil), r.streams[id]...)), nil
}

func (r *memRepo) Append(_ context.Context, c app.Change) (app.Result, error) {
	if r.hook != nil {
		if err := r.hook(c); err != nil {
			return app.Result{}, err
		}
	}
	return r.write(c)
}

func (r *memRepo) write(c app.Change) (app.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.streams[c.ID]
	if uint64(len(s)) != c.ExpectedVersion {
		return app.Result{}, app.ErrWrongVersion
	}
	for _, e := range c.Events {
		r.pos++
		s = append(s, domain.Recorded{Event: e, Actor: c.Actor, At: c.At, RequestID: c.RequestID,
			Version: uint64(len(s) + 1), Position: r.pos})
	}
	r.streams[c.ID] = s
	return app.Result{ID: c.ID, Version: uint64(len(s)), Position: r.pos}, nil
}

func details() domain.Details {
	return domain.Details{
		Reference: "US-1", Type: domain.TypeTransit, Urgency: domain.UrgencyRoutine,
		Vessel:          domain.Vessel{IMONumber: "9074729"},
		Route:           []domain.PortCall{{Role: domain.PortTransit, Port: "Busan", Country: "KOR", ArrivalDate: "2025-03-22"}},
		Parties:         []model.Party{{Role: model.RoleBroker, Name: "Broker", Country: "CHN"}},
		Cargo:           domain.Cargo{DeclaredDescription: "pumps", SuspectedEntries: []model.ControlEntry{{MTCRCode: "3.A.1"}}},
		RequestedAction: domain.ActionMonitor, AddressedMembers: []string{"KOR", "JPN"},
		ResponseDeadline: t0.Add(24 * time.Hour), Summary: "s", Destination: "IRN",
		Releasability: model.Releasability{Members: []string{"KOR", "JPN"}}, Marking: model.MarkingRestricted,
	}
}

var inspected = domain.Response{ActionTaken: domain.ActionInspect, Outcome: domain.OutcomeInspected, Text: "Inspected."}

func newService(repo *memRepo, now *time.Time) *app.Service {
	return app.New(repo, domain.Policy{Roster: roster}, func() time.Time { return *now })
}

func raise(t *testing.T, s *app.Service) string {
	t.Helper()
	res, err := s.Raise(t.Context(), usa, "raise-1", details())
	if err != nil {
		t.Fatal(err)
	}
	return res.ID
}

func TestAlertID(t *testing.T) {
	sum := sha256.Sum256([]byte("alert/USA/raise-1"))
	if got, want := app.AlertID("USA", "raise-1"), hex.EncodeToString(sum[:16]); got != want {
		t.Fatalf("AlertID = %s, want %s", got, want)
	}
	if app.AlertID("USA", "raise-1") == app.AlertID("KOR", "raise-1") {
		t.Fatal("two members share an alert id")
	}
	a, b := app.AlertID("USA", ""), app.AlertID("USA", "")
	if a == b || len(a) != 32 || model.CheckID("alert_id", a) != nil {
		t.Fatalf("random ids %q, %q", a, b)
	}
}

// A concurrent change makes the command reload and decide again.
func TestExecuteRetriesOnConcurrentChange(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	id := raise(t, s)
	raced := false
	repo.hook = func(c app.Change) error {
		if !raced && c.Actor == kor {
			raced = true
			_, err := repo.write(app.Change{ID: id, ExpectedVersion: 1, Actor: domain.Actor{Member: "JPN"},
				Events: []domain.Event{domain.Acknowledged{Member: "JPN"}}})
			return err
		}
		return nil
	}
	res, err := s.Acknowledge(t.Context(), kor, "ack-1", id)
	if err != nil || res.Version != 3 {
		t.Fatalf("Acknowledge = %+v, %v; want version 3 after one retry", res, err)
	}
}

func TestExecuteGivesUp(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	id := raise(t, s)
	repo.hook = func(app.Change) error { return app.ErrWrongVersion }
	if _, err := s.Respond(t.Context(), kor, "r1", id, inspected); !errors.Is(err, app.ErrConflict) {
		t.Fatalf("Respond = %v, want ErrConflict", err)
	}
	// With an expected version, a conflict is the caller's stale read.
	if _, err := s.Update(t.Context(), usa, "u1", id, 1, details(), ""); !errors.Is(err, domain.ErrStaleVersion) {
		t.Fatalf("Update = %v, want ErrStaleVersion", err)
	}
	repo.hook = func(app.Change) error { return errors.New("disk on fire") }
	if _, err := s.Close(t.Context(), usa, "c1", id, ""); err == nil || errors.Is(err, app.ErrConflict) {
		t.Fatalf("Close = %v, want the store's error", err)
	}
}

// Two raises with the same request id racing: the loser reports the
// winner's result as a duplicate.
func TestRaiseRace(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	var first app.Result
	repo.hook = func(c app.Change) error {
		repo.hook = nil
		var err error
		first, err = repo.write(c)
		return err
	}
	res, err := s.Raise(t.Context(), usa, "raise-1", details())
	if err != nil || !res.Duplicate || res.Position != first.Position {
		t.Fatalf("Raise = %+v, %v; want duplicate of %+v", res, err, first)
	}
}

func TestRaiseRefusedAppendsNothing(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	bad := details()
	bad.Summary = ""
	for name, err := range map[string]error{
		"invalid":    second(s.Raise(t.Context(), usa, "r1", bad)),
		"request id": second(s.Raise(t.Context(), usa, "r 1", details())),
		"agency":     second(s.Raise(t.Context(), domain.Actor{Member: "USA", Agency: "customs"}, "r2", details())),
		"non-member": second(s.Raise(t.Context(), domain.Actor{Member: "CHN"}, "r3", details())),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if len(repo.streams) != 0 {
		t.Fatalf("streams %v", repo.streams)
	}
}

func second(_ app.Result, err error) error { return err }

type dueList []string

func (d dueList) Due(time.Time) []string { return d }

func TestLapseDue(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	id := raise(t, s)
	if _, err := s.Respond(t.Context(), kor, "r1", id, inspected); err != nil {
		t.Fatal(err)
	}
	due := dueList{id, "0000000000000000"}
	if n, err := s.LapseDue(t.Context(), due); n != 0 || err == nil || !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("before the deadline = %d, %v; want 0 and the unknown alert's error", n, err)
	}
	now = t0.Add(24 * time.Hour)
	if n, err := s.LapseDue(t.Context(), dueList{id}); n != 1 || err != nil {
		t.Fatalf("at the deadline = %d, %v; want 1", n, err)
	}
	if n, err := s.LapseDue(t.Context(), dueList{id, id}); n != 0 || err != nil {
		t.Fatalf("again = %d, %v", n, err)
	}
	last := repo.streams[id][len(repo.streams[id])-1]
	if last.Actor != (domain.Actor{Member: "USA", Agency: app.SystemAgency}) || last.RequestID != "" {
		t.Fatalf("lapse recorded as %+v", last)
	}
}

// Two lapse passes racing: the loser reloads and finds nothing to lapse.
func TestLapseRace(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	id := raise(t, s)
	now = t0.Add(25 * time.Hour)
	other := newService(repo, &now)
	repo.hook = func(c app.Change) error {
		repo.hook = nil
		n, err := other.LapseDue(t.Context(), dueList{id})
		if n != 2 || err != nil {
			t.Errorf("racing pass = %d, %v", n, err)
		}
		return nil
	}
	if n, err := s.LapseDue(t.Context(), dueList{id}); n != 0 || err != nil {
		t.Fatalf("losing pass = %d, %v", n, err)
	}
	if got := len(repo.streams[id]); got != 3 {
		t.Fatalf("%d events, want raise and two lapses", got)
	}
}

// A retry of an accepted raise whose deadline has passed since gets the
// first result, not a refusal of details that no longer validate; a new
// raise with the same details is refused.
func TestRaiseRetryAfterDeadlineIsDuplicate(t *testing.T) {
	now := t0
	repo := newRepo()
	s := newService(repo, &now)
	first, err := s.Raise(t.Context(), usa, "raise-1", details())
	if err != nil {
		t.Fatal(err)
	}
	now = t0.Add(48 * time.Hour)
	again, err := s.Raise(t.Context(), usa, "raise-1", details())
	if err != nil || !again.Duplicate || again.Position != first.Position {
		t.Fatalf("retry = %+v, %v; want duplicate of %+v", again, err, first)
	}
	if _, err := s.Raise(t.Context(), usa, "raise-2", details()); err == nil {
		t.Fatal("a new raise with a passed deadline was accepted")
	}
}
