package app_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/screening"
	st "github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

// scrT0 is when the test denials are notified.
var scrT0 = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

const shig = "SHAHID HEMMAT INDUSTRIAL GROUP"

// scr is the screening queries over a projection of a real event store,
// with a clock that tests set.
type scr struct {
	t    *testing.T
	log  *st.Log
	proj *screening.Projection
	app  *app.Screening
	now  time.Time
	pos  uint64
}

// newScreening runs a screening projection over a new store and returns
// the queries over it, with the clock at scrT0 plus a day.
func newScreening(t *testing.T) *scr {
	t.Helper()
	l := st.NewLog(t)
	p := screening.New(l, slog.New(slog.DiscardHandler))
	st.Run(t, p)
	s := &scr{t: t, log: l, proj: p, now: scrT0.AddDate(0, 0, 1)}
	a, err := app.NewScreening(p, app.ScreeningConfig{Now: func() time.Time { return s.now }, Wait: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s.app = a
	return s
}

// notify adds member's denial notice id, notified at scrT0.
func (s *scr) notify(id, member string, n *vigilv1.DenialNotice) {
	s.t.Helper()
	s.pos = s.log.Notified(id, member, scrT0, n)
}

// add appends any event and remembers its position.
func (s *scr) add(pos uint64) { s.pos = pos }

// screen screens name as principal id, after the last event.
func (s *scr) screen(id, name, country string) []app.ScreenMatch {
	s.t.Helper()
	res, err := s.app.Screen(s.t.Context(), app.ScreenQuery{Principal: principalOf(s.t, id), Name: name, Country: country, MinPosition: s.pos})
	if err != nil {
		s.t.Fatalf("Screen(%s, %q): %v", id, name, err)
	}
	if res.Position < s.pos {
		s.t.Fatalf("Screen position %d < %d", res.Position, s.pos)
	}
	return res.Matches
}

// check checks a as principal id, after the last event.
func (s *scr) check(id string, a app.Application) ([]app.DenialMatch, error) {
	s.t.Helper()
	if err := a.Validate(); err != nil {
		s.t.Fatalf("invalid test application: %v", err)
	}
	res, err := s.app.CheckTransaction(s.t.Context(), app.CheckQuery{Principal: principalOf(s.t, id), Application: a, MinPosition: s.pos})
	return res.Matches, err
}

func principalOf(t *testing.T, id string) identity.Principal {
	t.Helper()
	p, err := identity.ParseID(id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// shigNotice is FRA's denial of 3.A.1 to IRN naming SHIG as end-user and
// a UAE consignee, released as rel.
func shigNotice(rel *vigilv1.Releasability) *vigilv1.DenialNotice {
	return st.Denial("FR-2026-0412", "IRN", rel, st.Entries("3.A.1"),
		st.EndUser(shig, "IRN", "SHIG", "SAHAND ALUMINUM PARTS INDUSTRIAL COMPANY"),
		st.Party(vigilv1.PartyRole_PARTY_ROLE_CONSIGNEE, "Pishro Aviation Trading FZE", "ARE"))
}

// jpnApplication is JPN's application for 3.A.1 to IRN naming SHIG under
// another spelling.
func jpnApplication() app.Application {
	return app.Application{Reference: "JP-2027-001", ControlEntries: []model.ControlEntry{{MTCRCode: "3.A.1"}}, Destination: "IRN",
		Parties: []model.Party{{Role: model.RoleEndUser, Name: "Shahid Hemat Industrial Group", Country: "IRN"}}}
}

// ids lists the item ids of a screen match.
func ids(m app.ScreenMatch) []string {
	var out []string
	for _, r := range m.Items {
		out = append(out, r.Kind+":"+r.ID)
	}
	return out
}
