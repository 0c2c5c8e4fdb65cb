package natsembed

import (
	"fmt"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"
)

// Connection types of nats-server's allowed_connection_types
// (github.com/nats-io/jwt/v2 ConnectionTypeStandard and
// ConnectionTypeInProcess).
const (
	connStandard  = "STANDARD"
	connInProcess = "IN_PROCESS"
)

// internalUser is the identity of the process's own connections when the
// server requires authentication: an nkey created at start and never
// written anywhere, allowed only on in-process connections, with full
// permissions. nats-server checks an nkey before certificate mapping, so
// the in-process connection needs no certificate.
type internalUser struct {
	kp  nkeys.KeyPair
	pub string
}

// newInternalUser creates a fresh user key.
func newInternalUser() (*internalUser, error) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		return nil, fmt.Errorf("natsembed: internal user key: %w", err)
	}
	pub, err := kp.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("natsembed: internal user key: %w", err)
	}
	return &internalUser{kp: kp, pub: pub}, nil
}

// option is the nats.go option that authenticates as the internal user.
func (u *internalUser) option() nats.Option {
	return nats.Nkey(u.pub, u.kp.Sign)
}

// applyAuth sets the TLS listener with certificate mapping, the mapped
// users and the internal user on opts. cfg.ClientTLS must be set.
func applyAuth(opts *server.Options, cfg Config, internal *internalUser) {
	opts.TLSConfig = cfg.ClientTLS.Clone()
	opts.TLS, opts.TLSVerify, opts.TLSMap = true, true, true
	opts.Nkeys = []*server.NkeyUser{{
		Nkey:                   internal.pub,
		AllowedConnectionTypes: map[string]struct{}{connInProcess: {}},
	}}
	for _, u := range cfg.Users {
		opts.Users = append(opts.Users, mappedUser(u))
	}
}

// mappedUser is a certificate-mapped user with exactly u's permissions,
// over standard (TCP) connections only.
func mappedUser(u User) *server.User {
	pub := &server.SubjectPermission{Allow: u.Publish}
	if len(u.Publish) == 0 {
		pub = &server.SubjectPermission{Deny: []string{">"}}
	}
	sub := &server.SubjectPermission{Allow: u.Subscribe}
	if len(u.Subscribe) == 0 {
		sub = &server.SubjectPermission{Deny: []string{">"}}
	}
	return &server.User{
		Username:               u.Subject,
		Permissions:            &server.Permissions{Publish: pub, Subscribe: sub},
		AllowedConnectionTypes: map[string]struct{}{connStandard: {}},
	}
}
