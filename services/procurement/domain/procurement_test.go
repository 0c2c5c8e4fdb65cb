package domain_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

func TestFold_Empty(t *testing.T) {
	p := domain.Fold(testID, nil)
	if p.Exists() || p.ID != testID || p.Version != 0 || p.VisibleTo("FRA") {
		t.Fatalf("empty fold = %+v", p)
	}
	var nilP *domain.Procurement
	if nilP.Exists() || nilP.VisibleTo("FRA") || nilP.LinkedTo(toDenial) {
		t.Fatal("a nil report exists")
	}
	if _, ok := nilP.Handled(domain.Actor{Member: "FRA"}, "x"); ok {
		t.Fatal("a nil report handled a request")
	}
}

func TestFold_Lifecycle(t *testing.T) {
	updated := validReport(t)
	updated.Summary = "Updated summary."
	h := reportedHistory(t, validReport(t)).
		add(fra, "update-1", domain.Updated{Report: updated, Comment: "more detail"}).
		add(fra, "outcome-1", domain.OutcomeRecorded{Outcome: domain.OutcomeLicenceDenied}).
		add(deu, "link-1", domain.Linked{To: toDenial, By: "DEU", Comment: "ours"}).
		add(jpn, "ack-1", domain.Acknowledged{Member: "JPN"}).
		add(fra, "withdraw-1", domain.Withdrawn{Reason: "retracted"})
	p := domain.Fold(testID, h)

	want := updated
	want.Outcome = domain.OutcomeLicenceDenied
	if !reflect.DeepEqual(p.Report, want) {
		t.Errorf("report = %+v, want %+v", p.Report, want)
	}
	if p.Originator != "FRA" || p.Status != domain.StatusWithdrawn || !p.ReportedAt.Equal(t0) {
		t.Errorf("originator %q, status %v, reported at %v", p.Originator, p.Status, p.ReportedAt)
	}
	wantLinks := []domain.ItemLink{{To: toDenial, By: "DEU", At: t0.Add(3 * time.Hour), Comment: "ours"}}
	if !reflect.DeepEqual(p.Links, wantLinks) || !p.LinkedTo(toDenial) || p.LinkedTo(toReport) {
		t.Errorf("links = %+v", p.Links)
	}
	if at, ok := p.Acks["JPN"]; !ok || !at.Equal(t0.Add(4*time.Hour)) || len(p.Acks) != 1 {
		t.Errorf("acks = %v", p.Acks)
	}
	if p.Version != 6 || p.Position != 105 {
		t.Errorf("version %d position %d, want 6 and 105", p.Version, p.Position)
	}
}

func TestApply_OneEventAtATime(t *testing.T) {
	h := reportedHistory(t, validReport(t)).add(fra, "o", domain.OutcomeRecorded{Outcome: domain.OutcomePending})
	p := &domain.Procurement{ID: testID}
	for i, r := range h {
		p.Apply(r)
		if p.Version != uint64(i+1) {
			t.Fatalf("after event %d version = %d", i, p.Version)
		}
	}
	if !reflect.DeepEqual(p, domain.Fold(testID, h)) {
		t.Fatal("Apply one by one differs from Fold")
	}
}

func TestVisibleTo(t *testing.T) {
	narrowed := validReport(t)
	narrowed.Releasability = model.Releasability{Members: []string{"KOR"}}
	p := reported(t, validReport(t))
	q := reported(t, validReport(t), func(h history) history { return h.add(fra, "u", domain.Updated{Report: narrowed}) })
	for _, tt := range []struct {
		p      *domain.Procurement
		member string
		want   bool
	}{
		{p, "FRA", true}, {p, "DEU", true}, {p, "JPN", true}, {p, "KOR", false}, {p, "", false},
		{q, "FRA", true}, {q, "KOR", true}, {q, "DEU", false},
	} {
		if got := tt.p.VisibleTo(tt.member); got != tt.want {
			t.Errorf("VisibleTo(%q) = %v, want %v (releasable to %v)", tt.member, got, tt.want, tt.p.Report.Releasability)
		}
	}
}

func TestHandled(t *testing.T) {
	h := reportedHistory(t, validReport(t)).
		add(deu, "ack-1", domain.Acknowledged{Member: "DEU"}).
		add(fra, "", domain.OutcomeRecorded{Outcome: domain.OutcomePending})
	p := domain.Fold(testID, h)
	for _, tt := range []struct {
		member, requestID string
		want              uint64
	}{
		{"FRA", "report-1", 1},
		{"DEU", "ack-1", 2},
		{"JPN", "ack-1", 0},    // another member's request id
		{"DEU", "report-1", 0}, // FRA's request id, from DEU
		{"FRA", "", 0},         // no request id, no idempotency
		{"FRA", "ack-1", 0},
	} {
		r, ok := p.Handled(domain.Actor{Member: tt.member}, tt.requestID)
		if ok != (tt.want != 0) || r.Version != tt.want {
			t.Errorf("Handled(%q, %q) = version %d, %v; want %d", tt.member, tt.requestID, r.Version, ok, tt.want)
		}
	}
}
