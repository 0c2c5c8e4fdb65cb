package platform_test

import (
	"testing"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// TestDemoSeed seeds the demonstration data twice (idempotent) and checks
// that members see different, non-trivial inboxes across the three kinds.
func TestDemoSeed(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds a few hundred items")
	}
	r := startPlatform(t, t.TempDir(), nil)
	ctx := ctxT(t)
	if err := r.p.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	first := r.logLength(t)
	if err := r.p.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if again := r.logLength(t); again != first {
		t.Fatalf("second seed grew the log from %d to %d", first, again)
	}
	kinds := map[vigilv1.ItemKind]int{}
	res, err := r.as(t, "KOR").views.ListInbox(ctx, &vigilv1.ListInboxRequest{MinPosition: first, PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range res.GetItems() {
		kinds[it.GetKind()]++
	}
	if len(res.GetItems()) < 100 || len(kinds) != 3 {
		t.Fatalf("KOR sees %d items, by kind %v", len(res.GetItems()), kinds)
	}
}
