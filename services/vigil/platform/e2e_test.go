package platform_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

// clock is a settable clock for driving expiry without sleeping.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

type running struct {
	p      *platform.Platform
	dir    string
	cancel context.CancelFunc
	done   chan error
}

func startPlatform(t *testing.T, dir string, clk *clock) *running {
	t.Helper()
	cfg := platform.Config{DataDir: dir}
	if clk != nil {
		cfg.Now = clk.Now
	}
	return startWith(t, cfg)
}

// startWith starts and runs a platform on cfg, listening on a random
// loopback port, with hourly expiry and no logging, until the test ends.
func startWith(t *testing.T, cfg platform.Config) *running {
	t.Helper()
	cfg.Listen, cfg.ExpiryInterval, cfg.Logger = "127.0.0.1:0", time.Hour, slog.New(slog.DiscardHandler)
	ctx, cancel := context.WithCancel(context.Background())
	p, err := platform.Start(ctx, cfg)
	if err != nil {
		cancel()
		t.Fatalf("start platform: %v", err)
	}
	r := &running{p: p, dir: cfg.DataDir, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- p.Run(ctx) }()
	t.Cleanup(r.stop)
	return r
}

func (r *running) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	<-r.done
	r.p.Close()
	r.cancel = nil
}

func (r *running) as(t *testing.T, id string) *member { return dialAs(t, r.dir, r.p.Addr(), id) }

func (r *running) logLength(t *testing.T) uint64 {
	t.Helper()
	n, err := r.p.Store.LastPosition(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDenialLifecycle is the end-to-end flow of the foundation issue over
// real gRPC with mutual TLS and an embedded NATS server.
func TestDenialLifecycle(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	r := startPlatform(t, t.TempDir(), clk)
	fra, deu, jpn, kor, usa := r.as(t, "FRA"), r.as(t, "DEU"), r.as(t, "JPN"), r.as(t, "KOR"), r.as(t, "USA")
	ctx := ctxT(t)

	res, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "fr-0412", Notice: exampleNotice(t)})
	if err != nil {
		t.Fatalf("notify: %v", err)
	}
	id, pos := res.GetResult().GetId(), res.GetResult().GetPosition()

	t.Run("same request twice yields one event", func(t *testing.T) {
		before := r.logLength(t)
		again, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "fr-0412", Notice: exampleNotice(t)})
		if err != nil {
			t.Fatal(err)
		}
		if !again.GetResult().GetDuplicate() || again.GetResult().GetPosition() != pos || again.GetResult().GetId() != id {
			t.Fatalf("retry = %v, want duplicate of id %s position %d", again.GetResult(), id, pos)
		}
		if after := r.logLength(t); after != before {
			t.Fatalf("log grew from %d to %d on a duplicate", before, after)
		}
	})

	t.Run("addressed members see it, others do not", func(t *testing.T) {
		for _, m := range []*member{deu, jpn} {
			if ids := inboxIDs(t, m, pos); !slices.Contains(ids, id) {
				t.Errorf("%s inbox %v lacks %s", m.id, ids, id)
			}
			if _, err := m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id, MinPosition: pos}); err != nil {
				t.Errorf("%s get: %v", m.id, err)
			}
		}
		for _, m := range []*member{kor, usa} {
			if ids := inboxIDs(t, m, pos); slices.Contains(ids, id) {
				t.Errorf("%s inbox leaks %s", m.id, id)
			}
			_, err := m.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id, MinPosition: pos})
			wantCode(t, err, codes.NotFound)
			_, err = m.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{DenialId: id})
			wantCode(t, err, codes.NotFound)
		}
	})

	t.Run("DEU acknowledges and FRA sees it", func(t *testing.T) {
		ack, err := deu.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{RequestId: "deu-ack-1", DenialId: id})
		if err != nil {
			t.Fatal(err)
		}
		own, err := fra.views.ListOwnItems(ctx, &vigilv1.ListOwnItemsRequest{MinPosition: ack.GetResult().GetPosition()})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, n := range own.GetItems() {
			if n.GetSummary().GetId() == id {
				for _, rs := range n.GetRecipients() {
					got[rs.GetMember()] = rs.GetAcknowledged()
				}
			}
		}
		if want := map[string]bool{"DEU": true, "JPN": false}; !mapsEqual(got, want) {
			t.Fatalf("FRA sees recipients %v, want %v", got, want)
		}
		_, err = deu.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{RequestId: "deu-ack-2", DenialId: id})
		wantCode(t, err, codes.AlreadyExists)
		_, err = fra.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{DenialId: id})
		wantCode(t, err, codes.PermissionDenied)
	})

	t.Run("DEU cannot amend or review FRA's notice", func(t *testing.T) {
		before := r.logLength(t)
		_, err := deu.denials.AmendDenial(ctx, &vigilv1.AmendDenialRequest{DenialId: id, Notice: exampleNotice(t)})
		wantCode(t, err, codes.PermissionDenied)
		_, err = deu.denials.ReviewDenial(ctx, &vigilv1.ReviewDenialRequest{DenialId: id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED})
		wantCode(t, err, codes.PermissionDenied)
		if after := r.logLength(t); after != before {
			t.Fatalf("log grew from %d to %d", before, after)
		}
	})

	t.Run("FRA amends; history grows", func(t *testing.T) {
		n := exampleNotice(t)
		n.ItemDescription += " (corrected thrust figure)"
		am, err := fra.denials.AmendDenial(ctx, &vigilv1.AmendDenialRequest{RequestId: "fr-0412-a1", DenialId: id, Notice: n, Comment: "typo"})
		if err != nil {
			t.Fatal(err)
		}
		d, err := jpn.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id, MinPosition: am.GetResult().GetPosition()})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(d.GetDenial().GetItemDescription(), "(corrected thrust figure)") {
			t.Errorf("JPN sees %q", d.GetDenial().GetItemDescription())
		}
		if len(d.GetHistory()) != 2 {
			t.Errorf("JPN sees %d history entries, want 2 (notified, amended; not DEU's ack)", len(d.GetHistory()))
		}
	})

	t.Run("expiry after the review date", func(t *testing.T) {
		clk.Set(clk.Now().Add(3*365*24*time.Hour + time.Hour))
		n, err := r.p.Denials.ExpireNow(ctx, r.logLength(t))
		if err != nil || n != 1 {
			t.Fatalf("expired %d, %v; want 1", n, err)
		}
		d, err := fra.views.GetItem(ctx, &vigilv1.GetItemRequest{Id: id, MinPosition: r.logLength(t)})
		if err != nil {
			t.Fatal(err)
		}
		if d.GetSummary().GetStatus() != vigilv1.ItemStatus_ITEM_STATUS_EXPIRED {
			t.Fatalf("status %v, want expired", d.GetSummary().GetStatus())
		}
		_, err = fra.denials.ReviewDenial(ctx, &vigilv1.ReviewDenialRequest{DenialId: id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_RENEWED})
		wantCode(t, err, codes.FailedPrecondition)
	})

	t.Run("rebuild reproduces the views exactly", func(t *testing.T) {
		live := dumpAt(t, r)
		path := t.TempDir() + "/rebuilt.db"
		if err := platform.BuildViews(ctx, r.p, path); err != nil {
			t.Fatal(err)
		}
		rebuilt := dumpFile(t, path)
		if string(live) != string(rebuilt) {
			t.Fatalf("rebuilt views differ from live views:\nlive:\n%s\nrebuilt:\n%s", live, rebuilt)
		}
	})
}

func mapsEqual(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
