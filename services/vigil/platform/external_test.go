package platform_test

import (
	"context"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

// TestExternalNATS runs the platform against a separate NATS server
// (--nats URL) instead of the embedded one.
func TestExternalNATS(t *testing.T) {
	ns := natsembedtest.Start(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	p, err := platform.Start(ctx, platform.Config{DataDir: dir, Listen: "127.0.0.1:0", NATSURL: ns.ClientURL(),
		ExpiryInterval: time.Hour, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	r := &running{p: p, dir: dir, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- p.Run(ctx) }()
	t.Cleanup(r.stop)

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
