package identity

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"net"
	"time"
)

// Certificate parameters of the development PKI.
const (
	caCommonName     = "Vigil development CA"
	devOrganization  = "Vigil DEVELOPMENT ONLY - do not trust in production"
	serverCommonName = "Vigil development server"
	caYears          = 10
	leafYears        = 2
	// backdate tolerates clock skew between the issuer and its peers.
	backdate = time.Hour
)

// keyPair is a freshly issued certificate and its private key, in PEM.
type keyPair struct {
	certPEM []byte
	keyPEM  []byte
}

// caTemplate describes the self-signed development CA.
func caTemplate(now time.Time) *x509.Certificate {
	return &x509.Certificate{
		Subject: pkix.Name{
			CommonName:         caCommonName,
			Organization:       []string{devOrganization},
			OrganizationalUnit: []string{"development-only"},
		},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.AddDate(caYears, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		MaxPathLenZero:        true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
}

// ClientSubject is the subject of p's client certificate: CN = ID,
// O = member, OU = agency role (agencies only).
func ClientSubject(p Principal) pkix.Name {
	subject := pkix.Name{CommonName: p.ID, Organization: []string{p.Member}}
	if p.IsAgency() {
		subject.OrganizationalUnit = []string{p.Agency}
	}
	return subject
}

// clientTemplate describes p's client certificate, with subject
// ClientSubject(p).
func clientTemplate(p Principal, now time.Time) *x509.Certificate {
	return &x509.Certificate{
		Subject:               ClientSubject(p),
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.AddDate(leafYears, 0, 0),
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
}

// serverTemplate describes the server certificate for hosts (DNS names
// or IP addresses).
func serverTemplate(hosts []string, now time.Time) *x509.Certificate {
	t := &x509.Certificate{
		Subject:               pkix.Name{CommonName: serverCommonName, Organization: []string{devOrganization}},
		NotBefore:             now.Add(-backdate),
		NotAfter:              now.AddDate(leafYears, 0, 0),
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			t.IPAddresses = append(t.IPAddresses, ip)
		} else {
			t.DNSNames = append(t.DNSNames, h)
		}
	}
	return t
}

// issue creates a new P-256 key and a certificate from tmpl signed by
// parent/parentKey; with a nil parent the certificate is self-signed.
// The serial number is chosen by crypto/x509 (random, RFC 5280).
func issue(tmpl, parent *x509.Certificate, parentKey crypto.Signer) (keyPair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return keyPair{}, fmt.Errorf("generate key: %w", err)
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return keyPair{}, fmt.Errorf("create certificate %q: %w", tmpl.Subject.CommonName, err)
	}
	return encodePair(der, key)
}

// encodePair PEM-encodes a certificate and its key (PKCS #8).
func encodePair(der []byte, key *ecdsa.PrivateKey) (keyPair, error) {
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return keyPair{}, fmt.Errorf("marshal key: %w", err)
	}
	return keyPair{
		certPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		keyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}),
	}, nil
}
