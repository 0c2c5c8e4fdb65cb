// Package bench measures durable notify throughput and latency through
// gRPC beside raw JetStream sync-always publishing of the same payload
// size, in the same process and run, and renders a markdown table.
package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"
)

// Config sets the benchmark's shape.
type Config struct {
	Duration time.Duration
	Clients  []int
	// AlertRate is the arrival rate of the alert-to-view measurement; 0
	// skips it.
	AlertRate int
	// ExampleFile is the notice every notify sends; AlertFile the alert
	// every raise sends.
	ExampleFile, AlertFile string
	// MinBatch is passed to the platform's event store (0: its default).
	MinBatch int
	Out      io.Writer
}

// Sample is the outcome of one measured run.
type Sample struct {
	// FirstError is the first error seen, for the report.
	FirstError string
	Name       string
	Clients    int
	Ops        int
	Errors     int
	Elapsed    time.Duration
	// CPU is the process's CPU time (user and system, every goroutine:
	// server, embedded NATS and the load generator) during the run.
	CPU       time.Duration
	latencies []time.Duration
}

// Cores is the average number of CPUs the process kept busy.
func (s Sample) Cores() float64 { return s.CPU.Seconds() / s.Elapsed.Seconds() }

// processCPU returns the CPU time the process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Rate is operations per second.
func (s Sample) Rate() float64 { return float64(s.Ops) / s.Elapsed.Seconds() }

// Quantile returns the q-quantile of the latencies.
func (s Sample) Quantile(q float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	l := slices.Clone(s.latencies)
	slices.Sort(l)
	return l[min(len(l)-1, int(q*float64(len(l))))]
}

// drive runs op from n goroutines for d and collects latencies. Calls in
// flight when d ends complete normally (they are not cancelled), so the
// end of the window produces no spurious errors.
func drive(ctx context.Context, name string, n int, d time.Duration, op func(ctx context.Context, worker, i int) error) Sample {
	stop := time.Now().Add(d)
	var mu sync.Mutex
	s := Sample{Name: name, Clients: n}
	start, cpu0 := time.Now(), processCPU()
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			var lat []time.Duration
			errs, firstErr := 0, ""
			for i := 0; time.Now().Before(stop) && ctx.Err() == nil; i++ {
				t0 := time.Now()
				if err := op(ctx, w, i); err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
					continue
				}
				lat = append(lat, time.Since(t0))
			}
			mu.Lock()
			s.latencies, s.Errors = append(s.latencies, lat...), s.Errors+errs
			if s.FirstError == "" {
				s.FirstError = firstErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	s.Elapsed, s.Ops, s.CPU = time.Since(start), len(s.latencies), processCPU()-cpu0
	return s
}

// Run executes every measurement and writes the markdown report.
func Run(ctx context.Context, cfg Config) error {
	dir, err := os.MkdirTemp("", "vigil-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	log := slog.New(slog.DiscardHandler)
	raw, size, err := rawPublish(ctx, filepath.Join(dir, "raw"), cfg, log)
	if err != nil {
		return fmt.Errorf("raw JetStream: %w", err)
	}
	notify, err := notifyThroughGRPC(ctx, filepath.Join(dir, "vigil"), cfg, log)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	report(cfg.Out, cfg, size, raw, notify)
	return nil
}

func report(w io.Writer, cfg Config, size int, raw, notify []Sample) {
	base := raw[0].Rate()
	host, _ := os.Hostname()
	fmt.Fprintf(w, "Run %s on %s (%s/%s, %d CPUs, %s), %s per measurement, payload %d bytes (the stored envelope of %s).\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), host, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), cfg.Duration, size, cfg.ExampleFile)
	fmt.Fprintln(w, "| what | clients (or rate) | ops/s | p50 | p99 | errors | CPUs busy | ops/s vs raw single publish |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range append(raw, notify...) {
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %d | %.2f | %.2fx |\n", s.Name, s.Clients, s.Rate(),
			ms(s.Quantile(0.50)), ms(s.Quantile(0.99)), s.Errors, s.Cores(), s.Rate()/base)
	}
	for _, s := range append(raw, notify...) {
		if s.FirstError != "" {
			fmt.Fprintf(w, "\nFirst error of %q at %d: %s\n", s.Name, s.Clients, s.FirstError)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
