package platform_test

import (
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

// TestExternalNATS runs the platform against a separate NATS server
// (--nats URL) instead of the embedded one.
func TestExternalNATS(t *testing.T) {
	ns := natsembedtest.Start(t)
	r := startWith(t, platform.Config{DataDir: t.TempDir(), NATSURL: ns.ClientURL()})

	res, err := r.as(t, "FRA").denials.NotifyDenial(ctxT(t), &vigilv1.NotifyDenialRequest{RequestId: "ext-1", Notice: exampleNotice(t)})
	if err != nil {
		t.Fatal(err)
	}
	if ids := inboxIDs(t, r.as(t, "JPN"), res.GetResult().GetPosition()); !slices.Contains(ids, res.GetResult().GetId()) {
		t.Fatalf("JPN inbox %v lacks the notice", ids)
	}
	if !ns.SyncAlways() {
		t.Fatal("the external test server must fsync every write")
	}
}
