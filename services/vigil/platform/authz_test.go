package platform_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// matrixPrincipals is every identity of the development roster: the seven
// member delegations and the four agencies.
var matrixPrincipals = []string{"FRA", "DEU", "JPN", "KOR", "USA", "GBR", "ITA", "DEU-customs", "DEU-licensing", "KOR-customs", "KOR-licensing"}

var allMembers = []string{"FRA", "DEU", "JPN", "KOR", "USA", "GBR", "ITA"}

// record is one item of the matrix: its kind, its originator, the members
// it is released to and, for alerts, the members asked to respond.
type record struct {
	name       string
	party      string // a party the item names, for screening
	kind       vigilv1.ItemKind
	id         string
	position   uint64
	originator string
	releasedTo []string
	addressed  []string
}

// member returns the member a principal acts for ("KOR" for KOR-customs).
func memberOf(who string) string { return who[:3] }

func isAgency(who string) bool { return len(who) > 3 }

// visibleTo reports whether who may read rec: its member is the
// originator or a recipient. Agencies see their member's items, narrowed
// by need-to-know (which parts, not which items, for the roster's roles).
func (rec record) visibleTo(who string) bool {
	m := memberOf(who)
	return m == rec.originator || slices.Contains(rec.releasedTo, m)
}

// TestAuthorizationMatrix checks every principal of the roster against
// every kind of record (denial notices, procurement reports and alerts,
// each released to a few members and to all; a consultation): reads by id
// and in lists succeed exactly for those entitled; every write a principal
// is not entitled to is refused without appending anything; an item a
// principal may not see is answered exactly as one that does not exist.
func TestAuthorizationMatrix(t *testing.T) {
	r := startPlatform(t, t.TempDir(), nil)
	records, consultation := seedMatrix(t, r)
	for _, rec := range records {
		for _, who := range matrixPrincipals {
			t.Run(rec.name+"/"+who, func(t *testing.T) {
				m := r.as(t, who)
				checkRead(t, m, rec, rec.visibleTo(who))
				checkWrites(t, r, m, rec)
			})
		}
	}
	for _, who := range matrixPrincipals {
		t.Run("consultation/"+who, func(t *testing.T) {
			checkConsultation(t, r, r.as(t, who), consultation)
		})
	}
}

// seedMatrix shares two items of each kind and opens one consultation:
// JPN asks FRA about the restricted denial.
func seedMatrix(t *testing.T, r *running) ([]record, consultationRecord) {
	t.Helper()
	ctx := ctxT(t)
	fra, deu, jpn := r.as(t, "FRA"), r.as(t, "DEU"), r.as(t, "JPN")
	var out []record
	add := func(rec record, id string, pos uint64, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed %s: %v", rec.name, err)
		}
		rec.id, rec.position = id, pos
		out = append(out, rec)
	}

	for i, to := range [][]string{{"DEU", "JPN"}, nil} {
		n := exampleNotice(t)
		rec := record{name: "denial-to-DEU-JPN", party: "SHAHID HEMMAT INDUSTRIAL GROUP", kind: vigilv1.ItemKind_ITEM_KIND_DENIAL, originator: "FRA", releasedTo: to}
		if to == nil {
			n.Releasability = &vigilv1.Releasability{AllMembers: true}
			rec.name, rec.releasedTo = "denial-to-all", allMembers
		}
		res, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: fmt.Sprintf("matrix-denial-%d", i), Notice: n})
		add(rec, res.GetResult().GetId(), res.GetResult().GetPosition(), err)
	}
	for i, to := range [][]string{{"FRA", "KOR"}, nil} {
		rep := exampleReport(t)
		rec := record{name: "report-to-FRA-KOR", party: "Orient Star Technology Trading Co., Ltd.", kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, originator: "DEU", releasedTo: to}
		if to == nil {
			rec.name, rec.releasedTo = "report-to-all", allMembers
		} else {
			rep.Releasability = &vigilv1.Releasability{Members: to}
		}
		res, err := deu.procurement.ReportAttempt(ctx, &vigilv1.ReportAttemptRequest{RequestId: fmt.Sprintf("matrix-report-%d", i), Report: rep})
		add(rec, res.GetResult().GetId(), res.GetResult().GetPosition(), err)
	}
	for i, to := range [][]string{{"KOR", "USA"}, nil} {
		a := exampleAlert(t, time.Now().Add(30*24*time.Hour))
		rec := record{name: "alert-to-KOR-USA", party: "Golden Bridge Logistics Ltd", kind: vigilv1.ItemKind_ITEM_KIND_ALERT, originator: "JPN", releasedTo: to, addressed: []string{"KOR", "USA"}}
		if to == nil {
			a.Releasability = &vigilv1.Releasability{AllMembers: true}
			rec.name, rec.releasedTo = "alert-to-all", allMembers
		}
		res, err := jpn.brokering.RaiseAlert(ctx, &vigilv1.RaiseAlertRequest{RequestId: fmt.Sprintf("matrix-alert-%d", i), Alert: a})
		add(rec, res.GetResult().GetId(), res.GetResult().GetPosition(), err)
	}

	res, err := jpn.denials.RequestConsultation(ctx, &vigilv1.RequestConsultationRequest{RequestId: "matrix-consult",
		DenialId: out[0].id, Application: exampleApplication(t), Question: "Is this the same end-user?"})
	if err != nil {
		t.Fatalf("seed consultation: %v", err)
	}
	return out, consultationRecord{id: res.GetResult().GetId(), position: res.GetResult().GetPosition(), requester: "JPN", denier: "FRA"}
}

// checkRead: GetItem succeeds exactly for those entitled, and the inbox of
// every recipient (not the originator's side) lists the item.
func checkRead(t *testing.T, m *member, rec record, want bool) {
	t.Helper()
	ctx := ctxT(t)
	_, err := m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: rec.id, MinPosition: rec.position})
	if want && err != nil {
		t.Errorf("%s cannot read %s: %v", m.id, rec.name, err)
	}
	if !want {
		_, missing := m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: absentLike(rec.id), MinPosition: rec.position})
		wantHidden(t, "GetItem", rec.id, err, missing)
	}
	inInbox := slices.Contains(inboxIDs(t, m, rec.position), rec.id)
	if wantInbox := want && memberOf(m.id) != rec.originator; inInbox != wantInbox {
		t.Errorf("%s inbox contains %s = %v, want %v", m.id, rec.name, inInbox, wantInbox)
	}
	// Screening a party of the item names the item exactly for those
	// who may see it (agencies screen with their need-to-know; only the
	// absence of a leak is required of them).
	res, err := m.screening.Screen(ctx, &vigilv1.ScreenRequest{Name: rec.party, Limit: 100, MinPosition: rec.position})
	if err != nil && !(isAgency(m.id) && status.Code(err) == codes.PermissionDenied) {
		t.Fatalf("%s screens %q: %v", m.id, rec.party, err)
	}
	screened := false
	for _, match := range res.GetMatches() {
		for _, it := range match.GetItems() {
			screened = screened || it.GetId() == rec.id
		}
	}
	switch {
	case screened && !want:
		t.Errorf("%s learns of %s by screening %q", m.id, rec.name, rec.party)
	case !screened && want && !isAgency(m.id):
		t.Errorf("%s does not find %s by screening %q", m.id, rec.name, rec.party)
	}
}

// command is one write in the matrix: how to send it, for an item id.
type command struct {
	name string
	send func(m *member, id string) error
}

// originatorOnly returns the commands only the originator of rec may send.
func originatorOnly(t *testing.T, rec record) []command {
	ctx := ctxT(t)
	switch rec.kind {
	case vigilv1.ItemKind_ITEM_KIND_DENIAL:
		return []command{
			{"AmendDenial", func(m *member, id string) error {
				_, err := m.denials.AmendDenial(ctx, &vigilv1.AmendDenialRequest{RequestId: "matrix-amend", DenialId: id, Notice: exampleNotice(t)})
				return err
			}},
			{"ReviewDenial", func(m *member, id string) error {
				_, err := m.denials.ReviewDenial(ctx, &vigilv1.ReviewDenialRequest{RequestId: "matrix-review", DenialId: id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED})
				return err
			}},
		}
	case vigilv1.ItemKind_ITEM_KIND_PROCUREMENT:
		return []command{
			{"UpdateReport", func(m *member, id string) error {
				_, err := m.procurement.UpdateReport(ctx, &vigilv1.UpdateReportRequest{RequestId: "matrix-update", ReportId: id, Report: exampleReport(t)})
				return err
			}},
			{"RecordOutcome", func(m *member, id string) error {
				_, err := m.procurement.RecordOutcome(ctx, &vigilv1.RecordOutcomeRequest{RequestId: "matrix-outcome", ReportId: id, Outcome: vigilv1.ProcurementOutcome_PROCUREMENT_OUTCOME_REFUSED_BY_FIRM})
				return err
			}},
			{"WithdrawReport", func(m *member, id string) error {
				_, err := m.procurement.WithdrawReport(ctx, &vigilv1.WithdrawReportRequest{RequestId: "matrix-withdraw", ReportId: id, Reason: "entered in error"})
				return err
			}},
		}
	default:
		return []command{
			{"UpdateAlert", func(m *member, id string) error {
				_, err := m.brokering.UpdateAlert(ctx, &vigilv1.UpdateAlertRequest{RequestId: "matrix-update", AlertId: id, Alert: exampleAlert(t, time.Now().Add(30*24*time.Hour))})
				return err
			}},
			{"CloseAlert", func(m *member, id string) error {
				_, err := m.brokering.CloseAlert(ctx, &vigilv1.CloseAlertRequest{RequestId: "matrix-close", AlertId: id, Reason: "vessel left"})
				return err
			}},
		}
	}
}

// acknowledge sends the kind's acknowledgement.
func acknowledge(t *testing.T, m *member, rec record, id string) error {
	ctx := ctxT(t)
	var err error
	switch rec.kind {
	case vigilv1.ItemKind_ITEM_KIND_DENIAL:
		_, err = m.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{RequestId: "matrix-ack", DenialId: id})
	case vigilv1.ItemKind_ITEM_KIND_PROCUREMENT:
		_, err = m.procurement.AcknowledgeReport(ctx, &vigilv1.AcknowledgeReportRequest{RequestId: "matrix-ack", ReportId: id})
	default:
		_, err = m.brokering.AcknowledgeAlert(ctx, &vigilv1.AcknowledgeAlertRequest{RequestId: "matrix-ack", AlertId: id})
	}
	return err
}

// checkWrites sends every originator-only command (from anyone but the
// originator), the acknowledgement and, for alerts, a response: refusals
// append nothing, and on an item the principal may not see they are the
// refusals of a missing item.
func checkWrites(t *testing.T, r *running, m *member, rec record) {
	t.Helper()
	who := m.id
	visible := rec.visibleTo(who)
	refused := func(name string, send func(id string) error) {
		t.Helper()
		before := r.logLength(t)
		err := send(rec.id)
		if visible {
			if status.Code(err) != codes.PermissionDenied {
				t.Errorf("%s by %s on %s: %v, want PermissionDenied", name, who, rec.name, err)
			}
		} else {
			wantHidden(t, name, rec.id, err, send(absentLike(rec.id)))
		}
		if after := r.logLength(t); after != before {
			t.Errorf("%s refused to %s grew the log from %d to %d", name, who, before, after)
		}
	}
	if memberOf(who) != rec.originator || isAgency(who) {
		for _, c := range originatorOnly(t, rec) {
			refused(c.name, func(id string) error { return c.send(m, id) })
		}
	}

	// Recipients acknowledge (for alerts, the addressed ones); the
	// originator and agencies do not.
	mayAck := visible && !isAgency(who) && who != rec.originator &&
		(rec.kind != vigilv1.ItemKind_ITEM_KIND_ALERT || slices.Contains(rec.addressed, who))
	if mayAck {
		if err := acknowledge(t, m, rec, rec.id); err != nil {
			t.Errorf("%s acknowledge %s: %v", who, rec.name, err)
		}
	} else {
		refused("acknowledge", func(id string) error { return acknowledge(t, m, rec, id) })
	}

	if rec.kind != vigilv1.ItemKind_ITEM_KIND_ALERT {
		return
	}
	respond := func(id string) error {
		_, err := m.brokering.RespondToAlert(ctxT(t), &vigilv1.RespondToAlertRequest{RequestId: "matrix-respond", AlertId: id, Response: exampleResponse(t)})
		return err
	}
	if visible && !isAgency(who) && slices.Contains(rec.addressed, who) {
		if err := respond(rec.id); err != nil {
			t.Errorf("%s respond to %s: %v", who, rec.name, err)
		}
	} else {
		refused("RespondToAlert", respond)
	}
}

// consultationRecord is the matrix's consultation: only its two parties
// may see it; only the denier answers, only the requester closes.
type consultationRecord struct {
	id, requester, denier string
	position              uint64
}

func checkConsultation(t *testing.T, r *running, m *member, c consultationRecord) {
	t.Helper()
	ctx := ctxT(t)
	who := m.id
	party := who == c.requester || who == c.denier

	list, err := m.views.ListConsultations(ctx, &vigilv1.ListConsultationsRequest{MinPosition: c.position})
	listed := false
	for _, x := range list.GetConsultations() {
		listed = listed || x.GetId() == c.id
	}
	switch {
	case party && (err != nil || !listed):
		t.Errorf("%s does not see its consultation: listed %v, %v", who, listed, err)
	case !party && listed:
		t.Errorf("%s sees a consultation between %s and %s", who, c.requester, c.denier)
	}

	answer := func(id string) error {
		_, err := m.denials.AnswerConsultation(ctx, &vigilv1.AnswerConsultationRequest{RequestId: "matrix-answer", ConsultationId: id,
			Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, Text: "Same end-user; we object."})
		return err
	}
	closeIt := func(id string) error {
		_, err := m.denials.CloseConsultation(ctx, &vigilv1.CloseConsultationRequest{RequestId: "matrix-close", ConsultationId: id, Reason: "licence refused"})
		return err
	}
	for _, c2 := range []struct {
		name    string
		send    func(string) error
		entitle string
	}{{"AnswerConsultation", answer, c.denier}, {"CloseConsultation", closeIt, c.requester}} {
		if who == c2.entitle {
			continue // the entitled party's command is the flow tests' business
		}
		before := r.logLength(t)
		err := c2.send(c.id)
		if party {
			wantCode(t, err, codes.PermissionDenied)
		} else {
			wantHidden(t, c2.name, c.id, err, c2.send(absentLike(c.id)))
		}
		if after := r.logLength(t); after != before {
			t.Errorf("%s refused to %s grew the log from %d to %d", c2.name, who, before, after)
		}
	}
}

// absentLike returns an id of the same shape as id that names nothing.
func absentLike(id string) string {
	return strings.Repeat("0", len(id)-4) + "beef"
}

// wantHidden fails unless a refusal about item id, which the caller may
// not see (got), is a refusal, and the same as about an item that does
// not exist (missing, about absentLike(id)): status code, and message
// but for the id.
func wantHidden(t *testing.T, what, id string, got, missing error) {
	t.Helper()
	if got == nil {
		t.Errorf("%s on an item the caller may not see succeeded", what)
		return
	}
	g, ms := status.Convert(got), status.Convert(missing)
	gm := strings.ReplaceAll(g.Message(), id, "ID")
	mm := strings.ReplaceAll(ms.Message(), absentLike(id), "ID")
	if g.Code() != ms.Code() || gm != mm {
		t.Errorf("%s tells an unseen item (%v) from a missing one (%v)", what, got, missing)
	}
}
