package platform_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func exampleApplication(t *testing.T) *vigilv1.LicenceApplication {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "application.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := &vigilv1.LicenceApplication{}
	if err := protojson.Unmarshal(data, a); err != nil {
		t.Fatalf("examples/application.json: %v", err)
	}
	return a
}

// TestNoUndercut: FRA denies; JPN checks an application naming the same
// end-user under another spelling, gets the denial with an explanation,
// consults FRA, FRA answers; another consultation lapses; KOR, which
// cannot see the denial, never learns of it.
func TestNoUndercut(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	r := startPlatform(t, t.TempDir(), clk)
	fra, jpn, kor := r.as(t, "FRA"), r.as(t, "JPN"), r.as(t, "KOR")
	ctx := ctxT(t)
	den, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "fr-0412", Notice: exampleNotice(t)})
	if err != nil {
		t.Fatal(err)
	}
	denID, pos := den.GetResult().GetId(), den.GetResult().GetPosition()

	chk, err := jpn.screening.CheckTransaction(ctx, &vigilv1.CheckTransactionRequest{Application: exampleApplication(t), MinPosition: pos})
	if err != nil {
		t.Fatalf("JPN check: %v", err)
	}
	if len(chk.GetMatches()) != 1 || chk.GetMatches()[0].GetDenialId() != denID {
		t.Fatalf("JPN check matches %v, want FRA's denial %s", chk.GetMatches(), denID)
	}
	m := chk.GetMatches()[0]
	if m.GetPartyExplanation().GetMatchedName() == "" || len(m.GetRelatedEntries()) == 0 || m.GetAdvisory() {
		t.Errorf("match lacks an explanation: %v", m)
	}
	t.Logf("matched %q to %q (score %.2f): %s", m.GetApplicationParty(), m.GetMatchedParty(), m.GetPartyScore(), m.GetReason())

	kchk, err := kor.screening.CheckTransaction(ctx, &vigilv1.CheckTransactionRequest{Application: exampleApplication(t), MinPosition: pos})
	if err != nil || len(kchk.GetMatches()) != 0 {
		t.Fatalf("KOR check: %v, %d matches; want none", err, len(kchk.GetMatches()))
	}
	ks, err := kor.screening.Screen(ctx, &vigilv1.ScreenRequest{Name: "Shahid Hemat Industries Group", MinPosition: pos})
	if err != nil || len(ks.GetMatches()) != 0 {
		t.Fatalf("KOR screen: %v, %v; want nothing", err, ks.GetMatches())
	}
	js, err := jpn.screening.Screen(ctx, &vigilv1.ScreenRequest{Name: "SHIG", Country: "IRN", MinPosition: pos})
	if err != nil || len(js.GetMatches()) == 0 {
		t.Fatalf("JPN screen SHIG: %v, %v", err, js.GetMatches())
	}

	// JPN consults FRA; FRA acknowledges and answers; JPN closes.
	req, err := jpn.denials.RequestConsultation(ctx, &vigilv1.RequestConsultationRequest{RequestId: "jp-c1", DenialId: denID,
		Application: exampleApplication(t), Question: "Same end-user?"})
	if err != nil {
		t.Fatal(err)
	}
	cid := req.GetResult().GetId()
	_, err = kor.denials.RequestConsultation(ctx, &vigilv1.RequestConsultationRequest{DenialId: denID, Application: exampleApplication(t)})
	wantCode(t, err, codes.NotFound)
	_, err = jpn.denials.AnswerConsultation(ctx, &vigilv1.AnswerConsultationRequest{ConsultationId: cid,
		Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NO_OBJECTION})
	wantCode(t, err, codes.PermissionDenied)
	if _, err := fra.denials.AcknowledgeConsultation(ctx, &vigilv1.AcknowledgeConsultationRequest{RequestId: "fr-c1-ack", ConsultationId: cid}); err != nil {
		t.Fatal(err)
	}
	if _, err := fra.denials.AnswerConsultation(ctx, &vigilv1.AnswerConsultationRequest{RequestId: "fr-c1-ans", ConsultationId: cid,
		Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, Text: "Same end-user; we maintain the denial."}); err != nil {
		t.Fatal(err)
	}
	closed, err := jpn.denials.CloseConsultation(ctx, &vigilv1.CloseConsultationRequest{RequestId: "jp-c1-close", ConsultationId: cid, Reason: "licence refused"})
	if err != nil {
		t.Fatal(err)
	}

	// A second consultation is never answered and lapses.
	req2, err := jpn.denials.RequestConsultation(ctx, &vigilv1.RequestConsultationRequest{RequestId: "jp-c2", DenialId: denID, Application: exampleApplication(t)})
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(clk.Now().Add(31 * 24 * time.Hour))
	if n, err := r.p.Denials.LapseConsultationsNow(ctx, req2.GetResult().GetPosition()); err != nil || n != 1 {
		t.Fatalf("lapsed %d, %v; want 1", n, err)
	}
	list, err := fra.views.ListConsultations(ctx, &vigilv1.ListConsultationsRequest{MinPosition: r.logLength(t)})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]vigilv1.ConsultationStatus{}
	for _, c := range list.GetConsultations() {
		states[c.GetId()] = c.GetStatus()
	}
	if states[cid] != vigilv1.ConsultationStatus_CONSULTATION_STATUS_CLOSED ||
		states[req2.GetResult().GetId()] != vigilv1.ConsultationStatus_CONSULTATION_STATUS_LAPSED {
		t.Fatalf("FRA sees consultations %v (closed at %d)", states, closed.GetResult().GetPosition())
	}
	kl, err := kor.views.ListConsultations(ctx, &vigilv1.ListConsultationsRequest{})
	if err != nil || len(kl.GetConsultations()) != 0 {
		t.Fatalf("KOR sees consultations: %v %v", err, kl.GetConsultations())
	}
}
