package app_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/screening"
	st "github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

// TestScreen_VisibleItemsOnly: JPN finds SHIG, under other spellings and
// scripts, in FRA's denial and DEU's report, as one party; KOR, which
// may not see the denial, finds it only in the report, without the
// denial's aliases, and not by an alias only the denial gives.
func TestScreen_VisibleItemsOnly(t *testing.T) {
	s := newScreening(t)
	s.notify("d1", "FRA", shigNotice(st.Only("DEU", "JPN")))
	s.add(s.log.Reported("p1", "DEU", scrT0, &vigilv1.ProcurementReport{Reference: "DE-1", DestinationCountry: "IRN",
		Parties: []*vigilv1.Party{st.EndUser("Shahid Hemmat Industrial Group", "IRN")}, Releasability: st.All()}))

	for _, name := range []string{"Shahid Hemat Industrial Group", "Шахид Хеммат Индастриал Груп", "Hemmat Industrial Group, Shahid"} {
		// Scores come from each audience's index, so either record may be
		// the best; both items are listed, best first.
		got := s.screen("JPN", name, "IRN")
		if len(got) != 1 || !slices.Equal(slices.Sorted(slices.Values(ids(got[0]))), []string{"denial:d1", "procurement:p1"}) {
			t.Fatalf("JPN %q: %+v", name, got)
		}
		if m := got[0]; !strings.EqualFold(m.PartyName, shig) || m.Country != "IRN" || !slices.Contains(m.Aliases, "SHIG") ||
			m.Score < match.MatchThreshold || !strings.EqualFold(m.Explanation.MatchedName, shig) || len(m.Explanation.Aligned) < 3 {
			t.Errorf("JPN %q: match %+v", name, m)
		}
	}
	got := s.screen("KOR", "Shahid Hemat Industrial Group", "IRN")
	if len(got) != 1 || !slices.Equal(ids(got[0]), []string{"procurement:p1"}) || len(got[0].Aliases) != 0 {
		t.Fatalf("KOR: %+v", got)
	}
	if got := s.screen("KOR", "SHIG", ""); len(got) != 0 {
		t.Errorf("KOR finds the denial's alias: %+v", got)
	}
	if got := s.screen("JPN", "SHIG", ""); len(got) != 1 || got[0].Explanation.MatchedName != "SHIG" {
		t.Errorf("JPN by alias: %+v", got)
	}
}

// TestScreen_NeedToKnow: an agency matches only the parties of the kinds
// whose parties its role may receive.
func TestScreen_NeedToKnow(t *testing.T) {
	s := newScreening(t)
	parties := []*vigilv1.Party{st.EndUser(shig, "IRN")}
	s.notify("d1", "FRA", shigNotice(st.All()))
	s.log.Reported("p1", "FRA", scrT0, &vigilv1.ProcurementReport{Reference: "R", Parties: parties, Releasability: st.All()})
	s.add(s.log.Raised("a1", "FRA", scrT0, &vigilv1.BrokeringAlert{Reference: "A", Parties: parties, Releasability: st.All()}))
	tests := map[string][]string{
		"JPN":             {"alert:a1", "denial:d1", "procurement:p1"},
		"JPN-licensing":   {"denial:d1", "procurement:p1"},
		"JPN-customs":     {"alert:a1", "denial:d1", "procurement:p1"},
		"JPN-enforcement": {"alert:a1", "procurement:p1"},
		"JPN-unknownrole": nil,
	}
	for id, want := range tests {
		var got []string
		for _, m := range s.screen(id, shig, "") {
			got = append(got, ids(m)...)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s finds %v, want %v", id, got, want)
		}
	}
}

func TestScreen_RankingAndLimit(t *testing.T) {
	s := newScreening(t)
	names := []string{"Alpha Hemmat Trading", "Hemmat Trading Company", "Hemmat Trading", "Hemat Trading"}
	var parties []*vigilv1.Party
	for _, n := range names {
		parties = append(parties, st.EndUser(n, ""))
	}
	s.notify("d1", "FRA", st.Denial("R", "IRN", st.All(), st.Entries("3.A.1"), parties...))
	got := s.screen("JPN", "Hemmat Trading", "")
	if len(got) < 3 || got[0].PartyName != "Hemmat Trading" || got[0].Score != 1 {
		t.Fatalf("matches: %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not ranked: %v after %v", got[i].Score, got[i-1].Score)
		}
	}
	res, err := s.app.Screen(t.Context(), app.ScreenQuery{Principal: principalOf(t, "JPN"), Name: "Hemmat Trading", Limit: 2, MinPosition: s.pos})
	if err != nil || len(res.Matches) != 2 || res.Matches[0].PartyName != got[0].PartyName || res.Matches[1].PartyName != got[1].PartyName {
		t.Errorf("limit 2: %+v, %v", res.Matches, err)
	}
}

func TestScreen_ByIdentifier(t *testing.T) {
	s := newScreening(t)
	p := st.EndUser("Alpha Trading FZE", "ARE")
	p.Identifiers = []*vigilv1.Identifier{{Type: vigilv1.IdentifierType_IDENTIFIER_TYPE_REGISTRATION_NUMBER, Value: "DMCC-123456"}}
	s.notify("d1", "FRA", st.Denial("R", "IRN", st.Only("JPN"), st.Entries("3.A.1"), p))
	q := app.ScreenQuery{Name: "Omega General Trading", MinPosition: s.pos,
		Identifiers: []model.Identifier{{Type: model.IDRegistrationNumber, Value: "dmcc 123456"}}}
	for member, want := range map[string]int{"JPN": 1, "KOR": 0} {
		q.Principal = principalOf(t, member)
		res, err := s.app.Screen(t.Context(), q)
		if err != nil || len(res.Matches) != want {
			t.Fatalf("%s: %+v, %v", member, res.Matches, err)
		}
		if want == 1 && (res.Matches[0].PartyName != "Alpha Trading FZE" || res.Matches[0].Score != 1 || res.Matches[0].Identifier.Value == "") {
			t.Errorf("%s: %+v", member, res.Matches[0])
		}
	}
}

// TestCheckTransaction_Undercut: JPN's application names FRA's denied
// end-user under another spelling, or by an alias: JPN gets the denial
// with why; KOR, which may not see it, and FRA, whose denial it is, get
// nothing.
func TestCheckTransaction_Undercut(t *testing.T) {
	s := newScreening(t)
	s.notify("d1", "FRA", shigNotice(st.Only("DEU", "JPN")))
	got, err := s.check("JPN", jpnApplication())
	if err != nil || len(got) != 1 {
		t.Fatalf("JPN: %+v, %v", got, err)
	}
	m := got[0]
	if m.DenialID != "d1" || m.DenyingMember != "FRA" || m.Reference != "FR-2026-0412" || !m.NotifiedAt.Equal(scrT0) ||
		m.Destination != "IRN" || m.MatchedParty != shig || m.ApplicationParty != "Shahid Hemat Industrial Group" ||
		m.Advisory || !slices.Equal(m.RelatedEntries, []string{"3.A.1 equals 3.A.1"}) {
		t.Errorf("match = %+v", m)
	}
	if m.Score < match.MatchThreshold || m.Explanation.MatchedName != shig || len(m.Explanation.Aligned) != 4 {
		t.Errorf("score %v, explanation %+v", m.Score, m.Explanation)
	}
	for _, part := range []string{"FRA denial FR-2026-0412", "same destination IRN", "3.A.1 equals 3.A.1", `end-user "SHAHID HEMMAT INDUSTRIAL GROUP"`} {
		if !strings.Contains(m.Reason, part) {
			t.Errorf("reason %q lacks %q", m.Reason, part)
		}
	}

	alias := jpnApplication()
	alias.Parties[0] = model.Party{Role: model.RolePurchaser, Name: "Tehran Procurement Office", Aliases: []string{"S.H.I.G."}}
	if got, err := s.check("JPN", alias); err != nil || len(got) != 1 || got[0].Explanation.MatchedName != "SHIG" {
		t.Errorf("JPN by alias: %+v, %v", got, err)
	}
	for _, member := range []string{"KOR", "FRA"} {
		if got, err := s.check(member, jpnApplication()); err != nil || len(got) != 0 {
			t.Errorf("%s: %+v, %v", member, got, err)
		}
		if got, err := s.check(member, alias); err != nil || len(got) != 0 {
			t.Errorf("%s by alias: %+v, %v", member, got, err)
		}
	}
}

// TestCheckTransaction_Rules varies the denial, the application and the
// clock around a match.
func TestCheckTransaction_Rules(t *testing.T) {
	years := func(n int) time.Time { return scrT0.AddDate(n, 0, 0) }
	window := scrT0.Add(app.DefaultDenialWindow)
	tests := []struct {
		name    string
		notice  func(n *vigilv1.DenialNotice)
		app     func(a *app.Application)
		after   func(s *scr) // more events
		now     time.Time
		match   bool
		related []string
	}{
		{name: "same entry", match: true, related: []string{"3.A.1 equals 3.A.1"}},
		{name: "application branch covers the denied entry", app: codes("3.A"), match: true, related: []string{"3.A covers 3.A.1"}},
		{name: "denied entry covers the application's", app: codes("3.A.1.a"), match: true, related: []string{"3.A.1 covers 3.A.1.a"}},
		{name: "one related entry of several", app: codes("9.A.6", "3.A.1.b"), match: true, related: []string{"3.A.1 covers 3.A.1.b"}},
		{name: "sibling entry", app: codes("3.A.2")},
		{name: "no entries against a listed denial", app: codes()},
		{name: "catch-all without entries", notice: catchAll(), app: codes("9.A.6"), match: true},
		{name: "catch-all without entries, unlisted item", notice: catchAll(), app: codes(), match: true},
		{name: "catch-all with unrelated entries", notice: catchAll("3.A.1"), app: codes("3.A.2")},
		{name: "catch-all with related entries", notice: catchAll("3.A.1"), match: true, related: []string{"3.A.1 equals 3.A.1"}},
		{name: "other destination", app: func(a *app.Application) { a.Destination = "SYR" }},
		{name: "other end-user", app: withParty(model.RoleEndUser, "Shahid Bakeri Industrial Group")},
		{name: "consignee matches", app: withParty(model.RoleConsignee, "Pishro Aviation Trading LLC"), match: true, related: []string{"3.A.1 equals 3.A.1"}},
		{name: "denied party is neither end-user nor consignee", notice: func(n *vigilv1.DenialNotice) {
			n.Parties[0].Role = vigilv1.PartyRole_PARTY_ROLE_BROKER
		}},
		{name: "within the window", now: window.Add(-time.Hour), match: true, related: []string{"3.A.1 equals 3.A.1"}},
		{name: "older than the window", now: window.Add(time.Hour)},
		{name: "renewed within the window", after: review(vigilv1.ReviewOutcome_REVIEW_OUTCOME_RENEWED, years(2)), now: years(4),
			match: true, related: []string{"3.A.1 equals 3.A.1"}},
		{name: "revoked", after: review(vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED, scrT0.Add(time.Hour))},
		{name: "expired", after: func(s *scr) {
			s.add(s.log.Add(screening.KindDenial, "d1", "FRA", st.All(), years(3), &vigilv1.DenialExpired{DenialId: "d1"}))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScreening(t)
			n := shigNotice(st.All())
			apply(n, tt.notice)
			s.notify("d1", "FRA", n)
			if tt.after != nil {
				tt.after(s)
			}
			if !tt.now.IsZero() {
				s.now = tt.now
			}
			a := jpnApplication()
			apply(&a, tt.app)
			got, err := s.check("JPN", a)
			if err != nil || len(got) != map[bool]int{true: 1}[tt.match] {
				t.Fatalf("matches %+v, %v; want match %v", got, err, tt.match)
			}
			if tt.match && (!slices.Equal(got[0].RelatedEntries, tt.related) || got[0].Advisory != (n.GetBasis() == vigilv1.DenialBasis_DENIAL_BASIS_CATCH_ALL)) {
				t.Errorf("related %q advisory %v", got[0].RelatedEntries, got[0].Advisory)
			}
		})
	}
}

func apply[T any](v *T, f func(*T)) {
	if f != nil {
		f(v)
	}
}

func codes(cs ...string) func(a *app.Application) {
	return func(a *app.Application) {
		a.ControlEntries = nil
		for _, c := range cs {
			a.ControlEntries = append(a.ControlEntries, model.ControlEntry{MTCRCode: c})
		}
	}
}

func withParty(role model.PartyRole, name string) func(a *app.Application) {
	return func(a *app.Application) { a.Parties = []model.Party{{Role: role, Name: name}} }
}

func catchAll(entries ...string) func(n *vigilv1.DenialNotice) {
	return func(n *vigilv1.DenialNotice) {
		n.Basis, n.ControlEntries = vigilv1.DenialBasis_DENIAL_BASIS_CATCH_ALL, st.Entries(entries...)
	}
}

func review(outcome vigilv1.ReviewOutcome, at time.Time) func(s *scr) {
	return func(s *scr) {
		s.add(s.log.Add(screening.KindDenial, "d1", "FRA", st.All(), at, &vigilv1.DenialReviewed{DenialId: "d1", Outcome: outcome}))
	}
}

func TestCheckTransaction_Order(t *testing.T) {
	s := newScreening(t)
	s.notify("d1", "FRA", st.Denial("FR-1", "IRN", st.All(), st.Entries("3.A.1"), st.EndUser("Shahid Hemmat Industrial Group Tehran", "IRN")))
	s.notify("d2", "DEU", shigNotice(st.All()))
	s.notify("d3", "USA", shigNotice(st.Only("KOR")))
	got, err := s.check("JPN", jpnApplication())
	if err != nil || len(got) != 2 || got[0].DenialID != "d2" || got[1].DenialID != "d1" || got[0].Score < got[1].Score {
		t.Fatalf("matches %+v, %v", got, err)
	}
}

func TestCheckTransaction_NeedToKnow(t *testing.T) {
	s := newScreening(t)
	s.notify("d1", "FRA", shigNotice(st.Only("JPN")))
	for id, want := range map[string]error{"JPN-licensing": nil, "JPN-customs": nil, "JPN-enforcement": app.ErrNoDenialAccess} {
		got, err := s.check(id, jpnApplication())
		if !errors.Is(err, want) || (want == nil && len(got) != 1) {
			t.Errorf("%s: %+v, %v", id, got, err)
		}
	}
}

func TestScreening_Behind(t *testing.T) {
	s := newScreening(t)
	s.notify("d1", "FRA", shigNotice(st.All()))
	a, err := app.NewScreening(screening.New(s.log, nil), app.ScreeningConfig{Wait: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	q := app.ScreenQuery{Principal: principalOf(t, "JPN"), Name: shig}
	if _, err := a.Screen(t.Context(), q); !errors.Is(err, app.ErrBehind) {
		t.Errorf("not running: %v, want ErrBehind", err)
	}
	running, err := app.NewScreening(s.proj, app.ScreeningConfig{Wait: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	q.MinPosition = s.pos + 100
	if _, err := running.Screen(t.Context(), q); !errors.Is(err, app.ErrBehind) {
		t.Errorf("a position beyond the log: %v, want ErrBehind", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.app.Screen(ctx, q); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestScreeningConfig_Validate(t *testing.T) {
	bad := app.ScreeningConfig{Window: -1, Threshold: 1.5, MinScore: -0.1}
	err := bad.Validate()
	for _, want := range []string{"durations", "Threshold", "MinScore"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to mention %s", err, want)
		}
	}
	if err := (app.ScreeningConfig{}).Validate(); err != nil {
		t.Errorf("zero config: %v", err)
	}
}
