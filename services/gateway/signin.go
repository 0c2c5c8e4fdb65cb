package gateway

import (
	"log/slog"
	"net/http"

	"github.com/vigil-org/vigil/pkg/identity"
)

// signinData is what the sign-in page shows.
type signinData struct {
	Static   string
	Dev      bool
	Next     string
	Current  *session
	Members  []identity.Entry
	Agencies []identity.Entry
	Error    string
}

// signin serves the sign-in page and, in development mode, the identity
// picker's form.
type signin struct {
	pages *pages
	auth  *authenticator
	log   *slog.Logger
}

// page shows how to sign in: with a client certificate and, in
// development mode, by picking a roster identity.
func (s *signin) page(w http.ResponseWriter, r *http.Request) {
	s.show(w, r, http.StatusOK, "")
}

// show renders the sign-in page with an optional error.
func (s *signin) show(w http.ResponseWriter, r *http.Request, status int, msg string) {
	data := signinData{Static: s.pages.static, Dev: s.auth.dev != nil, Next: safeNext(r.FormValue("next")), Error: msg}
	if cur, ok := s.auth.authenticate(r); ok {
		data.Current = &cur
	}
	if s.auth.dev != nil {
		entries, err := s.auth.dev.entries()
		if err != nil {
			s.log.Error("identity picker roster", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		data.Members, data.Agencies = splitRoster(entries)
	}
	render(w, s.pages.signin, status, data)
}

// splitRoster separates member delegations from agencies, keeping order.
func splitRoster(entries []identity.Entry) (members, agencies []identity.Entry) {
	for _, e := range entries {
		if p, err := identity.ParseID(e.ID); err == nil && p.IsAgency() {
			agencies = append(agencies, e)
		} else {
			members = append(members, e)
		}
	}
	return members, agencies
}

// pick sets the development identity cookie for a roster ID and sends
// the browser on. Outside development mode it answers 404.
func (s *signin) pick(w http.ResponseWriter, r *http.Request) {
	if s.auth.dev == nil {
		http.Error(w, "the development identity picker is off", http.StatusNotFound)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	id := r.PostFormValue("id")
	if _, err := s.auth.dev.entries(); err != nil {
		s.log.Error("identity picker roster", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	e, ok := s.auth.dev.lookup(id)
	if !ok || !s.auth.admits(identity.Principal{ID: e.ID}) {
		s.show(w, r, http.StatusBadRequest, "Choose an identity from the list.")
		return
	}
	http.SetCookie(w, s.auth.dev.cookie(e.ID))
	s.log.Warn("development identity picked", "id", e.ID)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

// signout forgets the development identity. A client certificate stays
// in force: the browser must stop presenting it.
func (s *signin) signout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, clearCookie())
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}
