package alerts_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	te "github.com/vigil-org/vigil/services/alerts/internal/testevents"
)

// The benchmark's shape, as the issue asks: gRPC subscribers and NATS
// subscribers (through the distributor), beside raw NATS subscribers of
// the same messages published directly, at 200 items/s.
const (
	benchRate       = 200 // items per second
	benchRawSubject = "vigil.agencies.KOR.customs.bench"
)

// recorder is one subscriber's arrivals: (sequence, time) pairs, where the
// sequence is the log position (gRPC, distributor) or the raw message's
// number. Only its subscriber's goroutine appends.
type recorder struct {
	seq []uint64
	at  []time.Time
}

// path is the subscribers of one delivery path.
type path struct {
	recs      []*recorder
	delivered atomic.Int64
	cut       atomic.Int64 // subscribers whose stream ended early
}

func (p *path) recorder() *recorder {
	r := &recorder{}
	p.recs = append(p.recs, r)
	return r
}

func (p *path) add(r *recorder, seq uint64) {
	r.seq, r.at = append(r.seq, seq), append(r.at, time.Now())
	p.delivered.Add(1)
}

// latencies returns the sorted delivery latencies in ms, from sent[seq].
// Call it once every subscriber has stopped.
func (p *path) latencies(sent map[uint64]time.Time) []float64 {
	var out []float64
	for _, r := range p.recs {
		for i, seq := range r.seq {
			if t0, ok := sent[seq]; ok {
				out = append(out, float64(r.at[i].Sub(t0).Microseconds())/1000)
			}
		}
	}
	slices.Sort(out)
	return out
}

func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return -1
	}
	return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))]
}

// BenchmarkFanOut offers b.N alerts (released to every member) at 200/s
// to N subscribers on each of three paths, one path after the other so
// that they do not compete for the CPUs: raw NATS subscribers of the same
// payload published directly (the baseline), NATS subscribers of the
// distributor's agency subjects, and gRPC subscribers. Per path it
// reports the latency from the moment an alert is sent (appended, or
// published raw) to its arrival at each subscriber, the deliveries
// missing after 60 s, the offered rate reached, and the CPUs the process
// kept busy; at the end, its memory. Subscribers share connections
// per-conn at a time (gRPC streams on one HTTP/2 connection, NATS
// subscriptions on one NATS connection); every connection is TLS over
// loopback. Server and clients share the process, so CPU and memory are
// those of both. Run it as
//
//	go test -run '^$' -bench FanOut -benchtime 2000x
//
// (2,000 items per path: 10 s each at 200/s), or one case, such as
// FanOut/subscribers=1000/per-conn=10, alone.
func BenchmarkFanOut(b *testing.B) {
	for _, c := range []struct{ subscribers, perConn int }{{100, 1}, {1000, 10}, {1000, 1}} {
		b.Run(fmt.Sprintf("subscribers=%d/per-conn=%d", c.subscribers, c.perConn), func(b *testing.B) {
			benchFanOut(b, c.subscribers, c.perConn)
		})
	}
}

func benchFanOut(b *testing.B, subscribers, perConn int) {
	e := newEnv(b, nil)
	payload := benchPayload(b)
	want := int64(b.N * subscribers)
	b.ResetTimer()

	raw := &path{}
	rawSubscribers(b, e, raw, subscribers, perConn)
	measure(b, "raw", raw, want, func() map[uint64]time.Time { return publishRaw(b, e, payload, b.N) })
	e.stopNATSClients()

	viaNATS := &path{}
	natsSubscribers(b, e, viaNATS, subscribers, perConn)
	measure(b, "nats", viaNATS, want, func() map[uint64]time.Time { return appendAlerts(b, e, "nats", b.N) })
	e.stopNATSClients()

	viaGRPC := &path{}
	stopGRPC := grpcSubscribers(b, e, viaGRPC, subscribers, perConn)
	waitFor(b, "gRPC subscriptions", func() bool { return e.svc.Hub().Subscribers() == subscribers })
	measure(b, "grpc", viaGRPC, want, func() map[uint64]time.Time { return appendAlerts(b, e, "grpc", b.N) })
	stopGRPC()
	b.ReportMetric(float64(viaGRPC.cut.Load()), "grpc-cut")

	b.StopTimer()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(ru.Maxrss)/1024, "maxrss-MB")
	b.ReportMetric(0, "ns/op") // three paths in one iteration: see the per-path metrics
}

// measure runs send (which offers the items and returns when each was
// sent), waits up to 60 s for every delivery on p, and reports the path's
// latencies, missing deliveries, offered rate and CPUs busy under name.
func measure(b *testing.B, name string, p *path, want int64, send func() map[uint64]time.Time) {
	var ru0, ru1 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	start := time.Now()
	sent := send()
	offered := time.Since(start)
	deadline := time.Now().Add(60 * time.Second)
	for p.delivered.Load()+p.cut.Load()*int64(b.N) < want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	report(b, name, p.latencies(sent), want)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(cpu.Seconds()/elapsed.Seconds(), name+"-cpu-cores")
	b.ReportMetric(float64(b.N)/offered.Seconds(), name+"-items/s")
}

// report records the p50 and p99 latency of one path and how many
// deliveries were missing.
func report(b *testing.B, path string, lat []float64, want int64) {
	b.ReportMetric(percentile(lat, 0.50), path+"-p50-ms")
	b.ReportMetric(percentile(lat, 0.99), path+"-p99-ms")
	b.ReportMetric(float64(want-int64(len(lat))), path+"-missing")
}

// benchPrincipals are the identities the gRPC subscribers take in turn.
var benchPrincipals = []string{"KOR", "KOR-customs", "KOR-licensing", "KOR-enforcement", "DEU", "DEU-customs", "DEU-licensing", "FRA", "JPN"}

// grpcSubscribers opens n live streams, perConn to a connection, and
// returns the function that stops them and waits for their goroutines.
func grpcSubscribers(b *testing.B, e *env, p *path, n, perConn int) func() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	stop := sync.OnceFunc(func() { cancel(); wg.Wait() })
	b.Cleanup(stop)
	var cc *grpc.ClientConn
	for i := range n {
		if i%perConn == 0 {
			cc = e.conn(benchPrincipals[(i/perConn)%len(benchPrincipals)])
		}
		st, err := vigilv1.NewAlertsServiceClient(cc).Subscribe(ctx, &vigilv1.SubscribeRequest{})
		if err != nil {
			b.Fatal(err)
		}
		r := p.recorder()
		wg.Go(func() {
			for {
				res, err := st.Recv()
				if err != nil {
					if ctx.Err() == nil {
						p.cut.Add(1)
					}
					return
				}
				p.add(r, res.GetItem().GetPosition())
			}
		})
	}
	return stop
}

// natsAgencies are the agency certificates of the NATS subscribers.
var natsAgencies = []string{"KOR-customs", "KOR-licensing", "DEU-customs", "DEU-licensing"}

// natsSubscribers connects agencies over TLS and makes n subscriptions to
// their alert subjects, perConn to a connection.
func natsSubscribers(b *testing.B, e *env, p *path, n, perConn int) {
	var nc *nats.Conn
	for i := range n {
		id := natsAgencies[(i/perConn)%len(natsAgencies)]
		if i%perConn == 0 {
			nc = e.natsBench(b, id)
		}
		r := p.recorder()
		e.natsSubscribe(b, nc, "vigil.agencies."+id[:3]+"."+id[4:]+".alert.>", func(m *nats.Msg) {
			pos, _ := strconv.ParseUint(m.Header.Get("Vigil-Position"), 10, 64)
			p.add(r, pos)
		})
	}
}

// rawSubscribers makes n more subscriptions, to the raw subject.
func rawSubscribers(b *testing.B, e *env, p *path, n, perConn int) {
	var nc *nats.Conn
	for i := range n {
		if i%perConn == 0 {
			nc = e.natsBench(b, "KOR-customs")
		}
		r := p.recorder()
		e.natsSubscribe(b, nc, benchRawSubject, func(m *nats.Msg) {
			seq, _ := strconv.ParseUint(m.Header.Get("Bench-Seq"), 10, 64)
			p.add(r, seq)
		})
	}
}

// natsBench connects as id, for stopNATSClients to close.
func (e *env) natsBench(b *testing.B, id string) *nats.Conn {
	nc, err := e.natsAs(id, nil)
	if err != nil {
		b.Fatal(err)
	}
	e.benchConns = append(e.benchConns, nc)
	return nc
}

// natsSubscribe subscribes nc to subject with handler h (nats.go calls
// each subscription's handler from a goroutine of its own).
func (e *env) natsSubscribe(b *testing.B, nc *nats.Conn, subject string, h nats.MsgHandler) {
	if _, err := nc.Subscribe(subject, h); err != nil {
		b.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		b.Fatal(err)
	}
}

// stopNATSClients closes the benchmark's NATS clients, so that their
// recorders are no longer written.
func (e *env) stopNATSClients() {
	for _, nc := range e.benchConns {
		nc.Close()
	}
	e.benchConns = nil
}

// benchAlert is the alert of the benchmark, of a realistic size.
func benchAlert(i int) *vigilv1.BrokeringAlert {
	a := alertA1()
	a.Reference = fmt.Sprintf("BENCH-%d", i)
	return a
}

// benchPayload is the protojson of a StreamItem of the benchmark's alert,
// as the distributor sends it: the raw path's message.
func benchPayload(b *testing.B) []byte {
	a := benchAlert(0)
	si := &vigilv1.StreamItem{Cursor: "djE6MTAwMDA", Position: 10000, EventType: "vigil.v1.AlertRaised",
		Item: &vigilv1.ItemSummary{Kind: vigilv1.ItemKind_ITEM_KIND_ALERT, Id: "bench-0", Originator: "FRA", Reference: a.GetReference(),
			Title: a.GetSummary(), DestinationCountry: "PAK", Countries: []string{"ARE", "PAK", "PAN", "CHN", "MYS"}, ControlCodes: []string{"9.A.6.a"}},
		Parties: a.GetParties(), Route: a.GetRoute(), Vessel: a.GetVessel()}
	data, err := protojson.Marshal(si)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// publishRaw publishes n copies of payload to the raw subject at
// benchRate, from an in-process connection, and returns when each was
// published, by sequence.
func publishRaw(b *testing.B, e *env, payload []byte, n int) map[uint64]time.Time {
	sent := make(map[uint64]time.Time, n)
	raw, err := nats.Connect("", e.nats.InProcessOptions()...)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	start := time.Now()
	for i := range n {
		pace(start, i)
		msg := nats.NewMsg(benchRawSubject)
		msg.Data = payload
		msg.Header.Set("Bench-Seq", strconv.Itoa(i))
		sent[uint64(i)] = time.Now()
		if err := raw.PublishMsg(msg); err != nil {
			b.Fatal(err)
		}
	}
	if err := raw.Flush(); err != nil {
		b.Fatal(err)
	}
	return sent
}

// appendAlerts appends n alerts at benchRate, open loop: each at its
// scheduled time, without waiting for the previous append, so that slow
// appends do not lower the offered load. It returns when each was sent,
// by log position, and reports the append latency under name.
func appendAlerts(b *testing.B, e *env, name string, n int) map[uint64]time.Time {
	sent := make(map[uint64]time.Time, n)
	var mu sync.Mutex
	var appendLat []float64
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		pace(start, i)
		t0 := time.Now()
		wg.Go(func() {
			pos, err := e.log.Append(context.Background(), te.Alert(fmt.Sprintf("bench-%s-%d", name, i), "FRA", te.All(), benchAlert(i)))
			if err != nil {
				if failed.Add(1) == 1 {
					b.Logf("append failed (counted in %s-append-errors): %v", name, err)
				}
				return
			}
			mu.Lock()
			defer mu.Unlock()
			sent[pos] = t0
			appendLat = append(appendLat, float64(time.Since(t0).Microseconds())/1000)
		})
	}
	wg.Wait()
	slices.Sort(appendLat)
	b.ReportMetric(percentile(appendLat, 0.5), name+"-append-p50-ms")
	b.ReportMetric(percentile(appendLat, 0.99), name+"-append-p99-ms")
	b.ReportMetric(float64(failed.Load()), name+"-append-errors")
	return sent
}

// pace sleeps until item i's time at benchRate from start.
func pace(start time.Time, i int) {
	if d := time.Until(start.Add(time.Duration(i) * time.Second / benchRate)); d > 0 {
		time.Sleep(d)
	}
}
