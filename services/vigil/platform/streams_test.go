package platform_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

// TestAgencyStreams runs vigil with --nats-listen: KOR-customs receives
// JPN's alert over gRPC and over NATS with its certificate; DEU-customs
// receives nothing of it; a subscription outside KOR-customs' subjects is
// refused by the server.
func TestAgencyStreams(t *testing.T) {
	dir := t.TempDir()
	clk := &clock{now: time.Now().UTC()}
	r := startWith(t, platform.Config{DataDir: dir, NATSListen: freeAddr(t), Now: clk.Now})
	p := r.p

	korStream := subscribe(t, r.as(t, "KOR-customs"))
	deuStream := subscribe(t, r.as(t, "DEU-customs"))
	nc := natsAs(t, p, dir, "KOR-customs")
	got := make(chan *nats.Msg, 16)
	if _, err := nc.ChanSubscribe("vigil.agencies.KOR.customs.>", got); err != nil {
		t.Fatal(err)
	}
	denied := make(chan error, 1)
	nc.SetErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { denied <- err })
	if _, err := nc.SubscribeSync("vigil.agencies.DEU.customs.>"); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}

	res, err := r.as(t, "JPN").brokering.RaiseAlert(ctxT(t), &vigilv1.RaiseAlertRequest{RequestId: "st-1", Alert: exampleAlert(t, clk.Now().Add(48*time.Hour))})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := korStream.Recv()
	if err != nil || msg.GetItem().GetItem().GetId() != res.GetResult().GetId() || msg.GetItem().GetCursor() == "" {
		t.Fatalf("KOR-customs gRPC stream: %v, %v", msg, err)
	}
	select {
	case m := <-got:
		t.Logf("KOR-customs NATS %s", m.Subject)
	case <-time.After(20 * time.Second):
		t.Fatal("KOR-customs received nothing over NATS")
	}
	select {
	case err := <-denied:
		if !errors.Is(err, nats.ErrPermissionViolation) {
			t.Errorf("outside subscription: %v, want a permissions violation", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("subscribing outside its subjects was not refused")
	}
	deuCtx, deuCancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer deuCancel()
	if m, err := deuStream.recvWithin(deuCtx); err == nil {
		t.Errorf("DEU-customs received %v", m)
	}
}

type stream struct {
	vigilv1.AlertsService_SubscribeClient
	items chan *vigilv1.SubscribeResponse
}

func subscribe(t *testing.T, m *member) *stream {
	t.Helper()
	c, err := vigilv1.NewAlertsServiceClient(m.conn).Subscribe(t.Context(), &vigilv1.SubscribeRequest{})
	if err != nil {
		t.Fatal(err)
	}
	s := &stream{AlertsService_SubscribeClient: c, items: make(chan *vigilv1.SubscribeResponse, 16)}
	go func() {
		for {
			r, err := c.Recv()
			if err != nil {
				close(s.items)
				return
			}
			s.items <- r
		}
	}()
	return s
}

func (s *stream) Recv() (*vigilv1.SubscribeResponse, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return s.recvWithin(ctx)
}

func (s *stream) recvWithin(ctx context.Context) (*vigilv1.SubscribeResponse, error) {
	select {
	case r, ok := <-s.items:
		if !ok {
			return nil, errors.New("stream ended")
		}
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func natsAs(t *testing.T, p *platform.Platform, dir, id string) *nats.Conn {
	t.Helper()
	ca, cert, key := identity.ClientFilesFor(dir, id)
	nc, err := nats.Connect(p.NATSURL(), nats.RootCAs(ca), nats.ClientCert(cert, key))
	if err != nil {
		t.Fatalf("NATS as %s: %v", id, err)
	}
	t.Cleanup(nc.Close)
	return nc
}
