package bench

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/natsembed"
)

// rawPublish measures plain JetStream publishing, one acknowledged message
// at a time per client, to a file stream on an embedded SyncAlways server:
// the engine without Vigil in front.
func rawPublish(ctx context.Context, dir string, cfg Config, log *slog.Logger) ([]Sample, int, error) {
	ns, err := natsembed.Start(ctx, natsembed.Config{StoreDir: dir, Host: "127.0.0.1", Port: natsembed.RandomPort}, log)
	if err != nil {
		return nil, 0, err
	}
	defer ns.Shutdown()
	nc, err := nats.Connect(ns.ClientURL(), nats.InProcessServer(ns.NATS()))
	if err != nil {
		return nil, 0, err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, 0, err
	}
	_, err = js.CreateStream(ctx, jetstream.StreamConfig{Name: "RAW", Subjects: []string{"raw.>"}, Storage: jetstream.FileStorage})
	if err != nil {
		return nil, 0, err
	}
	payload, err := payloadOfExample(cfg.ExampleFile)
	if err != nil {
		return nil, 0, err
	}
	var out []Sample
	// The single-client baseline, and the largest client count beside it.
	counts := []int{1}
	if most := slices.Max(cfg.Clients); most > 1 {
		counts = append(counts, most)
	}
	for _, n := range counts {
		out = append(out, drive(ctx, "raw JetStream publish (sync always)", n, cfg.Duration, func(ctx context.Context, w, i int) error {
			_, err := js.Publish(ctx, fmt.Sprintf("raw.%d.%d", w, i), payload)
			return err
		}))
	}
	return out, len(payload), nil
}
