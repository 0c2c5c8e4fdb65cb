package natsembed

import (
	"crypto/tls"
	"errors"
	"fmt"
	"slices"
	"strings"
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

	// DontListen runs the server without a client listener: only
	// in-process connections (see Server.InProcessOptions). Host and Port
	// are then ignored. It cannot be combined with ClientTLS.
	DontListen bool

	// ClientTLS, when set, opens the client listener (Host:Port) to
	// clients outside the process over TLS with nats-server's
	// verify_and_map: every TCP client must present a certificate that
	// chains to ClientTLS.ClientCAs (ClientAuth must be
	// tls.RequireAndVerifyClientCert), and the certificate's subject must
	// name one of Users, whose permissions then apply. Any other
	// certificate is refused. The server then requires authentication of
	// every connection; the process's own connections authenticate with a
	// key that exists only in memory (Server.InProcessOptions) and keep
	// full permissions. Start clones the configuration.
	ClientTLS *tls.Config
	// Users are the clients admitted over the TLS listener. Only with
	// ClientTLS.
	Users []User
}

// User is a client admitted over the TLS listener by its certificate,
// with the only subjects it may use.
type User struct {
	// Subject is the certificate's subject distinguished name as
	// crypto/x509/pkix.Name.String spells it, such as
	// "CN=KOR-customs,OU=customs,O=KOR". nats-server also accepts the
	// attributes in another order.
	Subject string
	// Subscribe lists the subjects (wildcards allowed) the user may
	// subscribe to; any other subscription is refused with a permissions
	// violation.
	Subscribe []string
	// Publish lists the subjects the user may publish to; empty denies
	// every publish.
	Publish []string
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
	errs = append(errs, c.validateTLS()...)
	return errors.Join(errs...)
}

// validateTLS checks ClientTLS, Users and DontListen together.
func (c Config) validateTLS() []error {
	var errs []error
	if c.ClientTLS == nil {
		if len(c.Users) > 0 {
			errs = append(errs, errors.New("natsembed: Users need ClientTLS"))
		}
		return errs
	}
	if c.DontListen {
		errs = append(errs, errors.New("natsembed: ClientTLS needs a listener, DontListen is set"))
	}
	if len(c.ClientTLS.Certificates) == 0 && c.ClientTLS.GetCertificate == nil {
		errs = append(errs, errors.New("natsembed: ClientTLS has no server certificate"))
	}
	if c.ClientTLS.ClientAuth != tls.RequireAndVerifyClientCert || c.ClientTLS.ClientCAs == nil {
		errs = append(errs, errors.New("natsembed: ClientTLS must require and verify client certificates (ClientAuth and ClientCAs)"))
	}
	seen := map[string]bool{}
	for i, u := range c.Users {
		errs = append(errs, u.validate(i, seen)...)
	}
	return errs
}

// validate checks one user; seen collects subjects to find duplicates.
func (u User) validate(i int, seen map[string]bool) []error {
	var errs []error
	switch {
	case strings.TrimSpace(u.Subject) == "":
		errs = append(errs, fmt.Errorf("natsembed: Users[%d]: empty Subject", i))
	case seen[u.Subject]:
		errs = append(errs, fmt.Errorf("natsembed: Users[%d]: duplicate Subject %q", i, u.Subject))
	}
	seen[u.Subject] = true
	for _, s := range slices.Concat(u.Subscribe, u.Publish) {
		if !validSubject(s) {
			errs = append(errs, fmt.Errorf("natsembed: Users[%d]: invalid subject %q", i, s))
		}
	}
	return errs
}

// validSubject reports whether s is a NATS subject or wildcard pattern:
// non-empty dot-separated tokens without whitespace, ">" only last.
func validSubject(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	toks := strings.Split(s, ".")
	for i, tok := range toks {
		if tok == "" || (strings.Contains(tok, ">") && (tok != ">" || i != len(toks)-1)) ||
			(strings.Contains(tok, "*") && tok != "*") {
			return false
		}
	}
	return true
}
