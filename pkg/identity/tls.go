package identity

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// ErrNoCACertificate reports a CA file that holds no PEM certificate.
var ErrNoCACertificate = errors.New("no CA certificate found")

// ServerTLS returns a server configuration for p: TLS 1.3 at least, the
// server certificate from p, and every client required to present a
// certificate that chains to p's CA and allows client authentication.
// A connection without one fails in the handshake, before any request.
// Each call returns a new configuration.
func ServerTLS(p *PKI) *tls.Config {
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{p.server},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    p.CAPool(),
	}
}

// ClientTLS returns a client configuration: TLS 1.3 at least, the client
// certificate and key from certFile and keyFile, and the server verified
// against the CA certificates in caFile under serverName (for example
// "localhost"). Files that cannot be read or parsed are reported with
// the file name; a CA file without a certificate wraps
// [ErrNoCACertificate].
func ClientTLS(caFile, certFile, keyFile, serverName string) (*tls.Config, error) {
	roots, err := loadCAPool(caFile)
	if err != nil {
		return nil, fmt.Errorf("client tls: %w", err)
	}
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("client tls: load %s: %w", certFile, err)
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{pair},
		RootCAs:      roots,
		ServerName:   serverName,
	}, nil
}

// loadCAPool reads a pool of PEM CA certificates from file.
func loadCAPool(file string) (*x509.CertPool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("%s: %w", file, ErrNoCACertificate)
	}
	return pool, nil
}
