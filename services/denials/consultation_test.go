package denials_test

import (
	"slices"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/adapters"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// TestConsultationLifecycle: request -> acknowledge -> needs information
// -> objection -> close, against a real event store, with who may do what.
func TestConsultationLifecycle(t *testing.T) {
	f := newFixture(t, nil)
	a, ctx := f.svc.App, t.Context()
	denial := f.notify(t, domain.BasisListed)

	first := must(t)(a.RequestConsultation(ctx, jpn, "consult-1", denial, application(), "Is the end-user the same?"))
	if first.ID != app.ConsultationID("JPN", "consult-1") || first.Version != 1 || first.Duplicate {
		t.Fatalf("request result = %+v", first)
	}
	again := must(t)(a.RequestConsultation(ctx, jpn, "consult-1", denial, application(), "Is the end-user the same?"))
	if !again.Duplicate || again.ID != first.ID || again.Position != first.Position {
		t.Fatalf("retried request = %+v, first = %+v", again, first)
	}
	id := first.ID

	f.refused(t, domain.ErrNotDenier)(a.AcknowledgeConsultation(ctx, jpn, "ack-1", id))
	f.refused(t, domain.ErrConsultationNotFound)(a.AcknowledgeConsultation(ctx, deu, "ack-1", id))
	f.refused(t, domain.ErrAgencyNotAllowed)(a.AcknowledgeConsultation(ctx, fraAgency, "ack-1", id))
	must(t)(a.AcknowledgeConsultation(ctx, fra, "ack-1", id))
	f.refused(t, domain.ErrConsultationAcknowledged)(a.AcknowledgeConsultation(ctx, fra, "ack-2", id))

	f.refused(t, domain.ErrNotDenier)(a.AnswerConsultation(ctx, jpn, "answer-0", id, domain.AnswerNoObjection, ""))
	must(t)(a.AnswerConsultation(ctx, fra, "answer-1", id, domain.AnswerNeedsInformation, "Who is the consignee?"))
	must(t)(a.AnswerConsultation(ctx, fra, "answer-2", id, domain.AnswerObjects, "Same end-user: we object."))

	f.refused(t, domain.ErrNotRequester)(a.CloseConsultation(ctx, fra, "close-1", id, ""))
	closed := must(t)(a.CloseConsultation(ctx, jpn, "close-1", id, "Licence refused."))
	if closed.Version != 5 {
		t.Fatalf("close result = %+v, want version 5", closed)
	}
	if dup := must(t)(a.CloseConsultation(ctx, jpn, "close-1", id, "Licence refused.")); !dup.Duplicate || dup.Position != closed.Position {
		t.Fatalf("retried close = %+v", dup)
	}
	f.refused(t, domain.ErrConsultationEnded)(a.AnswerConsultation(ctx, fra, "answer-3", id, domain.AnswerNoObjection, ""))
	f.refused(t, domain.ErrConsultationEnded)(a.CloseConsultation(ctx, jpn, "close-2", id, ""))

	f.clock.Advance(period + time.Hour)
	if n, err := f.svc.LapseConsultationsNow(ctx, f.position(t)); err != nil || n != 0 {
		t.Fatalf("lapse after close: %d, %v", n, err)
	}
	checkConsultation(t, f, id)
}

// checkConsultation checks the stored state and what other services read
// in the envelopes: types, versions, originators, releasability of exactly
// the two parties, the denial's marking.
func checkConsultation(t *testing.T, f *fixture, id string) {
	t.Helper()
	c, err := adapters.NewConsultationRepository(f.store).Load(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != domain.StageClosed || c.Answer != domain.AnswerObjects || c.AnswerText != "Same end-user: we object." ||
		c.Requester != "JPN" || c.Denier != "FRA" || !c.Due.Equal(t0.Add(period)) || c.Application.Reference != "JP-METI-2025-118" {
		t.Errorf("consultation = %+v", c)
	}
	envs := f.envelopes(t, adapters.ConsultationStream(id))
	if got := types(envs); got != "ConsultationRequested ConsultationAcknowledged ConsultationAnswered ConsultationAnswered ConsultationClosed" {
		t.Fatalf("events: %s", got)
	}
	by := []string{"JPN", "FRA", "FRA", "FRA", "JPN"}
	for i, env := range envs {
		if env.GetAggregateType() != "consultation" || env.GetAggregateId() != id || env.GetAggregateVersion() != uint64(i+1) ||
			env.GetOriginator().GetMember() != by[i] {
			t.Errorf("envelope %d: %s.%s v%d by %s", i, env.GetAggregateType(), env.GetAggregateId(), env.GetAggregateVersion(), env.GetOriginator().GetMember())
		}
		if rel := env.GetReleasability(); rel.GetAllMembers() || !slices.Equal(rel.GetMembers(), []string{"FRA", "JPN"}) ||
			env.GetMarking() != vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_CONFIDENTIAL {
			t.Errorf("envelope %d: releasability %v marking %v", i, rel, env.GetMarking())
		}
	}
	req := envs[0].GetConsultationRequested()
	if req.GetDenyingMember() != "FRA" || req.GetRequestingMember() != "JPN" || req.GetQuestion() != "Is the end-user the same?" ||
		!req.GetDue().AsTime().Equal(t0.Add(period)) || req.GetApplication().GetParties()[0].GetName() != "Shahid Hemat Industries" {
		t.Errorf("ConsultationRequested = %v", req)
	}
}

// TestConsultationLapse: with the injected clock, a consultation with no
// final answer lapses once its due date passes, exactly once; one with a
// final answer does not; a request for information does not stop it.
func TestConsultationLapse(t *testing.T) {
	f := newFixture(t, nil)
	a, ctx := f.svc.App, t.Context()
	denial := f.notify(t, domain.BasisListed)
	silent := f.consult(t, denial, "silent")
	asking := f.consult(t, denial, "asking")
	answered := f.consult(t, denial, "answered")
	must(t)(a.AcknowledgeConsultation(ctx, fra, "ack", silent))
	must(t)(a.AnswerConsultation(ctx, fra, "ask", asking, domain.AnswerNeedsInformation, "Consignee?"))
	must(t)(a.AnswerConsultation(ctx, fra, "fine", answered, domain.AnswerNoObjection, ""))

	f.clock.Advance(period - time.Second)
	if n, err := f.svc.LapseConsultationsNow(ctx, f.position(t)); err != nil || n != 0 {
		t.Fatalf("lapse before the due date: %d, %v", n, err)
	}
	f.clock.Advance(time.Second)
	if n, err := f.svc.LapseConsultationsNow(ctx, f.position(t)); err != nil || n != 2 {
		t.Fatalf("lapse at the due date: %d, %v; want 2", n, err)
	}
	if n, err := f.svc.LapseConsultationsNow(ctx, f.position(t)); err != nil || n != 0 {
		t.Fatalf("second lapse pass: %d, %v", n, err)
	}
	for _, id := range []string{silent, asking} {
		envs := f.envelopes(t, adapters.ConsultationStream(id))
		last := envs[len(envs)-1]
		if last.GetConsultationLapsed() == nil || !last.GetConsultationLapsed().GetDue().AsTime().Equal(t0.Add(period)) ||
			last.GetOriginator().GetMember() != "JPN" || last.GetOriginator().GetAgency() != app.SystemAgency {
			t.Errorf("%s ends with %v", id, last)
		}
	}
	if got := types(f.envelopes(t, adapters.ConsultationStream(answered))); got != "ConsultationRequested ConsultationAnswered" {
		t.Errorf("answered consultation: %s", got)
	}
	f.refused(t, domain.ErrConsultationEnded)(a.AnswerConsultation(ctx, fra, "late", silent, domain.AnswerObjects, "No."))
}

// TestGrantedDespiteDenial: the grant closes the consultation and lands in
// the denial's stream with the denial's releasability; a retry appends
// nothing; only the requester may report it, once.
func TestGrantedDespiteDenial(t *testing.T) {
	f := newFixture(t, nil)
	a, ctx := f.svc.App, t.Context()
	denial := f.notify(t, domain.BasisListed)
	id := f.consult(t, denial, "consult-1")
	must(t)(a.AnswerConsultation(ctx, fra, "answer-1", id, domain.AnswerObjects, "We object."))

	f.refused(t, domain.ErrNotRequester)(a.ReportGrantedDespiteDenial(ctx, fra, "grant-1", id, "why"))
	must(t)(a.Acknowledge(ctx, jpn, "used-1", denial))
	f.invalid(t, "request_id")(a.ReportGrantedDespiteDenial(ctx, jpn, "used-1", id, "A request id JPN used on the denial."))
	f.invalid(t, "request_id")(a.ReportGrantedDespiteDenial(ctx, jpn, "consult-1", id, "The request id of the consultation."))
	f.refused(t, domain.ErrConsultationNotFound)(a.ReportGrantedDespiteDenial(ctx, deu, "grant-1", id, "why"))
	f.invalid(t, "explanation")(a.ReportGrantedDespiteDenial(ctx, jpn, "grant-1", id, " "))
	res := must(t)(a.ReportGrantedDespiteDenial(ctx, jpn, "grant-1", id, "End-use verified on site."))
	if res.ID != id || res.Duplicate || res.Position != f.position(t) {
		t.Fatalf("grant result = %+v, log at %d", res, f.position(t))
	}
	again := must(t)(a.ReportGrantedDespiteDenial(ctx, jpn, "grant-1", id, "End-use verified on site."))
	if !again.Duplicate || again.Position != res.Position {
		t.Fatalf("retried grant = %+v, first %+v", again, res)
	}
	f.refused(t, domain.ErrAlreadyGranted)(a.ReportGrantedDespiteDenial(ctx, jpn, "grant-2", id, "Again."))
	f.refused(t, domain.ErrConsultationEnded)(a.CloseConsultation(ctx, jpn, "close-1", id, ""))
	checkGranted(t, f, denial, id)
}

// checkGranted checks both streams after one grant of consultation id.
func checkGranted(t *testing.T, f *fixture, denial, id string) {
	t.Helper()
	cons := f.envelopes(t, adapters.ConsultationStream(id))
	if last := cons[len(cons)-1].GetConsultationClosed(); last == nil || last.GetReason() != domain.GrantedReason {
		t.Fatalf("consultation events: %s, last %v", types(cons), cons[len(cons)-1])
	}
	envs := f.envelopes(t, adapters.StreamName(denial))
	if got := types(envs); got != "DenialNotified LicenceGrantedDespiteDenial" && got != "DenialNotified DenialAcknowledged LicenceGrantedDespiteDenial" {
		t.Fatalf("denial events: %s", got)
	}
	g := envs[len(envs)-1]
	want := &vigilv1.LicenceGrantedDespiteDenial{DenialId: denial, ConsultationId: id, GrantingMember: "JPN",
		Explanation: "End-use verified on site.", ApplicationReference: "JP-METI-2025-118"}
	if p := g.GetLicenceGrantedDespiteDenial(); p.String() != want.String() {
		t.Errorf("LicenceGrantedDespiteDenial = %v, want %v", p, want)
	}
	if g.GetOriginator().GetMember() != "JPN" || !slices.Equal(g.GetReleasability().GetMembers(), []string{"DEU", "JPN"}) ||
		g.GetMarking() != vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_CONFIDENTIAL || g.GetAggregateVersion() != uint64(len(envs)) {
		t.Errorf("grant envelope: by %s releasability %v marking %v v%d", g.GetOriginator().GetMember(), g.GetReleasability(),
			g.GetMarking(), g.GetAggregateVersion())
	}
	d, err := adapters.NewRepository(f.store).Load(t.Context(), denial)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != domain.StatusActive || d.Version != uint64(len(envs)) || d.Grants[id].Actor.Member != "JPN" {
		t.Errorf("denial after the grant: status %v version %d grants %v", d.Status, d.Version, d.Grants)
	}
}

// TestGrantedDespiteDenial_RetryCompletes: when the second append fails,
// a retry with the same request id completes it without a second grant.
func TestGrantedDespiteDenial_RetryCompletes(t *testing.T) {
	var failing *failingStore
	f := newFixture(t, func(st eventstore.Store) eventstore.Store {
		failing = &failingStore{Store: st, prefix: adapters.ConsultationType + "."}
		return failing
	})
	a, ctx := f.svc.App, t.Context()
	denial := f.notify(t, domain.BasisListed)
	id := f.consult(t, denial, "consult-1")

	failing.fail.Store(1)
	if _, err := a.ReportGrantedDespiteDenial(ctx, jpn, "grant-1", id, "End-use verified on site."); err == nil {
		t.Fatal("grant succeeded through a failing store")
	}
	if got := types(f.envelopes(t, adapters.StreamName(denial))); got != "DenialNotified LicenceGrantedDespiteDenial" {
		t.Fatalf("after the failure, denial events: %s", got)
	}
	res := must(t)(a.ReportGrantedDespiteDenial(ctx, jpn, "grant-1", id, "End-use verified on site."))
	if res.Duplicate || res.Position != f.position(t) {
		t.Fatalf("completing retry = %+v", res)
	}
	checkGranted(t, f, denial, id)
}

// TestConsultation_Refused: who may not consult, and that nothing is
// appended when refused.
func TestConsultation_Refused(t *testing.T) {
	f := newFixture(t, nil)
	a, ctx := f.svc.App, t.Context()
	denial := f.notify(t, domain.BasisListed)

	f.refused(t, domain.ErrNotFound)(a.RequestConsultation(ctx, kor, "c-1", denial, application(), ""))
	f.refused(t, domain.ErrNotFound)(a.RequestConsultation(ctx, usa, "c-1", denial, application(), ""))
	f.refused(t, domain.ErrNotFound)(a.RequestConsultation(ctx, jpn, "c-1", "ffffffffffffffffffffffffffffffff", application(), ""))
	f.refused(t, domain.ErrOwnDenial)(a.RequestConsultation(ctx, fra, "c-1", denial, application(), ""))
	f.refused(t, domain.ErrAgencyNotAllowed)(a.RequestConsultation(ctx, jpnAgency, "c-1", denial, application(), ""))

	id := f.consult(t, denial, "consult-1")
	for _, m := range []domain.Actor{kor, deu} {
		f.refused(t, domain.ErrConsultationNotFound)(a.AcknowledgeConsultation(ctx, m, "x", id))
		f.refused(t, domain.ErrConsultationNotFound)(a.AnswerConsultation(ctx, m, "x", id, domain.AnswerObjects, "No."))
		f.refused(t, domain.ErrConsultationNotFound)(a.CloseConsultation(ctx, m, "x", id, ""))
		f.refused(t, domain.ErrConsultationNotFound)(a.ReportGrantedDespiteDenial(ctx, m, "x", id, "why"))
	}
	f.refused(t, domain.ErrConsultationNotFound)(a.CloseConsultation(ctx, jpn, "x", "ffffffffffffffffffffffffffffffff", ""))

	must(t)(a.Review(ctx, fra, "revoke-1", denial, 0, domain.ReviewRevoked, nil, "Licence refused on appeal."))
	f.refused(t, domain.ErrNotActive)(a.RequestConsultation(ctx, deu, "c-2", denial, application(), ""))
}

// TestConsultation_InvalidInput: invalid input appends nothing.
func TestConsultation_InvalidInput(t *testing.T) {
	f := newFixture(t, nil)
	a, ctx := f.svc.App, t.Context()
	listed := f.notify(t, domain.BasisListed)
	catchAll := f.notify(t, domain.BasisCatchAll)

	bad := application()
	bad.ControlEntries, bad.Destination, bad.Parties = nil, "irn", nil
	f.invalid(t, "application.control_entries", "application.destination_country", "application.parties", "question")(
		a.RequestConsultation(ctx, jpn, "c-1", listed, bad, "\x00"))
	f.invalid(t, "denial_id", "request_id")(a.RequestConsultation(ctx, jpn, "bad id", "NOT-AN-ID", application(), ""))

	unlisted := application()
	unlisted.ControlEntries = nil
	must(t)(a.RequestConsultation(ctx, jpn, "c-2", catchAll, unlisted, ""))

	id := f.consult(t, listed, "consult-1")
	f.invalid(t, "answer")(a.AnswerConsultation(ctx, fra, "a-1", id, 0, ""))
	f.invalid(t, "text")(a.AnswerConsultation(ctx, fra, "a-1", id, domain.AnswerObjects, ""))
	f.invalid(t, "text")(a.AnswerConsultation(ctx, fra, "a-1", id, domain.AnswerNeedsInformation, " "))
	f.invalid(t, "reason")(a.CloseConsultation(ctx, jpn, "close-1", id, domain.GrantedReason))
	f.invalid(t, "consultation_id")(a.CloseConsultation(ctx, jpn, "close-1", "x", ""))
	f.invalid(t, "explanation")(a.ReportGrantedDespiteDenial(ctx, jpn, "g-1", id, ""))
}

// TestConsultationsUnavailable: an application built without a
// consultation repository refuses consultation commands, appending
// nothing, and still runs the denial commands.
func TestConsultationsUnavailable(t *testing.T) {
	f := newFixture(t, nil)
	denial := f.notify(t, domain.BasisListed)
	bare := app.New(adapters.NewRepository(f.store), domain.Policy{Roster: roster}, f.clock.Now)
	f.refused(t, app.ErrConsultationsUnavailable)(bare.RequestConsultation(t.Context(), jpn, "c-1", denial, application(), ""))
	f.refused(t, app.ErrConsultationsUnavailable)(bare.CloseConsultation(t.Context(), jpn, "c-1", app.ConsultationID("JPN", "c-1"), ""))
	must(t)(bare.Acknowledge(t.Context(), jpn, "ack-1", denial))
}
