package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

func exampleNotice(file string) (*vigilv1.DenialNotice, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	n := &vigilv1.DenialNotice{}
	return n, protojson.Unmarshal(data, n)
}

// payloadOfExample approximates the stored envelope size of the example.
func payloadOfExample(file string) ([]byte, error) {
	n, err := exampleNotice(file)
	if err != nil {
		return nil, err
	}
	env := &vigilv1.EventEnvelope{EventId: "00000000-0000-0000-0000-000000000000", Type: "vigil.v1.DenialNotified",
		AggregateType: "denial", AggregateId: "0123456789abcdef0123456789abcdef", CausationId: "bench-request-000000",
		Originator: &vigilv1.Originator{Member: "FRA"}, Releasability: n.GetReleasability(),
		Payload: &vigilv1.EventEnvelope_DenialNotified{DenialNotified: &vigilv1.DenialNotified{Notice: n}}}
	return proto.Marshal(env)
}

// notifyThroughGRPC measures NotifyDenial through the whole platform:
// mTLS gRPC, validation, group-committed durable append.
func notifyThroughGRPC(ctx context.Context, dir string, cfg Config, log *slog.Logger) ([]Sample, error) {
	p, err := platform.Start(ctx, platform.Config{DataDir: dir, Listen: "127.0.0.1:0", Logger: log, MinBatch: cfg.MinBatch})
	if err != nil {
		return nil, err
	}
	defer p.Close()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- p.Run(runCtx) }()
	defer func() { stop(); <-done }()
	n, err := exampleNotice(cfg.ExampleFile)
	if err != nil {
		return nil, err
	}
	var out []Sample
	for _, c := range cfg.Clients {
		conns, closeAll, err := dialAs(dir, p.Addr(), "FRA", c)
		if err != nil {
			return nil, err
		}
		out = append(out, drive(ctx, "vigil NotifyDenial via gRPC", c, cfg.Duration, func(ctx context.Context, w, i int) error {
			_, err := vigilv1.NewDenialsServiceClient(conns[w]).NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: fmt.Sprintf("b%d-%d-%d", c, w, i), Notice: n})
			return err
		}))
		closeAll()
	}
	if cfg.AlertRate > 0 {
		s, err := alertToView(ctx, p, dir, cfg)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// dialAs opens n connections authenticated as id.
func dialAs(dir, addr, id string, n int) ([]*grpc.ClientConn, func(), error) {
	ca, cert, key := identity.ClientFilesFor(dir, id)
	tlsCfg, err := identity.ClientTLS(ca, cert, key, "127.0.0.1")
	if err != nil {
		return nil, nil, err
	}
	var conns []*grpc.ClientConn
	closeAll := func() {
		for _, c := range conns {
			_ = c.Close()
		}
	}
	for range n {
		conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(tlsCfg)), grpc.WithDefaultCallOptions(grpc.WaitForReady(true)))
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		conns = append(conns, conn)
	}
	return conns, closeAll, nil
}
