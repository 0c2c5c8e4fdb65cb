// Package identity authenticates Vigil clients: gRPC over mutual TLS only.
//
// Every client presents a certificate issued by the Vigil certificate
// authority. The certificate's CommonName is the principal's ID: a member
// delegation ("FRA", an ISO 3166-1 alpha-3 code) or one of its national
// agencies ("DEU-customs"). The Organization names the member and, for an
// agency, the OrganizationalUnit names its role; both are cross-checked
// against the CommonName.
//
// The pieces:
//   - [Principal] and [ParseID]: who is calling.
//   - [Entry], [Roster] and [DemoRoster]: who may hold a certificate.
//   - [EnsureDevPKI]: a development certificate authority and one client
//     certificate per roster entry under <data-dir>/pki (see [PKIDir] and
//     [ClientFilesFor] for the layout).
//   - [ServerTLS] and [ClientTLS]: TLS 1.3 configurations that require and
//     verify client certificates.
//   - [UnaryServerInterceptor] and [StreamServerInterceptor]: derive the
//     principal from the verified peer certificate and put it in the
//     request context ([FromContext]); [RequireSelf] enforces that a
//     principal acts only as itself.
package identity
