package alerts

import (
	"fmt"
	"slices"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/natsembed"
	"github.com/vigil-org/vigil/services/alerts/adapters"
)

// NATSUsers returns the NATS users of the roster's principals for the
// embedded server's TLS listener (natsembed.Config.Users): each is
// identified by its client certificate's subject and may subscribe only
// to its own subjects: a member delegation to "<prefix>.members.<M>.>",
// an agency to "<prefix>.agencies.<M>.<role>.>", the need-to-know subset
// of its role. Nobody may publish. An agency whose role has no
// need-to-know entry gets no user, so its certificate is refused. prefix
// is adapters.DefaultSubjectPrefix when empty. Invalid IDs are an error.
func NATSUsers(prefix string, entries []identity.Entry) ([]natsembed.User, error) {
	if prefix == "" {
		prefix = adapters.DefaultSubjectPrefix
	}
	roles := identity.AgencyRoles()
	var out []natsembed.User
	for _, e := range entries {
		p, err := identity.ParseID(e.ID)
		if err != nil {
			return nil, fmt.Errorf("nats users: %w", err)
		}
		switch {
		case !p.IsAgency():
			out = append(out, natsembed.User{Subject: CertificateSubject(p), Subscribe: []string{adapters.MemberWildcard(prefix, p.Member)}})
		case slices.Contains(roles, p.Agency):
			out = append(out, natsembed.User{Subject: CertificateSubject(p), Subscribe: []string{adapters.AgencyWildcard(prefix, p.Member, p.Agency)}})
		}
	}
	return out, nil
}

// CertificateSubject is the subject distinguished name of p's client
// certificate as pkg/identity issues it (CN = ID, O = member, OU = agency
// role), spelled as nats-server's certificate mapping expects:
// "CN=KOR-customs,OU=customs,O=KOR".
func CertificateSubject(p identity.Principal) string {
	return identity.ClientSubject(p).String()
}
