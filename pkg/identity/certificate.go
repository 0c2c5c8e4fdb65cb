package identity

import (
	"crypto/x509"
	"errors"
	"fmt"
	"slices"
)

// ErrCertificateMismatch reports a certificate whose subject fields
// disagree with its CommonName.
var ErrCertificateMismatch = errors.New("certificate subject does not match its id")

// PrincipalFromCertificate derives the principal from a verified leaf
// certificate: the CommonName is the ID (see [ParseID]), the sole
// Organization must be its member code, and the OrganizationalUnit must be
// exactly the agency role for an agency and absent for a member. It does
// not verify the certificate's chain; callers pass a verified one. Errors
// wrap [ErrInvalidID] or [ErrCertificateMismatch].
func PrincipalFromCertificate(cert *x509.Certificate) (Principal, error) {
	p, err := ParseID(cert.Subject.CommonName)
	if err != nil {
		return Principal{}, fmt.Errorf("certificate: %w", err)
	}
	if !slices.Equal(cert.Subject.Organization, []string{p.Member}) {
		return Principal{}, fmt.Errorf("%w: %s: organization %q", ErrCertificateMismatch, p.ID, cert.Subject.Organization)
	}
	var units []string
	if p.IsAgency() {
		units = []string{p.Agency}
	}
	if !slices.Equal(cert.Subject.OrganizationalUnit, units) {
		return Principal{}, fmt.Errorf("%w: %s: organizational unit %q", ErrCertificateMismatch, p.ID, cert.Subject.OrganizationalUnit)
	}
	return p, nil
}
