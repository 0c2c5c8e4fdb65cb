package platform_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func exampleAlert(t *testing.T, deadline time.Time) *vigilv1.BrokeringAlert {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "alert.json"))
	if err != nil {
		t.Fatal(err)
	}
	a := &vigilv1.BrokeringAlert{}
	if err := protojson.Unmarshal(data, a); err != nil {
		t.Fatalf("examples/alert.json: %v", err)
	}
	a.ResponseDeadline = timestamppb.New(deadline)
	return a
}

func exampleResponse(t *testing.T) *vigilv1.AlertResponse {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "alert-response.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := &vigilv1.AlertResponse{}
	if err := protojson.Unmarshal(data, r); err != nil {
		t.Fatalf("examples/alert-response.json: %v", err)
	}
	return r
}

// TestAlertFlow: JPN raises a transshipment alert to KOR and USA; only they
// see it and respond; USA's silence lapses when the deadline passes.
func TestAlertFlow(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	r := startPlatform(t, t.TempDir(), clk)
	jpn, kor, usa, fra, deu := r.as(t, "JPN"), r.as(t, "KOR"), r.as(t, "USA"), r.as(t, "FRA"), r.as(t, "DEU")
	ctx := ctxT(t)

	raised, err := jpn.brokering.RaiseAlert(ctx, &vigilv1.RaiseAlertRequest{RequestId: "jp-0211", Alert: exampleAlert(t, clk.Now().Add(48*time.Hour))})
	if err != nil {
		t.Fatalf("raise: %v", err)
	}
	id, pos := raised.GetResult().GetId(), raised.GetResult().GetPosition()
	for _, m := range []*member{kor, usa} {
		if !slices.Contains(inboxIDs(t, m, pos), id) {
			t.Errorf("%s does not see the alert", m.id)
		}
	}
	for _, m := range []*member{fra, deu} {
		if slices.Contains(inboxIDs(t, m, pos), id) {
			t.Errorf("%s inbox leaks the alert", m.id)
		}
		_, err := m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id, MinPosition: pos})
		wantCode(t, err, codes.NotFound)
		_, err = m.brokering.RespondToAlert(ctx, &vigilv1.RespondToAlertRequest{AlertId: id, Response: exampleResponse(t)})
		wantCode(t, err, codes.NotFound)
	}
	_, err = jpn.brokering.RespondToAlert(ctx, &vigilv1.RespondToAlertRequest{AlertId: id, Response: exampleResponse(t)})
	wantCode(t, err, codes.PermissionDenied)
	_, err = kor.brokering.CloseAlert(ctx, &vigilv1.CloseAlertRequest{AlertId: id})
	wantCode(t, err, codes.PermissionDenied)

	if _, err := kor.brokering.AcknowledgeAlert(ctx, &vigilv1.AcknowledgeAlertRequest{RequestId: "kor-ack", AlertId: id}); err != nil {
		t.Fatal(err)
	}
	if _, err := kor.brokering.RespondToAlert(ctx, &vigilv1.RespondToAlertRequest{RequestId: "kor-resp", AlertId: id, Response: exampleResponse(t)}); err != nil {
		t.Fatal(err)
	}
	clk.Set(clk.Now().Add(49 * time.Hour))
	if n, err := r.p.Brokering.LapseNow(ctx, r.logLength(t)); err != nil || n != 1 {
		t.Fatalf("lapsed %d, %v; want 1 (USA)", n, err)
	}
	closed, err := jpn.brokering.CloseAlert(ctx, &vigilv1.CloseAlertRequest{RequestId: "jp-close", AlertId: id, Reason: "cargo seized at Busan"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := jpn.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id, MinPosition: closed.GetResult().GetPosition()})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, rs := range d.GetRecipients() {
		got[rs.GetMember()] = rs.GetResponse().GetOutcome().String()
		if rs.GetLapsed() {
			got[rs.GetMember()] = "lapsed"
		}
	}
	if got["KOR"] != "RESPONSE_OUTCOME_SEIZED" || got["USA"] != "lapsed" || d.GetSummary().GetStatus() != vigilv1.ItemStatus_ITEM_STATUS_CLOSED {
		t.Fatalf("JPN sees %v, status %v", got, d.GetSummary().GetStatus())
	}
	// USA sees its own row only, and not KOR's response in the history.
	du, err := usa.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id})
	if err != nil {
		t.Fatal(err)
	}
	if len(du.GetRecipients()) != 1 || du.GetRecipients()[0].GetMember() != "USA" {
		t.Errorf("USA sees recipients %v", du.GetRecipients())
	}
	for _, h := range du.GetHistory() {
		if h.GetEvent().GetAlertResponded().GetMember() == "KOR" {
			t.Error("USA sees KOR's response in the history")
		}
	}
}
