package natsembed

import (
	"crypto/tls"
	"errors"
	"fmt"
	"time"
)

// Defaults applied by Config.withDefaults.
const (
	// DefaultHost keeps the embedded server off the network unless asked.
	DefaultHost = "127.0.0.1"
	// DefaultPort is the standard NATS client port.
	DefaultPort = 4222
	// RandomPort asks the operating system for a free port (tests).
	RandomPort = -1
	// DefaultReadyTimeout bounds how long Start waits for the server.
	DefaultReadyTimeout = 10 * time.Second
)

// Config describes an embedded NATS server with JetStream. The zero value
// is not valid: StoreDir is required.
type Config struct {
	// StoreDir is the JetStream file-store directory. Required.
	StoreDir string
	// Host is the client listen address; DefaultHost when empty.
	Host string
	// Port is the client port: 0 means DefaultPort, RandomPort (-1) a free
	// port chosen at start (read it back with Server.ClientURL).
	Port int
	// ServerName names the server in logs and JetStream metadata; NATS
	// picks a random one when empty.
	ServerName string
	// ReadyTimeout bounds the wait for the server to accept clients;
	// DefaultReadyTimeout when zero.
	ReadyTimeout time.Duration
	// Debug and Trace turn on the server's verbose logging (to Logger).
	Debug, Trace bool

	// TLS is reserved for client TLS on the listener. It is not
	// implemented yet: Validate rejects a non-nil value so that nobody
	// believes the link is encrypted when it is not.
	TLS *tls.Config
}

// withDefaults returns a copy of c with empty fields set to defaults.
func (c Config) withDefaults() Config {
	if c.Host == "" {
		c.Host = DefaultHost
	}
	if c.Port == 0 {
		c.Port = DefaultPort
	}
	if c.ReadyTimeout == 0 {
		c.ReadyTimeout = DefaultReadyTimeout
	}
	return c
}

// Validate reports every problem with the configuration at once, after
// defaults are applied.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []error
	if c.StoreDir == "" {
		errs = append(errs, errors.New("natsembed: StoreDir is required"))
	}
	if c.Port < RandomPort || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("natsembed: Port %d out of range", c.Port))
	}
	if c.ReadyTimeout < 0 {
		errs = append(errs, fmt.Errorf("natsembed: negative ReadyTimeout %s", c.ReadyTimeout))
	}
	if c.TLS != nil {
		errs = append(errs, errors.New("natsembed: TLS is not supported yet"))
	}
	return errors.Join(errs...)
}
