package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

var (
	roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR"}
	policy = domain.Policy{Roster: roster}
	fra    = domain.Actor{Member: "FRA"}
	deu    = domain.Actor{Member: "DEU"}
	t0     = time.Date(2025, 4, 2, 14, 0, 0, 0, time.UTC)
)

// memRepo keeps streams in memory. conflicts makes the next appends fail
// with ErrWrongVersion, as if another writer got there first.
type memRepo struct {
	streams   map[string][]domain.Recorded
	conflicts int
	appends   int
}

func newRepo() *memRepo { return &memRepo{streams: map[string][]domain.Recorded{}} }

func (m *memRepo) Load(_ context.Context, id string) (*domain.Procurement, error) {
	return domain.Fold(id, m.streams[id]), nil
}

func (m *memRepo) Append(_ context.Context, c app.Change) (app.Result, error) {
	m.appends++
	if m.conflicts > 0 {
		m.conflicts--
		return app.Result{}, app.ErrWrongVersion
	}
	if uint64(len(m.streams[c.ID])) != c.ExpectedVersion {
		return app.Result{}, app.ErrWrongVersion
	}
	for _, e := range c.Events {
		v := uint64(len(m.streams[c.ID]) + 1)
		m.streams[c.ID] = append(m.streams[c.ID], domain.Recorded{Event: e, Actor: c.Actor, At: c.At,
			RequestID: c.RequestID, Version: v, Position: 100 + v})
	}
	v := uint64(len(m.streams[c.ID]))
	return app.Result{ID: c.ID, Version: v, Position: 100 + v}, nil
}

// items answers Visible from a fixed set and counts the questions.
type items struct {
	visible map[domain.ItemRef]bool
	err     error
	asked   int
}

func (x *items) Visible(_ context.Context, ref domain.ItemRef, _ string) (bool, error) {
	x.asked++
	return x.visible[ref], x.err
}

func report() domain.Report {
	return domain.Report{
		Reference: "FR-1", FirstContactDate: "2025-02-11", Channel: domain.ChannelEmail,
		Items:   []domain.SoughtItem{{Description: "valves"}},
		Parties: []model.Party{{Role: model.RoleEnquiringParty, Name: "E"}, {Role: model.RoleEndUser, Name: "U"}},
		Outcome: domain.OutcomePending, SourceConfidence: domain.ConfidenceConfirmed, Destination: "IRN",
		Summary: "s", Releasability: model.Releasability{Members: []string{"DEU"}}, Marking: model.MarkingRestricted,
	}
}

func setup(t *testing.T) (*app.Service, *memRepo, *items, string) {
	t.Helper()
	repo, it := newRepo(), &items{visible: map[domain.ItemRef]bool{}}
	a := app.New(repo, it, policy, func() time.Time { return t0 })
	res, err := a.ReportAttempt(t.Context(), fra, "report-1", report())
	if err != nil {
		t.Fatal(err)
	}
	return a, repo, it, res.ID
}

func TestReportID(t *testing.T) {
	id := app.ReportID("FRA", "report-1")
	if len(id) != 32 || id != app.ReportID("FRA", "report-1") {
		t.Fatalf("ReportID = %q, not stable 32 hex digits", id)
	}
	if id == app.ReportID("DEU", "report-1") || id == app.ReportID("FRA", "report-2") {
		t.Fatal("ReportID collides across members or requests")
	}
	if a, b := app.ReportID("FRA", ""), app.ReportID("FRA", ""); a == b || len(a) != 32 {
		t.Fatalf("ids without a request id: %q, %q", a, b)
	}
	if err := model.CheckID("id", id); err != nil {
		t.Fatalf("ReportID is not a valid id: %v", err)
	}
}

func TestExecute_RetriesOnConcurrentChange(t *testing.T) {
	a, repo, _, id := setup(t)
	repo.conflicts = 2
	res, err := a.AcknowledgeReport(t.Context(), deu, "ack-1", id)
	if err != nil || res.Version != 2 {
		t.Fatalf("ack after two conflicts = %+v, %v", res, err)
	}
	repo.conflicts = 10
	if _, err := a.RecordOutcome(t.Context(), fra, "o-1", id, domain.OutcomeLicenceDenied, ""); !errors.Is(err, app.ErrConflict) {
		t.Fatalf("after endless conflicts: %v, want ErrConflict", err)
	}
}

func TestExecute_ExpectedVersion(t *testing.T) {
	a, repo, _, id := setup(t)
	if _, err := a.UpdateReport(t.Context(), fra, "u-1", id, 7, report(), ""); !errors.Is(err, domain.ErrStaleVersion) {
		t.Fatalf("stale expected version: %v", err)
	}
	repo.conflicts = 1
	if _, err := a.UpdateReport(t.Context(), fra, "u-2", id, 1, report(), ""); !errors.Is(err, domain.ErrStaleVersion) {
		t.Fatalf("race with an expected version: %v, want ErrStaleVersion without retry", err)
	}
	if res, err := a.UpdateReport(t.Context(), fra, "u-3", id, 1, report(), ""); err != nil || res.Version != 2 {
		t.Fatalf("update at the expected version = %+v, %v", res, err)
	}
}

func TestExecute_DuplicateBeforeRules(t *testing.T) {
	a, repo, _, id := setup(t)
	first, err := a.WithdrawReport(t.Context(), fra, "w-1", id, "")
	if err != nil {
		t.Fatal(err)
	}
	again, err := a.WithdrawReport(t.Context(), fra, "w-1", id, "")
	if err != nil || !again.Duplicate || again.Version != first.Version || again.Position != first.Position {
		t.Fatalf("retried withdrawal = %+v, %v; first %+v", again, err, first)
	}
	if n := len(repo.streams[id]); n != 2 {
		t.Fatalf("%d events, want 2", n)
	}
}

func TestReportAttempt_Clash(t *testing.T) {
	a, repo, _, id := setup(t)
	// Another member's request landed on the same stream: not a retry.
	repo.streams[id][0].RequestID = "something-else"
	if _, err := a.ReportAttempt(t.Context(), fra, "report-1", report()); !errors.Is(err, domain.ErrAlreadyExists) {
		t.Fatalf("clash: %v, want ErrAlreadyExists", err)
	}
}

func TestLinkReport_AsksItemsOnlyWhenNeeded(t *testing.T) {
	a, _, it, id := setup(t)
	ctx := t.Context()
	to := domain.ItemRef{Kind: domain.KindDenial, ID: "aaaaaaaaaaaaaaaa"}
	for _, call := range []func() error{
		func() error { _, err := a.LinkReport(ctx, domain.Actor{Member: "KOR"}, "l-1", id, to, ""); return err },
		func() error {
			_, err := a.LinkReport(ctx, fra, "l-2", id, domain.ItemRef{Kind: 7, ID: "x"}, "")
			return err
		},
		func() error {
			_, err := a.LinkReport(ctx, fra, "l-3", id, domain.ItemRef{Kind: domain.KindProcurement, ID: id}, "")
			return err
		},
	} {
		if err := call(); err == nil {
			t.Fatal("refused link succeeded")
		}
	}
	if it.asked != 0 {
		t.Fatalf("Items asked %d times for links refused without it", it.asked)
	}
	if _, err := a.LinkReport(ctx, fra, "l-4", id, to, ""); !errors.Is(err, domain.ErrTargetNotFound) {
		t.Fatalf("invisible target: %v", err)
	}
	it.visible[to] = true
	if _, err := a.LinkReport(ctx, deu, "l-5", id, to, ""); err != nil {
		t.Fatalf("visible target: %v", err)
	}
	it.err = errors.New("store down")
	if _, err := a.LinkReport(ctx, fra, "l-6", id, domain.ItemRef{Kind: domain.KindDenial, ID: "bbbbbbbbbbbbbbbb"}, ""); !errors.Is(err, it.err) {
		t.Fatalf("Items failure: %v", err)
	}
}
