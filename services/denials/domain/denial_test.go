package domain_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

func TestFoldEmpty(t *testing.T) {
	for name, d := range map[string]*domain.Denial{"no events": domain.Fold(testID, nil), "empty": domain.Fold(testID, []domain.Recorded{})} {
		t.Run(name, func(t *testing.T) {
			if d.Exists() || d.Version != 0 || d.Position != 0 || d.Status != 0 || d.Originator != "" {
				t.Fatalf("empty fold = %+v", d)
			}
			if d.ID != testID {
				t.Fatalf("ID = %q", d.ID)
			}
			if d.Acks == nil || len(d.Acks) != 0 {
				t.Fatalf("Acks = %#v, want an empty map", d.Acks)
			}
			if _, ok := d.Handled(domain.Actor{Member: "FRA"}, "notify-1"); ok {
				t.Fatal("empty denial handled a request")
			}
			if d.VisibleTo("FRA") {
				t.Fatal("a notice that does not exist is visible")
			}
		})
	}
	var none *domain.Denial
	if none.Exists() || none.VisibleTo("FRA") {
		t.Fatal("nil denial exists or is visible")
	}
	if _, ok := none.Handled(domain.Actor{Member: "FRA"}, "notify-1"); ok {
		t.Fatal("nil denial handled a request")
	}
}

// lifecycle is a notice's full life: notified by FRA, acknowledged by DEU,
// amended, renewed at review, acknowledged by JPN (no request id), then
// revoked at a second review. Positions are global and not contiguous.
func lifecycle(t *testing.T) (history, domain.Notice, domain.Notice) {
	t.Helper()
	first := validNotice(t)
	second := validNotice(t)
	second.ItemDescription = "Three turbojet engines."
	second.Releasability = model.Releasability{Members: []string{"DEU", "JPN", "KOR"}}
	h := history{
		{Event: domain.Notified{Notice: first, NotifiedAt: t0, ReviewDue: t0.Add(policy.ReviewPeriod)},
			Actor: fra, At: t0, RequestID: "notify-1", Version: 1, Position: 17},
		{Event: domain.Acknowledged{Member: "DEU"},
			Actor: deu, At: t0.Add(time.Hour), RequestID: "ack-1", Version: 2, Position: 23},
		{Event: domain.Amended{Notice: second, Comment: "quantity corrected"},
			Actor: fra, At: t0.Add(2 * time.Hour), RequestID: "amend-1", Version: 3, Position: 40},
		{Event: domain.Reviewed{Outcome: domain.ReviewRenewed, ReviewDue: t0.Add(1000 * 24 * time.Hour).Add(policy.ReviewPeriod)},
			Actor: fra, At: t0.Add(1000 * 24 * time.Hour), RequestID: "review-1", Version: 4, Position: 41},
		{Event: domain.Acknowledged{Member: "JPN"},
			Actor: jpn, At: t0.Add(1001 * 24 * time.Hour), Version: 5, Position: 88},
		{Event: domain.Reviewed{Outcome: domain.ReviewRevoked, Comment: "licence granted"},
			Actor: fra, At: t0.Add(1002 * 24 * time.Hour), RequestID: "review-2", Version: 6, Position: 120},
	}
	return h, first, second
}

func TestFoldLifecycle(t *testing.T) {
	h, first, second := lifecycle(t)
	renewedDue := t0.Add(1000 * 24 * time.Hour).Add(policy.ReviewPeriod)
	tests := []struct {
		after      int // number of events folded
		status     domain.Status
		notice     domain.Notice
		reviewDue  time.Time
		acks       map[string]time.Time
		version    uint64
		position   uint64
		visibleKOR bool
	}{
		{after: 1, status: domain.StatusActive, notice: first, reviewDue: t0.Add(policy.ReviewPeriod),
			acks: map[string]time.Time{}, version: 1, position: 17},
		{after: 2, status: domain.StatusActive, notice: first, reviewDue: t0.Add(policy.ReviewPeriod),
			acks: map[string]time.Time{"DEU": h[1].At}, version: 2, position: 23},
		{after: 3, status: domain.StatusActive, notice: second, reviewDue: t0.Add(policy.ReviewPeriod),
			acks: map[string]time.Time{"DEU": h[1].At}, version: 3, position: 40, visibleKOR: true},
		{after: 4, status: domain.StatusActive, notice: second, reviewDue: renewedDue,
			acks: map[string]time.Time{"DEU": h[1].At}, version: 4, position: 41, visibleKOR: true},
		{after: 5, status: domain.StatusActive, notice: second, reviewDue: renewedDue,
			acks: map[string]time.Time{"DEU": h[1].At, "JPN": h[4].At}, version: 5, position: 88, visibleKOR: true},
		// Revocation changes the status and nothing else.
		{after: 6, status: domain.StatusRevoked, notice: second, reviewDue: renewedDue,
			acks: map[string]time.Time{"DEU": h[1].At, "JPN": h[4].At}, version: 6, position: 120, visibleKOR: true},
	}
	for _, tt := range tests {
		t.Run(reflect.TypeOf(h[tt.after-1].Event).Name()+"@"+string(rune('0'+tt.after)), func(t *testing.T) {
			d := domain.Fold(testID, h[:tt.after])
			if !d.Exists() || d.ID != testID || d.Originator != "FRA" || !d.NotifiedAt.Equal(t0) {
				t.Fatalf("identity: exists=%v id=%q originator=%q notified=%v", d.Exists(), d.ID, d.Originator, d.NotifiedAt)
			}
			if d.Status != tt.status {
				t.Errorf("Status = %v, want %v", d.Status, tt.status)
			}
			if !reflect.DeepEqual(d.Notice, tt.notice) {
				t.Errorf("Notice = %+v, want %+v", d.Notice, tt.notice)
			}
			if !d.ReviewDue.Equal(tt.reviewDue) {
				t.Errorf("ReviewDue = %v, want %v", d.ReviewDue, tt.reviewDue)
			}
			if !reflect.DeepEqual(d.Acks, tt.acks) {
				t.Errorf("Acks = %v, want %v", d.Acks, tt.acks)
			}
			if d.Version != tt.version || d.Position != tt.position {
				t.Errorf("Version, Position = %d, %d, want %d, %d", d.Version, d.Position, tt.version, tt.position)
			}
			if d.VisibleTo("KOR") != tt.visibleKOR || !d.VisibleTo("FRA") || !d.VisibleTo("DEU") || d.VisibleTo("USA") {
				t.Errorf("visibility wrong: KOR=%v FRA=%v DEU=%v USA=%v",
					d.VisibleTo("KOR"), d.VisibleTo("FRA"), d.VisibleTo("DEU"), d.VisibleTo("USA"))
			}
		})
	}
}

func TestHandled(t *testing.T) {
	h, _, _ := lifecycle(t)
	d := domain.Fold(testID, h)
	tests := []struct {
		name, member, requestID string
		want                    uint64 // version of the recorded event; 0 for none
	}{
		{name: "notification", member: "FRA", requestID: "notify-1", want: 1},
		{name: "acknowledgement", member: "DEU", requestID: "ack-1", want: 2},
		{name: "amendment", member: "FRA", requestID: "amend-1", want: 3},
		{name: "first review", member: "FRA", requestID: "review-1", want: 4},
		{name: "revocation", member: "FRA", requestID: "review-2", want: 6},
		{name: "same request id, other member", member: "DEU", requestID: "notify-1"},
		{name: "ack request id, originator", member: "FRA", requestID: "ack-1"},
		{name: "unknown request id", member: "FRA", requestID: "notify-2"},
		{name: "empty request id never matches", member: "JPN", requestID: ""},
		{name: "case-sensitive request id", member: "FRA", requestID: "NOTIFY-1"},
		{name: "case-sensitive member", member: "fra", requestID: "notify-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := d.Handled(domain.Actor{Member: tt.member}, tt.requestID)
			if tt.want == 0 {
				if ok {
					t.Fatalf("Handled(%q, %q) = version %d, want none", tt.member, tt.requestID, r.Version)
				}
				return
			}
			if !ok {
				t.Fatalf("Handled(%q, %q) found nothing, want version %d", tt.member, tt.requestID, tt.want)
			}
			if want := h[tt.want-1]; !reflect.DeepEqual(r, want) {
				t.Fatalf("Handled(%q, %q) = %+v, want %+v", tt.member, tt.requestID, r, want)
			}
		})
	}
}

// Applying events one at a time gives the same state as folding them.
func TestApplyMatchesFold(t *testing.T) {
	h, _, _ := lifecycle(t)
	d := domain.Fold(testID, nil)
	for _, r := range h {
		d.Apply(r)
	}
	if want := domain.Fold(testID, h); !reflect.DeepEqual(d, want) {
		t.Fatalf("Apply one by one = %+v, Fold = %+v", d, want)
	}
}

func TestApplyReviewAmended(t *testing.T) {
	n := validNotice(t)
	n.Marking = model.MarkingConfidential
	due := now.Add(policy.ReviewPeriod)
	d := notified(t, validNotice(t), func(h history) history {
		return h.add(fra, "review-1", domain.Reviewed{Outcome: domain.ReviewAmended, Notice: &n, ReviewDue: due})
	})
	if d.Status != domain.StatusActive || !reflect.DeepEqual(d.Notice, n) || !d.ReviewDue.Equal(due) || d.Version != 2 {
		t.Fatalf("after amended review: status=%v due=%v version=%d notice=%+v", d.Status, d.ReviewDue, d.Version, d.Notice)
	}
}

func TestApplyExpired(t *testing.T) {
	d := notified(t, validNotice(t), ackedBy("DEU"), expired)
	if d.Status != domain.StatusExpired || d.Version != 3 || d.Position != 102 {
		t.Fatalf("after expiry: status=%v version=%d position=%d", d.Status, d.Version, d.Position)
	}
	if !d.ReviewDue.Equal(t0.Add(policy.ReviewPeriod)) || len(d.Acks) != 1 || !reflect.DeepEqual(d.Notice, validNotice(t)) {
		t.Fatalf("expiry changed more than the status: %+v", d)
	}
	if _, ok := d.Handled(domain.Actor{Member: "FRA"}, ""); ok {
		t.Fatal("the system's expiry, with no request id, was recorded as handled")
	}
}

// The rules decide from folded state: after the recorded events of a
// command, the same command is refused (or, with a request id, found by
// Handled first).
func TestDecideThenApply(t *testing.T) {
	d := domain.Fold(testID, nil)
	apply := func(actor domain.Actor, requestID string) func([]domain.Event, error) {
		return func(events []domain.Event, err error) {
			t.Helper()
			ev := wantOne(t)(events, err)
			d.Apply(domain.Recorded{Event: ev, Actor: actor, At: now, RequestID: requestID, Version: d.Version + 1, Position: d.Position + 10})
		}
	}
	apply(fra, "n1")(domain.Notify(policy, d, fra, validNotice(t), now))
	apply(deu, "a1")(domain.Acknowledge(policy, d, deu))
	if _, err := domain.Acknowledge(policy, d, deu); err == nil {
		t.Fatal("second acknowledgement accepted")
	}
	apply(fra, "r1")(domain.Review(policy, d, fra, domain.ReviewRevoked, nil, "", now))
	if _, err := domain.Amend(policy, d, fra, validNotice(t), ""); err == nil {
		t.Fatal("amendment of a revoked notice accepted")
	}
	if _, err := domain.Expire(d, d.ReviewDue); err == nil {
		t.Fatal("expiry of a revoked notice accepted")
	}
	if d.Version != 3 || d.Position != 30 || d.Status != domain.StatusRevoked {
		t.Fatalf("final state: version=%d position=%d status=%v", d.Version, d.Position, d.Status)
	}
	if r, ok := d.Handled(domain.Actor{Member: "DEU"}, "a1"); !ok || r.Version != 2 {
		t.Fatalf("Handled(DEU, a1) = %+v, %v", r, ok)
	}
	// Request ids are scoped to the principal: DEU's customs agency
	// reusing DEU's id has not been handled.
	if r, ok := d.Handled(domain.Actor{Member: "DEU", Agency: "customs"}, "a1"); ok {
		t.Fatalf("Handled(DEU-customs, a1) = %+v: an agency gets its member's result", r)
	}
}

func TestReviewOutcomeValid(t *testing.T) {
	for o, want := range map[domain.ReviewOutcome]bool{
		-1: false, 0: false, domain.ReviewRenewed: true, domain.ReviewAmended: true, domain.ReviewRevoked: true, domain.ReviewRevoked + 1: false,
	} {
		if got := o.Valid(); got != want {
			t.Errorf("ReviewOutcome(%d).Valid() = %v, want %v", o, got, want)
		}
	}
}
