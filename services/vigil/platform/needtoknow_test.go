package platform_test

import (
	"slices"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// TestAgencyNeedToKnow: agencies see the need-to-know subset of their
// member's view (pkg/identity.NeedToKnow), by id and in lists.
func TestAgencyNeedToKnow(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	r := startPlatform(t, t.TempDir(), clk)
	ctx := ctxT(t)
	n := exampleNotice(t)
	n.Releasability = &vigilv1.Releasability{Members: []string{"DEU", "KOR"}}
	den, err := r.as(t, "FRA").denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "ntk-d", Notice: n})
	if err != nil {
		t.Fatal(err)
	}
	al, err := r.as(t, "JPN").brokering.RaiseAlert(ctx, &vigilv1.RaiseAlertRequest{RequestId: "ntk-a", Alert: exampleAlert(t, clk.Now().Add(48*time.Hour))})
	if err != nil {
		t.Fatal(err)
	}
	pos := al.GetResult().GetPosition()
	denID, alID := den.GetResult().GetId(), al.GetResult().GetId()

	// Customs: the denial's parties but not the licensing rationale.
	d, err := r.as(t, "DEU-customs").views.GetItem(ctx, &vigilv1.GetItemRequest{Id: denID, MinPosition: pos})
	if err != nil {
		t.Fatal(err)
	}
	if d.GetDenial().GetReason() != "" || d.GetDenial().GetEndUse() != "" || len(d.GetDenial().GetParties()) == 0 {
		t.Errorf("DEU-customs sees reason %q, end use %q, %d parties", d.GetDenial().GetReason(), d.GetDenial().GetEndUse(), len(d.GetDenial().GetParties()))
	}
	for _, h := range d.GetHistory() {
		if h.GetEvent().GetPayload() != nil {
			t.Error("an agency's history carries event payloads")
		}
	}
	// KOR customs sees the alert in full; KOR licensing only its summary.
	a, err := r.as(t, "KOR-customs").views.GetItem(ctx, &vigilv1.GetItemRequest{Id: alID, MinPosition: pos})
	if err != nil || len(a.GetAlert().GetRoute()) == 0 || a.GetAlert().GetVessel() == nil {
		t.Fatalf("KOR-customs alert: %v, route %d", err, len(a.GetAlert().GetRoute()))
	}
	a, err = r.as(t, "KOR-licensing").views.GetItem(ctx, &vigilv1.GetItemRequest{Id: alID, MinPosition: pos})
	if err != nil || len(a.GetAlert().GetRoute()) != 0 || len(a.GetAlert().GetParties()) != 0 || a.GetSummary().GetTitle() == "" {
		t.Fatalf("KOR-licensing alert: %v, route %d, parties %d", err, len(a.GetAlert().GetRoute()), len(a.GetAlert().GetParties()))
	}
	if ids := inboxIDs(t, r.as(t, "KOR-licensing"), pos); !slices.Contains(ids, alID) || !slices.Contains(ids, denID) {
		t.Errorf("KOR-licensing inbox %v", ids)
	}
	// No role of DEU sees JPN's alert to KOR and USA.
	_, err = r.as(t, "DEU-customs").views.GetItem(ctx, &vigilv1.GetItemRequest{Id: alID, MinPosition: pos})
	wantCode(t, err, codes.NotFound)
}
