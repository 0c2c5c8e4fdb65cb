package identity

import (
	"crypto/tls"
	"fmt"
)

// loadOrCreate loads the certificate and key at certFile and keyFile.
// If certFile is missing it first calls create and writes the result
// (overwriting a key left behind by an interrupted write). A certificate
// without its key, or one its key does not match, wraps ErrBrokenPKI.
func loadOrCreate(certFile, keyFile string, create func() (keyPair, error)) (tls.Certificate, error) {
	haveCert, err := exists(certFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	if !haveCert {
		pair, err := create()
		if err != nil {
			return tls.Certificate{}, err
		}
		if err := writePair(certFile, keyFile, pair); err != nil {
			return tls.Certificate{}, err
		}
	}
	return loadPair(certFile, keyFile)
}

// loadPair loads a certificate and its matching key; the result has Leaf
// set. Unusable files wrap ErrBrokenPKI.
func loadPair(certFile, keyFile string) (tls.Certificate, error) {
	haveKey, err := exists(keyFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	if !haveKey {
		return tls.Certificate{}, fmt.Errorf("%w: %s exists but %s does not", ErrBrokenPKI, certFile, keyFile)
	}
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("%w: load %s: %w", ErrBrokenPKI, certFile, err)
	}
	if pair.Leaf == nil {
		return tls.Certificate{}, fmt.Errorf("%w: %s: no certificate", ErrBrokenPKI, certFile)
	}
	return pair, nil
}

// writePair writes the key, then the certificate: a certificate file on
// disk always has its key beside it.
func writePair(certFile, keyFile string, pair keyPair) error {
	if err := writeFileAtomic(keyFile, pair.keyPEM, keyMode); err != nil {
		return err
	}
	return writeFileAtomic(certFile, pair.certPEM, certMode)
}
