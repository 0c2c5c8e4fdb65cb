package gateway

import (
	"context"
	"net/http"
	"net/url"

	"github.com/vigil-org/vigil/pkg/identity"
)

// session is how a request was authenticated.
type session struct {
	Principal identity.Principal
	// Name is the roster's name for the principal, or its ID.
	Name string
	// Picked is true when the principal comes from the development
	// identity picker rather than a client certificate.
	Picked bool
}

// sessionKey is the request-context key of the session.
type sessionKey struct{}

// withSession returns ctx carrying s and s's principal (for
// identity.FromContext).
func withSession(ctx context.Context, s session) context.Context {
	return identity.NewContext(context.WithValue(ctx, sessionKey{}, s), s.Principal)
}

// sessionFrom returns the request's session, if it was authenticated.
func sessionFrom(ctx context.Context) (session, bool) {
	s, ok := ctx.Value(sessionKey{}).(session)
	return s, ok
}

// authenticator derives a request's session from its verified client
// certificate or, in development mode, its identity cookie.
type authenticator struct {
	roster *identity.Roster // optional admission list
	names  *identity.Roster // display names; may be nil
	dev    *devPicker       // nil unless development mode
}

// authenticate returns the request's session. A certificate that chains
// to the CA but names no valid or admitted principal authenticates
// nobody, even if a development cookie is present.
func (a *authenticator) authenticate(r *http.Request) (session, bool) {
	if r.TLS != nil && len(r.TLS.VerifiedChains) > 0 && len(r.TLS.VerifiedChains[0]) > 0 {
		p, err := identity.PrincipalFromCertificate(r.TLS.VerifiedChains[0][0])
		if err != nil || !a.admits(p) {
			return session{}, false
		}
		return session{Principal: p, Name: a.nameOf(p.ID)}, true
	}
	if a.dev == nil {
		return session{}, false
	}
	p, ok := a.dev.principal(r)
	if !ok || !a.admits(p) {
		return session{}, false
	}
	return session{Principal: p, Name: a.dev.nameOf(p.ID), Picked: true}, true
}

// admits reports whether p may use the gateway: anyone without a roster,
// otherwise only the roster's principals.
func (a *authenticator) admits(p identity.Principal) bool {
	if a.roster == nil {
		return true
	}
	_, ok := a.roster.Lookup(p.ID)
	return ok
}

// nameOf returns the roster name of id when one is known, else id.
func (a *authenticator) nameOf(id string) string {
	for _, r := range []*identity.Roster{a.roster, a.names} {
		if e, ok := r.Lookup(id); ok && e.Name != "" {
			return e.Name
		}
	}
	if a.dev != nil {
		return a.dev.nameOf(id)
	}
	return id
}

// requireAPI answers 401 with a JSON error (in the API's error shape)
// when the request is not authenticated.
func (a *authenticator) requireAPI(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := a.authenticate(r)
		if !ok {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"code":16,"message":"client certificate required","details":[]}` + "\n"))
			return
		}
		next.ServeHTTP(w, r.WithContext(withSession(r.Context(), s)))
	})
}

// requirePage redirects an unauthenticated request to the sign-in page,
// which sends the browser back to the requested page afterwards.
func (a *authenticator) requirePage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := a.authenticate(r)
		if !ok {
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r.WithContext(withSession(r.Context(), s)))
	})
}
