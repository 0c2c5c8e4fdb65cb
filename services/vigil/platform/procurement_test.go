package platform_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/encoding/protojson"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func exampleReport(t *testing.T) *vigilv1.ProcurementReport {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "procurement.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := &vigilv1.ProcurementReport{}
	if err := protojson.Unmarshal(data, r); err != nil {
		t.Fatalf("examples/procurement.json: %v", err)
	}
	return r
}

// TestProcurementFlow: DEU reports to all; a restricted report by JPN is
// seen only by KOR; links show only to members that can see both ends.
func TestProcurementFlow(t *testing.T) {
	r := startPlatform(t, t.TempDir(), nil)
	deu, jpn, kor, usa, fra := r.as(t, "DEU"), r.as(t, "JPN"), r.as(t, "KOR"), r.as(t, "USA"), r.as(t, "FRA")
	ctx := ctxT(t)

	pub, err := deu.procurement.ReportAttempt(ctx, &vigilv1.ReportAttemptRequest{RequestId: "de-117", Report: exampleReport(t)})
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	pubID := pub.GetResult().GetId()
	restricted := exampleReport(t)
	restricted.Reference, restricted.Releasability = "JP-METI-2026-9", &vigilv1.Releasability{Members: []string{"KOR"}}
	priv, err := jpn.procurement.ReportAttempt(ctx, &vigilv1.ReportAttemptRequest{RequestId: "jp-9", Report: restricted})
	if err != nil {
		t.Fatal(err)
	}
	privID := priv.GetResult().GetId()

	// KOR sees both and links them; USA sees only the public one.
	link, err := kor.procurement.LinkReport(ctx, &vigilv1.LinkReportRequest{RequestId: "kor-link", ReportId: pubID,
		To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, Id: privID}, Comment: "same front company"})
	if err != nil {
		t.Fatalf("KOR link: %v", err)
	}
	_, err = usa.procurement.LinkReport(ctx, &vigilv1.LinkReportRequest{ReportId: pubID,
		To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, Id: privID}})
	wantCode(t, err, codes.NotFound)
	pos := link.GetResult().GetPosition()

	for _, c := range []struct {
		m         *member
		seesPriv  bool
		seesLinks bool
	}{{kor, true, true}, {jpn, true, true}, {usa, false, false}, {fra, false, false}, {deu, false, false}} {
		d, err := c.m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: pubID, MinPosition: pos})
		if err != nil {
			t.Fatalf("%s get public report: %v", c.m.id, err)
		}
		if got := len(d.GetLinks()) > 0; got != c.seesLinks {
			t.Errorf("%s sees links %v, want %v", c.m.id, d.GetLinks(), c.seesLinks)
		}
		for _, h := range d.GetHistory() {
			if h.GetEvent().GetItemLinked() != nil && !c.seesLinks {
				t.Errorf("%s sees the link event in the history", c.m.id)
			}
		}
		_, err = c.m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: privID, MinPosition: pos})
		if c.seesPriv != (err == nil) {
			t.Errorf("%s reads the restricted report: err=%v, want visible=%v", c.m.id, err, c.seesPriv)
		}
		inbox := inboxIDs(t, c.m, pos)
		if slices.Contains(inbox, privID) && c.m.id != "KOR" {
			t.Errorf("%s inbox leaks the restricted report", c.m.id)
		}
	}

	// Only DEU changes its report; withdrawal keeps the history.
	_, err = kor.procurement.WithdrawReport(ctx, &vigilv1.WithdrawReportRequest{ReportId: pubID})
	wantCode(t, err, codes.PermissionDenied)
	_, err = kor.procurement.AcknowledgeReport(ctx, &vigilv1.AcknowledgeReportRequest{ReportId: pubID})
	if err != nil {
		t.Fatalf("KOR ack: %v", err)
	}
	w, err := deu.procurement.WithdrawReport(ctx, &vigilv1.WithdrawReportRequest{RequestId: "de-117-w", ReportId: pubID, Reason: "source retracted"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := deu.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: pubID, MinPosition: w.GetResult().GetPosition()})
	if err != nil {
		t.Fatal(err)
	}
	if d.GetSummary().GetStatus() != vigilv1.ItemStatus_ITEM_STATUS_WITHDRAWN || len(d.GetHistory()) != 3 {
		t.Fatalf("after withdrawal: status %v, %d history entries; want withdrawn and 3 (reported, KOR ack, withdrawn: not the link to what DEU cannot see)", d.GetSummary().GetStatus(), len(d.GetHistory()))
	}
	in, err := kor.views.ListInbox(ctx, &vigilv1.ListInboxRequest{MinPosition: w.GetResult().GetPosition(),
		Filter: &vigilv1.ItemFilter{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, ControlCode: "9.A", Country: "ARE"}})
	if err != nil || len(in.GetItems()) != 2 {
		t.Fatalf("KOR filtered inbox: %d items, %v; want both reports", len(in.GetItems()), err)
	}
}
