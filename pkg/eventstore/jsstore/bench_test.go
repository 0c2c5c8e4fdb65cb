package jsstore_test

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
)

// payload is the ~1 KiB body of every benchmark message.
var payload = make([]byte, 1024)

// reportRate reports messages per second over the timed part of b.
func reportRate(b *testing.B, msgs int) {
	b.ReportMetric(float64(msgs)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkRawPublishSyncAlways is the baseline: one synchronous
// JetStream publish at a time to a file stream on a SyncAlways server, so
// one fsync per message.
func BenchmarkRawPublishSyncAlways(b *testing.B) {
	srv := natsembedtest.Start(b)
	js, err := jetstream.New(natsembedtest.Connect(b, srv))
	if err != nil {
		b.Fatal(err)
	}
	_, err = js.CreateStream(b.Context(), jetstream.StreamConfig{Name: "RAW", Subjects: []string{"raw.>"}, Storage: jetstream.FileStorage})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := js.Publish(b.Context(), "raw."+strconv.Itoa(i), payload); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, b.N)
}

// BenchmarkRawAtomicBatch publishes JetStream atomic batches of n
// messages, one batch at a time, to a file stream on a SyncAlways server:
// the raw cost of the mechanism group commit rests on. The server fsyncs
// once per batch, but stages every batch in a file store of its own
// (R1), a cost paid per batch whatever its size.
func BenchmarkRawAtomicBatch(b *testing.B) {
	for _, n := range []int{1, 8, 32, 64} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			srv := natsembedtest.Start(b)
			nc := natsembedtest.Connect(b, srv)
			js, err := jetstream.New(nc)
			if err != nil {
				b.Fatal(err)
			}
			_, err = js.CreateStream(b.Context(), jetstream.StreamConfig{Name: "RAW", Subjects: []string{"raw.>"}, Storage: jetstream.FileStorage, AllowAtomicPublish: true})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			k := 0
			for range b.N {
				id := nuid.Next()
				for i := 1; i <= n; i++ {
					k++
					m := nats.NewMsg("raw." + strconv.Itoa(k))
					m.Data = payload
					m.Header.Set("Nats-Batch-Id", id)
					m.Header.Set("Nats-Batch-Sequence", strconv.Itoa(i))
					if i < n {
						if err := nc.PublishMsg(m); err != nil {
							b.Fatal(err)
						}
						continue
					}
					m.Header.Set("Nats-Batch-Commit", "1")
					r, err := nc.RequestMsg(m, 5*time.Second)
					if err != nil {
						b.Fatal(err)
					}
					if bytes.Contains(r.Data, []byte(`"error"`)) {
						b.Fatal(string(r.Data))
					}
				}
			}
			reportRate(b, b.N*n)
		})
	}
}

// BenchmarkAppend measures Append with 1, 16 and 64 concurrent callers,
// each creating new streams (NoStream, one ~1 KiB event), so that group
// commit can pack concurrent requests into one atomic batch.
func BenchmarkAppend(b *testing.B) {
	for _, conc := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("conc=%d", conc), func(b *testing.B) {
			srv := natsembedtest.Start(b)
			s := newStore(b, natsembedtest.Connect(b, srv))
			b.ResetTimer()
			runAppenders(b, s, conc)
			b.StopTimer()
			reportRate(b, b.N)
		})
	}
}

// runAppenders shares b.N appends among conc goroutines.
func runAppenders(b *testing.B, s *jsstore.Store, conc int) {
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
				req := eventstore.AppendRequest{
					Stream:          "bench." + run + "-" + strconv.FormatInt(i, 10),
					ExpectedVersion: eventstore.NoStream,
					Events:          []eventstore.Event{{ID: strconv.FormatInt(i, 10), Type: "vigil.bench.v1.Event", Data: payload}},
				}
				if _, err := s.Append(b.Context(), req); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkLoad reads a three-event stream, as a command on an existing
// item does before deciding, from 1 and 16 goroutines, among 1,000
// streams.
func BenchmarkLoad(b *testing.B) {
	srv := natsembedtest.Start(b)
	s := newStore(b, natsembedtest.Connect(b, srv))
	const streams = 1000
	for i := range streams {
		for v := range 3 {
			req := eventstore.AppendRequest{
				Stream:          "bench.load-" + strconv.Itoa(i),
				ExpectedVersion: int64(v),
				Events:          []eventstore.Event{{ID: strconv.Itoa(i*3 + v), Type: "vigil.bench.v1.Event", Data: payload}},
			}
			if _, err := s.Append(b.Context(), req); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, conc := range []int{1, 16} {
		b.Run(fmt.Sprintf("conc=%d", conc), func(b *testing.B) {
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for range conc {
				wg.Go(func() {
					for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
						evs, err := s.Load(b.Context(), "bench.load-"+strconv.FormatInt(i%streams, 10))
						if err != nil || len(evs) != 3 {
							b.Errorf("load: %d events, %v", len(evs), err)
							return
						}
					}
				})
			}
			wg.Wait()
		})
	}
}
