package identity

import (
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"
)

// ErrBrokenPKI reports a PKI directory that cannot be used as it is: a
// certificate without its key, a key that does not match its
// certificate, or a certificate not signed by the directory's CA. Remove
// the directory (development only) to start over.
var ErrBrokenPKI = errors.New("development PKI is inconsistent")

// PKI is a development certificate authority and the certificates it has
// issued, kept as files in one directory (see [EnsureDevPKI]).
//
// Its methods are safe for concurrent use within one process; two
// processes must not issue into the same directory at once.
type PKI struct {
	dir    string
	ca     *x509.Certificate
	caKey  crypto.Signer
	pool   *x509.CertPool
	server tls.Certificate
	names  map[string]string // roster names by ID, for Roster
	mu     sync.Mutex        // serialises issuing
}

// EnsureDevPKI makes dir a development PKI and returns it.
//
// If dir/ca.pem and dir/ca-key.pem exist the CA is loaded; otherwise a
// new ECDSA P-256 CA ("Vigil development CA", valid 10 years from now,
// marked development-only) is created. Every roster entry without
// "<ID>.pem" gets a client certificate and key (CN = ID, O = member,
// OU = agency role, client authentication only, valid 2 years). The
// server certificate "server.pem" (localhost, 127.0.0.1, ::1 and the
// host name; server authentication only) is issued if missing.
//
// dir is created with mode 0700, keys are written 0600 and certificates
// 0644, each atomically, key before certificate. Existing files are never
// rewritten, so a second call changes nothing; nor are they renewed when
// they expire. Invalid or duplicate roster IDs wrap [ErrInvalidID];
// unusable existing files wrap [ErrBrokenPKI].
func EnsureDevPKI(dir string, roster []Entry, now time.Time) (*PKI, error) {
	r, err := NewRoster(roster)
	if err != nil {
		return nil, fmt.Errorf("ensure dev pki: %w", err)
	}
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return nil, fmt.Errorf("ensure dev pki: %w", err)
	}
	p := &PKI{dir: dir, names: make(map[string]string)}
	for _, e := range r.Entries() {
		p.names[e.ID] = e.Name
	}
	if err := p.ensure(r.Entries(), now); err != nil {
		return nil, fmt.Errorf("ensure dev pki %s: %w", dir, err)
	}
	return p, nil
}

// ensure loads or creates the CA, then the client and server pairs.
func (p *PKI) ensure(entries []Entry, now time.Time) error {
	if err := p.ensureCA(now); err != nil {
		return err
	}
	for _, e := range entries {
		if _, err := p.ensurePair(e.ID, func() (keyPair, error) { return p.issueClient(e.ID, now) }); err != nil {
			return err
		}
	}
	server, err := p.ensurePair(serverStem, func() (keyPair, error) {
		return issue(serverTemplate(serverHosts(), now), p.ca, p.caKey)
	})
	if err != nil {
		return err
	}
	p.server = server
	return nil
}

// ensureCA loads the CA pair, creating it first if ca.pem is missing.
func (p *PKI) ensureCA(now time.Time) error {
	pair, err := loadOrCreate(certPath(p.dir, caStem), keyPath(p.dir, caStem), func() (keyPair, error) {
		return issue(caTemplate(now), nil, nil)
	})
	if err != nil {
		return err
	}
	if !pair.Leaf.IsCA {
		return fmt.Errorf("%w: %s is not a CA certificate", ErrBrokenPKI, caCertFile)
	}
	key, ok := pair.PrivateKey.(crypto.Signer)
	if !ok {
		return fmt.Errorf("%w: %s is not a signing key", ErrBrokenPKI, caKeyFile)
	}
	p.ca, p.caKey = pair.Leaf, key
	p.pool = x509.NewCertPool()
	p.pool.AddCert(p.ca)
	return nil
}

// ensurePair loads name's pair, issuing it first if its certificate is
// missing, and checks that the CA signed it.
func (p *PKI) ensurePair(name string, create func() (keyPair, error)) (tls.Certificate, error) {
	pair, err := loadOrCreate(certPath(p.dir, name), keyPath(p.dir, name), create)
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := pair.Leaf.CheckSignatureFrom(p.ca); err != nil {
		return tls.Certificate{}, fmt.Errorf("%w: %s%s not signed by %s: %w", ErrBrokenPKI, name, pemExt, caCertFile, err)
	}
	return pair, nil
}

// issueClient issues a client certificate for a valid id.
func (p *PKI) issueClient(id string, now time.Time) (keyPair, error) {
	pr, err := ParseID(id)
	if err != nil {
		return keyPair{}, err
	}
	return issue(clientTemplate(pr, now), p.ca, p.caKey)
}

// IssueClient issues a client certificate and key for principal id
// (valid from now for 2 years) as "<ID>.pem" and "<ID>-key.pem", for
// tests and for agencies added after the first start. It refuses, with
// an error wrapping [fs.ErrExist], to replace an existing certificate or
// key; an invalid id wraps [ErrInvalidID].
func (p *PKI) IssueClient(id string, now time.Time) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	certFile, keyFile := certPath(p.dir, id), keyPath(p.dir, id)
	if _, err := ParseID(id); err != nil {
		return fmt.Errorf("issue client: %w", err)
	}
	if err := refuseExisting(certFile, keyFile); err != nil {
		return fmt.Errorf("issue client %s: %w", id, err)
	}
	pair, err := p.issueClient(id, now)
	if err != nil {
		return fmt.Errorf("issue client %s: %w", id, err)
	}
	return writePair(certFile, keyFile, pair)
}

// refuseExisting returns an error wrapping fs.ErrExist if any of files
// exists.
func refuseExisting(files ...string) error {
	for _, f := range files {
		ok, err := exists(f)
		if err != nil {
			return err
		}
		if ok {
			return &fs.PathError{Op: "create", Path: f, Err: fs.ErrExist}
		}
	}
	return nil
}

// Dir returns the PKI directory.
func (p *PKI) Dir() string { return p.dir }

// CA returns the CA certificate. Callers must not modify it.
func (p *PKI) CA() *x509.Certificate { return p.ca }

// CAPool returns a new pool holding only the CA certificate.
func (p *PKI) CAPool() *x509.CertPool { return p.pool.Clone() }

// serverHosts lists the names the server certificate is valid for.
func serverHosts() []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	if h, err := os.Hostname(); err == nil && h != "" && !slices.Contains(hosts, h) {
		hosts = append(hosts, h)
	}
	return hosts
}
