// Package platform runs every Vigil service in one process: the embedded
// NATS server (or a connection to an external one), the JetStream event
// store, the development PKI, and the denials, views, procurement,
// brokering and alerts services on one mutual-TLS gRPC server with
// reflection and health (and, optionally, the HTTPS gateway).
package platform

import (
	"errors"
	"log/slog"
	"net"
	"path/filepath"
	"time"
)

// Config configures the platform.
type Config struct {
	// DataDir holds the PKI, the embedded NATS store and the views.
	DataDir string
	// Listen is the gRPC address.
	Listen string
	// NATSURL, when set, connects to that NATS server instead of starting
	// an embedded one.
	NATSURL string
	// Demo seeds demonstration notices on first start.
	Demo bool
	// NATSListen, when set, opens the embedded NATS server to agencies on
	// HOST:PORT over TLS: each agency authenticates with its client
	// certificate and may subscribe only to its member's and role's
	// subjects (vigil.agencies.<ISO3>.<role>.>).
	NATSListen string
	// HTTP, when set, serves the JSON API and the web interface over HTTPS
	// on that address.
	HTTP string
	// DevPicker turns on the web interface's development identity picker.
	DevPicker bool
	// ReviewPeriod for denial notices; default three years.
	ReviewPeriod time.Duration
	// ConsultationPeriod is how long a denying member has to answer a
	// consultation before it lapses; default 30 days.
	ConsultationPeriod time.Duration
	// ExpiryInterval is how often overdue notices expire; default 1 minute.
	ExpiryInterval time.Duration
	// MinBatch is the event store's group-commit threshold (waiting
	// requests from which they share one atomic batch); 0 is the store's
	// default.
	MinBatch int
	// Now is the clock; default time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// DefaultListen is the default gRPC address: loopback only.
const DefaultListen = "127.0.0.1:8443"

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.DataDir == "" {
		errs = append(errs, errors.New("data dir is required"))
	}
	if _, _, err := net.SplitHostPort(c.Listen); c.Listen != "" && err != nil {
		errs = append(errs, errors.New("listen: want HOST:PORT"))
	}
	if _, _, err := net.SplitHostPort(c.NATSListen); c.NATSListen != "" && err != nil {
		errs = append(errs, errors.New("nats-listen: want HOST:PORT"))
	}
	if c.NATSListen != "" && c.NATSURL != "" {
		errs = append(errs, errors.New("nats-listen opens the embedded server: it cannot be combined with --nats"))
	}
	if c.ReviewPeriod < 0 || c.ExpiryInterval < 0 {
		errs = append(errs, errors.New("durations must not be negative"))
	}
	return errors.Join(errs...)
}

func (c *Config) defaults() {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

func (c Config) pkiDir() string    { return filepath.Join(c.DataDir, "pki") }
func (c Config) natsDir() string   { return filepath.Join(c.DataDir, "nats") }
func (c Config) viewsPath() string { return filepath.Join(c.DataDir, "views", "views.db") }
