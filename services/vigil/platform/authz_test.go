package platform_test

import (
	"fmt"
	"slices"
	"testing"

	"google.golang.org/grpc/codes"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// record is one item of the matrix, with who may see it.
type record struct {
	name     string
	id       string
	position uint64
	visible  []string // principals that may read it (besides its originator)
}

// TestAuthorizationMatrix checks every principal against every record:
// reads (by id and in lists) succeed exactly for those entitled, and
// every write by anyone else is refused without effect.
func TestAuthorizationMatrix(t *testing.T) {
	r := startPlatform(t, t.TempDir(), nil)
	principals := []string{"FRA", "DEU", "JPN", "KOR", "USA", "GBR", "ITA", "DEU-customs", "KOR-licensing"}
	records := seedMatrix(t, r)
	for _, rec := range records {
		for _, who := range principals {
			t.Run(rec.name+"/"+who, func(t *testing.T) {
				checkRead(t, r.as(t, who), rec, slices.Contains(rec.visible, who))
				checkWrites(t, r, who, rec)
			})
		}
	}
}

func seedMatrix(t *testing.T, r *running) []record {
	t.Helper()
	fra := r.as(t, "FRA")
	restricted := exampleNotice(t) // DEU and JPN only
	all := exampleNotice(t)
	all.Releasability = &vigilv1.Releasability{AllMembers: true}
	var out []record
	for i, c := range []struct {
		name    string
		n       *vigilv1.DenialNotice
		visible []string
	}{
		{"denial-to-DEU-JPN", restricted, []string{"FRA", "DEU", "JPN", "DEU-customs"}},
		{"denial-to-all", all, []string{"FRA", "DEU", "JPN", "KOR", "USA", "GBR", "ITA", "DEU-customs", "KOR-licensing"}},
	} {
		res, err := fra.denials.NotifyDenial(ctxT(t), &vigilv1.NotifyDenialRequest{RequestId: fmt.Sprintf("matrix-%d", i), Notice: c.n})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, record{name: c.name, id: res.GetResult().GetId(), position: res.GetResult().GetPosition(), visible: c.visible})
	}
	return out
}

func checkRead(t *testing.T, m *member, rec record, want bool) {
	t.Helper()
	_, err := m.views.GetItem(ctxT(t), &vigilv1.GetItemRequest{Id: rec.id, MinPosition: rec.position})
	if want && err != nil {
		t.Errorf("%s cannot read %s: %v", m.id, rec.name, err)
	}
	if !want {
		wantCode(t, err, codes.NotFound)
	}
	inInbox := slices.Contains(inboxIDs(t, m, rec.position), rec.id)
	if inInbox != (want && m.id != "FRA") {
		t.Errorf("%s inbox contains %s = %v, want %v", m.id, rec.name, inInbox, want && m.id != "FRA")
	}
}

// checkWrites tries every originator-only command and the acknowledgement.
func checkWrites(t *testing.T, r *running, who string, rec record) {
	t.Helper()
	m := r.as(t, who)
	ctx := ctxT(t)
	visible := slices.Contains(rec.visible, who)
	denied := codes.PermissionDenied
	if !visible {
		denied = codes.NotFound
	}
	if who != "FRA" {
		before := r.logLength(t)
		_, err := m.denials.AmendDenial(ctx, &vigilv1.AmendDenialRequest{DenialId: rec.id, Notice: exampleNotice(t)})
		wantCode(t, err, denied)
		_, err = m.denials.ReviewDenial(ctx, &vigilv1.ReviewDenialRequest{DenialId: rec.id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED})
		wantCode(t, err, denied)
		if after := r.logLength(t); after != before {
			t.Errorf("refused writes by %s grew the log from %d to %d", who, before, after)
		}
	}
	_, err := m.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{DenialId: rec.id})
	switch {
	case !visible:
		wantCode(t, err, codes.NotFound)
	case who == "FRA" || len(who) > 3:
		wantCode(t, err, codes.PermissionDenied) // the originator and agencies do not acknowledge
	case err != nil:
		t.Errorf("%s acknowledge %s: %v", who, rec.name, err)
	}
}
