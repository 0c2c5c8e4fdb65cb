package gateway

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"time"

	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/identity"
)

// DefaultListen is the default HTTPS address: loopback only.
const DefaultListen = "127.0.0.1:8444"

// Defaults of the optional Config fields.
const (
	// DefaultMaxBodyBytes caps an API request body, like the gRPC
	// server's maximum message size.
	DefaultMaxBodyBytes = 4 << 20
	// DefaultDevSessionTTL is how long a development identity choice
	// lasts.
	DefaultDevSessionTTL = 12 * time.Hour
	// shutdownGrace bounds the graceful part of a shutdown.
	shutdownGrace = 5 * time.Second
)

// Config configures a Gateway. PKI and at least one Register function are
// required; every other field has a default.
type Config struct {
	// Listen is the HTTPS address, HOST:PORT (port 0 picks a free one).
	// Default DefaultListen.
	Listen string
	// PKI is the development certificate authority: client certificates
	// must chain to its CA, and the server certificate comes from its
	// directory unless CertFile and KeyFile are set.
	PKI *identity.PKI
	// CertFile and KeyFile are the server certificate and key (PEM).
	// Default <PKI dir>/server.pem and <PKI dir>/server-key.pem. Set both
	// or neither.
	CertFile, KeyFile string
	// Roster, when set, admits only its principals (a certificate for
	// anyone else is refused) and lists the development identity picker's
	// choices. When nil every principal with a valid certificate is
	// admitted and the picker lists the PKI directory's roster
	// ([identity.PKI.Roster]).
	Roster *identity.Roster
	// Dev enables the development identity picker. Never in production.
	Dev bool
	// DevSessionTTL is the lifetime of a picked identity; default
	// DefaultDevSessionTTL.
	DevSessionTTL time.Duration
	// Register adds services to the gateway's internal gRPC server, for
	// example (*denials.Service).Register. Each is called once, by New.
	Register []func(grpc.ServiceRegistrar)
	// MaxBodyBytes caps an API request body; default DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Now is the clock for development sessions; default time.Now.
	Now func() time.Time
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

// Validate reports every configuration problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.PKI == nil {
		errs = append(errs, errors.New("gateway: PKI is required"))
	}
	if len(c.Register) == 0 {
		errs = append(errs, errors.New("gateway: Register needs at least one service"))
	}
	for i, r := range c.Register {
		if r == nil {
			errs = append(errs, fmt.Errorf("gateway: Register[%d] is nil", i))
		}
	}
	if _, _, err := net.SplitHostPort(c.Listen); c.Listen != "" && err != nil {
		errs = append(errs, errors.New("gateway: Listen: want HOST:PORT"))
	}
	if (c.CertFile == "") != (c.KeyFile == "") {
		errs = append(errs, errors.New("gateway: set both CertFile and KeyFile, or neither"))
	}
	if c.DevSessionTTL < 0 || c.MaxBodyBytes < 0 {
		errs = append(errs, errors.New("gateway: DevSessionTTL and MaxBodyBytes must not be negative"))
	}
	return errors.Join(errs...)
}

// withDefaults returns c with every unset optional field filled in. It
// expects a valid c.
func (c Config) withDefaults() Config {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.CertFile == "" {
		c.CertFile = filepath.Join(c.PKI.Dir(), "server.pem")
		c.KeyFile = filepath.Join(c.PKI.Dir(), "server-key.pem")
	}
	if c.DevSessionTTL == 0 {
		c.DevSessionTTL = DefaultDevSessionTTL
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
