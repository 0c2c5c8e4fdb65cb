package adapters_test

import (
	"reflect"
	"slices"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/adapters"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

const (
	denialA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" // by DEU, releasable to FRA
	denialB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" // by DEU, releasable to KOR, then KOR and JPN
	missing = "cccccccccccccccccccccccccccccccc"
)

// TestLifecycle runs a report through every command against a real event
// store: report, update, outcome, links, acknowledgements, withdrawal.
func TestLifecycle(t *testing.T) {
	st := newStore(t)
	a := newApp(t, st)
	ctx := t.Context()
	appendDenial(t, st, denialA, 1, "DEU", members("FRA"))

	rep := validReport()
	first := must(t)(a.ReportAttempt(ctx, fra, "report-1", rep))
	if first.ID != app.ReportID("FRA", "report-1") || first.Version != 1 || first.Duplicate {
		t.Fatalf("report result = %+v", first)
	}

	updated := validReport()
	updated.Summary = "New customer, cash payment offered; second enquiry in March."
	must(t)(a.UpdateReport(ctx, fra, "update-1", first.ID, 1, updated, "second enquiry"))
	refused(t, st, domain.ErrStaleVersion)(a.UpdateReport(ctx, fra, "update-2", first.ID, 1, updated, ""))

	must(t)(a.RecordOutcome(ctx, fra, "outcome-1", first.ID, domain.OutcomeLicenceDenied, "Licence refused."))
	refused(t, st, domain.ErrNotOriginator)(a.RecordOutcome(ctx, deu, "outcome-2", first.ID, domain.OutcomePending, ""))
	refused(t, st, domain.ErrNotFound)(a.RecordOutcome(ctx, kor, "outcome-3", first.ID, domain.OutcomePending, ""))

	toA := domain.ItemRef{Kind: domain.KindDenial, ID: denialA}
	must(t)(a.LinkReport(ctx, fra, "link-1", first.ID, toA, "Same end-user."))
	refused(t, st, domain.ErrAlreadyLinked)(a.LinkReport(ctx, fra, "link-2", first.ID, toA, ""))

	must(t)(a.AcknowledgeReport(ctx, deu, "ack-1", first.ID))
	refused(t, st, domain.ErrAlreadyAcknowledged)(a.AcknowledgeReport(ctx, deu, "ack-2", first.ID))

	last := must(t)(a.WithdrawReport(ctx, fra, "withdraw-1", first.ID, "Source retracted."))
	if last.Version != 6 {
		t.Fatalf("after withdrawal version = %d, want 6", last.Version)
	}
	refused(t, st, domain.ErrWithdrawn)(a.UpdateReport(ctx, fra, "update-3", first.ID, 0, updated, ""))
	refused(t, st, domain.ErrWithdrawn)(a.RecordOutcome(ctx, fra, "outcome-4", first.ID, domain.OutcomePending, ""))
	refused(t, st, domain.ErrWithdrawn)(a.WithdrawReport(ctx, fra, "withdraw-2", first.ID, ""))
	refused(t, st, domain.ErrWithdrawn)(a.AcknowledgeReport(ctx, jpn, "ack-3", first.ID))
	refused(t, st, domain.ErrWithdrawn)(a.LinkReport(ctx, deu, "link-3", first.ID, domain.ItemRef{Kind: domain.KindDenial, ID: missing}, ""))

	checkState(t, st, first.ID, updated)
	checkEnvelopes(t, st, first.ID)
}

func checkState(t *testing.T, st eventstore.Store, id string, content domain.Report) {
	t.Helper()
	p, err := adapters.NewRepository(st).Load(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	content.Outcome = domain.OutcomeLicenceDenied
	if !reflect.DeepEqual(p.Report, content) {
		t.Errorf("report = %+v\nwant %+v", p.Report, content)
	}
	if p.Originator != "FRA" || p.Status != domain.StatusWithdrawn || p.Version != 6 {
		t.Errorf("originator %q status %v version %d", p.Originator, p.Status, p.Version)
	}
	if len(p.Links) != 1 || p.Links[0].By != "FRA" || p.Links[0].To.ID != denialA || p.Links[0].Comment != "Same end-user." {
		t.Errorf("links = %+v", p.Links)
	}
	if _, ok := p.Acks["DEU"]; !ok || len(p.Acks) != 1 {
		t.Errorf("acks = %v", p.Acks)
	}
	if r, ok := p.Handled(domain.Actor{Member: "DEU"}, "ack-1"); !ok || r.Version != 5 {
		t.Errorf("Handled(DEU, ack-1) = %+v, %v", r, ok)
	}
}

// checkEnvelopes checks what other services read: types, versions,
// originators, and the report's releasability and marking on every event.
func checkEnvelopes(t *testing.T, st eventstore.Store, id string) {
	t.Helper()
	envs := envelopes(t, st, id)
	wantTypes := []string{"vigil.v1.ProcurementReported", "vigil.v1.ProcurementUpdated", "vigil.v1.ProcurementOutcomeRecorded",
		"vigil.v1.ItemLinked", "vigil.v1.ProcurementAcknowledged", "vigil.v1.ProcurementWithdrawn"}
	wantBy := []string{"FRA", "FRA", "FRA", "FRA", "DEU", "FRA"}
	if len(envs) != len(wantTypes) {
		t.Fatalf("%d envelopes, want %d", len(envs), len(wantTypes))
	}
	for i, env := range envs {
		if env.GetType() != wantTypes[i] || env.GetAggregateVersion() != uint64(i+1) || env.GetAggregateType() != "procurement" ||
			env.GetAggregateId() != id || env.GetOriginator().GetMember() != wantBy[i] {
			t.Errorf("envelope %d: %s v%d %s.%s by %s", i, env.GetType(), env.GetAggregateVersion(),
				env.GetAggregateType(), env.GetAggregateId(), env.GetOriginator().GetMember())
		}
		if !slices.Equal(env.GetReleasability().GetMembers(), []string{"DEU", "JPN"}) ||
			env.GetMarking() != vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED {
			t.Errorf("envelope %d: releasability %v marking %v", i, env.GetReleasability(), env.GetMarking())
		}
	}
	link := envs[3].GetItemLinked()
	want := &vigilv1.ItemLinked{
		From:     &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, Id: id},
		To:       &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL, Id: denialA},
		LinkedBy: "FRA", Comment: "Same end-user.",
	}
	if !proto.Equal(link, want) {
		t.Errorf("ItemLinked = %v, want %v", link, want)
	}
}

// TestIdempotency: a retried request appends nothing and returns the first
// result; the same request id from another member is another request.
func TestIdempotency(t *testing.T) {
	st := newStore(t)
	a := newApp(t, st)
	ctx := t.Context()

	first := must(t)(a.ReportAttempt(ctx, fra, "report-1", validReport()))
	again := must(t)(a.ReportAttempt(ctx, fra, "report-1", validReport()))
	if !again.Duplicate || again.ID != first.ID || again.Position != first.Position || again.Version != 1 {
		t.Fatalf("retry = %+v, first = %+v", again, first)
	}
	if n := len(envelopes(t, st, first.ID)); n != 1 {
		t.Fatalf("%d events after a retried report, want 1", n)
	}

	ack := must(t)(a.AcknowledgeReport(ctx, deu, "same-id", first.ID))
	ackAgain := must(t)(a.AcknowledgeReport(ctx, deu, "same-id", first.ID))
	if !ackAgain.Duplicate || ackAgain.Position != ack.Position || ackAgain.Version != ack.Version {
		t.Fatalf("retried ack = %+v, first = %+v", ackAgain, ack)
	}
	jpnAck := must(t)(a.AcknowledgeReport(ctx, jpn, "same-id", first.ID))
	if jpnAck.Duplicate || jpnAck.Version != 3 {
		t.Fatalf("JPN's ack with DEU's request id = %+v", jpnAck)
	}

	other := must(t)(a.ReportAttempt(ctx, deu, "report-1", validReportBy("DEU")))
	if other.ID == first.ID || other.Duplicate {
		t.Fatalf("DEU's report-1 = %+v, FRA's = %+v", other, first)
	}
	if n := len(envelopes(t, st, first.ID)); n != 3 {
		t.Fatalf("%d events, want 3 (report, two acks)", n)
	}
}

func validReportBy(member string) domain.Report {
	r := validReport()
	r.Releasability = model.Releasability{Members: slices.DeleteFunc([]string{"FRA", "DEU", "JPN"}, func(m string) bool { return m == member })}
	return r
}

// TestLinkVisibility: a member may link only what it can see, judged from
// the other item's events (originator of the first, releasability of the
// last).
func TestLinkVisibility(t *testing.T) {
	st := newStore(t)
	a := newApp(t, st)
	ctx := t.Context()
	appendDenial(t, st, denialA, 1, "DEU", members("FRA"))
	appendDenial(t, st, denialB, 1, "DEU", members("KOR"))
	report := must(t)(a.ReportAttempt(ctx, fra, "report-1", validReport()))
	onlyJPN := validReport()
	onlyJPN.Releasability = model.Releasability{Members: []string{"JPN"}}
	other := must(t)(a.ReportAttempt(ctx, fra, "report-2", onlyJPN))

	toA := domain.ItemRef{Kind: domain.KindDenial, ID: denialA}
	toB := domain.ItemRef{Kind: domain.KindDenial, ID: denialB}
	toOther := domain.ItemRef{Kind: domain.KindProcurement, ID: other.ID}

	refused(t, st, domain.ErrTargetNotFound)(a.LinkReport(ctx, jpn, "l1", report.ID, toA, ""))
	refused(t, st, domain.ErrTargetNotFound)(a.LinkReport(ctx, fra, "l2", report.ID, domain.ItemRef{Kind: domain.KindDenial, ID: missing}, ""))
	refused(t, st, domain.ErrTargetNotFound)(a.LinkReport(ctx, fra, "l3", report.ID, domain.ItemRef{Kind: domain.KindProcurement, ID: denialA}, ""))
	refused(t, st, domain.ErrTargetNotFound)(a.LinkReport(ctx, deu, "l4", report.ID, toOther, ""))
	refused(t, st, domain.ErrTargetNotFound)(a.LinkReport(ctx, jpn, "l5", report.ID, toB, ""))
	refused(t, st, domain.ErrNotFound)(a.LinkReport(ctx, kor, "l6", report.ID, toB, ""))
	refused(t, st, domain.ErrAgencyNotAllowed)(a.LinkReport(ctx, fraCustoms, "l7", report.ID, toA, ""))
	invalid(t, st, "to")(a.LinkReport(ctx, fra, "l8", report.ID, domain.ItemRef{Kind: domain.KindProcurement, ID: report.ID}, ""))
	invalid(t, st, "to.kind", "to.id")(a.LinkReport(ctx, fra, "l9", report.ID, domain.ItemRef{Kind: 3, ID: "X"}, ""))

	must(t)(a.LinkReport(ctx, jpn, "l10", report.ID, toOther, "Same enquirer."))
	must(t)(a.LinkReport(ctx, deu, "l11", report.ID, toA, ""))    // DEU is denial A's originator
	must(t)(a.LinkReport(ctx, deu, "l12", report.ID, toB, ""))    // and denial B's
	appendDenial(t, st, denialB, 2, "DEU", members("KOR", "JPN")) // B is now releasable to JPN
	refused(t, st, domain.ErrAlreadyLinked)(a.LinkReport(ctx, jpn, "l13", report.ID, toB, ""))
	visible, err := adapters.NewItems(st).Visible(ctx, toB, "JPN")
	if err != nil || !visible {
		t.Fatalf("denial B visible to JPN after widening = %v, %v", visible, err)
	}

	p, err := adapters.NewRepository(st).Load(ctx, report.ID)
	if err != nil {
		t.Fatal(err)
	}
	var by []string
	for _, l := range p.Links {
		by = append(by, l.By+"->"+l.To.ID)
	}
	if want := []string{"JPN->" + other.ID, "DEU->" + denialA, "DEU->" + denialB}; !slices.Equal(by, want) {
		t.Fatalf("links %q, want %q", by, want)
	}
}

func TestItemsVisible(t *testing.T) {
	st := newStore(t)
	a := newApp(t, st)
	appendDenial(t, st, denialA, 1, "DEU", members("FRA"))
	appendDenial(t, st, denialA, 2, "DEU", members("JPN")) // narrowed: FRA dropped
	appendDenial(t, st, denialB, 1, "DEU", &vigilv1.Releasability{AllMembers: true})
	report := must(t)(a.ReportAttempt(t.Context(), fra, "report-1", validReport()))
	must(t)(a.AcknowledgeReport(t.Context(), deu, "ack-1", report.ID)) // last envelope by DEU

	items := adapters.NewItems(st)
	for _, tt := range []struct {
		ref    domain.ItemRef
		member string
		want   bool
	}{
		{domain.ItemRef{Kind: domain.KindDenial, ID: denialA}, "DEU", true},
		{domain.ItemRef{Kind: domain.KindDenial, ID: denialA}, "JPN", true},
		{domain.ItemRef{Kind: domain.KindDenial, ID: denialA}, "FRA", false},
		{domain.ItemRef{Kind: domain.KindDenial, ID: denialB}, "USA", true},
		{domain.ItemRef{Kind: domain.KindProcurement, ID: report.ID}, "FRA", true},
		{domain.ItemRef{Kind: domain.KindProcurement, ID: report.ID}, "JPN", true},
		{domain.ItemRef{Kind: domain.KindProcurement, ID: report.ID}, "KOR", false},
		{domain.ItemRef{Kind: domain.KindDenial, ID: report.ID}, "FRA", false},
		{domain.ItemRef{Kind: domain.KindDenial, ID: missing}, "FRA", false},
		{domain.ItemRef{Kind: 3, ID: denialA}, "DEU", false},
		{domain.ItemRef{Kind: domain.KindDenial, ID: "not.an*id"}, "DEU", false},
	} {
		got, err := items.Visible(t.Context(), tt.ref, tt.member)
		if err != nil || got != tt.want {
			t.Errorf("Visible(%+v, %s) = %v, %v; want %v", tt.ref, tt.member, got, err, tt.want)
		}
	}
}

// TestAcknowledgeRules: only recipients acknowledge, once.
func TestAcknowledgeRules(t *testing.T) {
	st := newStore(t)
	a := newApp(t, st)
	ctx := t.Context()
	report := must(t)(a.ReportAttempt(ctx, fra, "report-1", validReport()))

	refused(t, st, domain.ErrNotAddressed)(a.AcknowledgeReport(ctx, fra, "a1", report.ID))
	refused(t, st, domain.ErrNotFound)(a.AcknowledgeReport(ctx, kor, "a2", report.ID))
	refused(t, st, domain.ErrAgencyNotAllowed)(a.AcknowledgeReport(ctx, domain.Actor{Member: "DEU", Agency: "customs"}, "a3", report.ID))
	refused(t, st, domain.ErrNotFound)(a.AcknowledgeReport(ctx, deu, "a4", missing))
	must(t)(a.AcknowledgeReport(ctx, deu, "a5", report.ID))
	must(t)(a.AcknowledgeReport(ctx, jpn, "a6", report.ID))
	refused(t, st, domain.ErrAlreadyAcknowledged)(a.AcknowledgeReport(ctx, jpn, "a7", report.ID))
}

// TestInvalidInputAppendsNothing: every command validates before an event
// exists.
func TestInvalidInputAppendsNothing(t *testing.T) {
	st := newStore(t)
	a := newApp(t, st)
	ctx := t.Context()

	bad := validReport()
	bad.Reference, bad.Parties, bad.RedFlags = "", bad.Parties[:1], []domain.RedFlag{99}
	invalid(t, st, "report.reference", "report.parties", "report.red_flags[0]")(a.ReportAttempt(ctx, fra, "report-1", bad))
	invalid(t, st, "request_id")(a.ReportAttempt(ctx, fra, "bad id!", validReport()))
	refused(t, st, domain.ErrAgencyNotAllowed)(a.ReportAttempt(ctx, fraCustoms, "report-2", validReport()))
	refused(t, st, domain.ErrNotMember)(a.ReportAttempt(ctx, domain.Actor{Member: "CHN"}, "report-3", validReport()))
	if p := lastPosition(t, st); p != 0 {
		t.Fatalf("log position %d after refused reports, want 0", p)
	}

	report := must(t)(a.ReportAttempt(ctx, fra, "report-1", validReport()))
	invalid(t, st, "report.summary", "comment")(a.UpdateReport(ctx, fra, "u1", report.ID, 0, func() domain.Report {
		r := validReport()
		r.Summary = ""
		return r
	}(), "\x00"))
	invalid(t, st, "outcome")(a.RecordOutcome(ctx, fra, "o1", report.ID, 0, ""))
	invalid(t, st, "reason")(a.WithdrawReport(ctx, fra, "w1", report.ID, "\u202e"))
	invalid(t, st, "report_id")(a.AcknowledgeReport(ctx, deu, "a1", "NOT-AN-ID"))
	invalid(t, st, "report_id", "request_id")(a.WithdrawReport(ctx, fra, "bad id!", "", ""))
	refused(t, st, domain.ErrNotFound)(a.UpdateReport(ctx, kor, "u2", report.ID, 0, validReport(), ""))
	if n := len(envelopes(t, st, report.ID)); n != 1 {
		t.Fatalf("%d events after invalid commands, want 1", n)
	}
}
