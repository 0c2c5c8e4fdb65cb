// Command vigil runs the Vigil platform: every service in one process over
// an embedded NATS server (or an external one), with a local data
// directory.
//
//	vigil serve [--data-dir DIR] [--listen HOST:PORT] [--nats URL] [--http HOST:PORT] [--nats-listen HOST:PORT] [--demo] [--dev-picker]
//	vigil rebuild-views [--data-dir DIR] [--nats URL]
//	vigil bench [--duration D] [--clients 1,16,64] [--alert-rate 500] [--example FILE] [--alert FILE]
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vigil-org/vigil/services/vigil/internal/bench"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(ctx, log, os.Args[2:])
	case "rebuild-views":
		err = rebuild(ctx, log, os.Args[2:])
	case "bench":
		err = runBench(ctx, os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		log.Error("vigil", "err", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  vigil serve [--data-dir DIR] [--listen HOST:PORT] [--nats URL] [--http HOST:PORT] [--nats-listen HOST:PORT] [--demo] [--dev-picker]
  vigil rebuild-views [--data-dir DIR] [--nats URL]
  vigil bench [--duration D] [--clients 1,16,64] [--alert-rate 500] [--example FILE] [--alert FILE]`)
	os.Exit(2)
}

func flags(name string, args []string, demo bool) (platform.Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var cfg platform.Config
	fs.StringVar(&cfg.DataDir, "data-dir", "data", "data directory (PKI, NATS store, views)")
	fs.StringVar(&cfg.Listen, "listen", platform.DefaultListen, "gRPC listen address")
	fs.StringVar(&cfg.NATSURL, "nats", "", "external NATS URL (default: embedded server)")
	if demo {
		fs.BoolVar(&cfg.Demo, "demo", false, "seed demonstration items (and turn on the web identity picker)")
		fs.StringVar(&cfg.HTTP, "http", "", "serve the JSON API and web interface over HTTPS on HOST:PORT")
		fs.StringVar(&cfg.NATSListen, "nats-listen", "", "open the embedded NATS server to agencies over TLS on HOST:PORT")
		fs.BoolVar(&cfg.DevPicker, "dev-picker", false, "web interface: development identity picker (implied by --demo)")
		fs.DurationVar(&cfg.ReviewPeriod, "review-period", 0, "denial review period (default 3 years)")
		fs.DurationVar(&cfg.ConsultationPeriod, "consultation-period", 0, "consultation answer period (default 30 days)")
	}
	err := fs.Parse(args)
	cfg.DevPicker = cfg.DevPicker || cfg.Demo
	return cfg, err
}

func serve(ctx context.Context, log *slog.Logger, args []string) error {
	cfg, err := flags("serve", args, true)
	if err != nil {
		return err
	}
	cfg.Logger = log
	p, err := platform.Start(ctx, cfg)
	if err != nil {
		return err
	}
	defer p.Close()
	if cfg.Demo {
		if err := p.SeedDemo(ctx); err != nil {
			return err
		}
	}
	return p.Run(ctx)
}

func rebuild(ctx context.Context, log *slog.Logger, args []string) error {
	cfg, err := flags("rebuild-views", args, false)
	if err != nil {
		return err
	}
	cfg.Logger = log
	return platform.RebuildViews(ctx, cfg)
}

func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	d := fs.Duration("duration", 5*time.Second, "length of each measurement")
	clients := fs.String("clients", "1,16,64", "comma-separated concurrent client counts")
	example := fs.String("example", "examples/denial.json", "notice sent by every notify")
	alert := fs.String("alert", "examples/alert.json", "alert sent by every raise")
	rate := fs.Int("alert-rate", 500, "alerts per second for the alert-to-view latency (0 skips it)")
	minBatch := fs.Int("min-batch", 0, "event store group-commit threshold (0: default)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run (server, NATS and clients) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var cs []int
	for _, c := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("--clients: %q is not a positive number", c)
		}
		cs = append(cs, n)
	}
	return bench.Run(ctx, bench.Config{Duration: *d, Clients: cs, AlertRate: *rate,
		ExampleFile: *example, AlertFile: *alert, MinBatch: *minBatch, Out: os.Stdout})
}
