package ports_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/ports"
	"github.com/vigil-org/vigil/services/views/screening"
	st "github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

var scrT0 = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

// newScreeningServer returns the screening handlers over a projection of
// FRA's denial naming SHIG, released to JPN, and the log's last position.
func newScreeningServer(t *testing.T) (*ports.ScreeningServer, uint64) {
	t.Helper()
	l := st.NewLog(t)
	pos := l.Notified("d1", "FRA", scrT0, st.Denial("FR-2026-0412", "IRN", st.Only("JPN"), st.Entries("3.A.1"),
		st.EndUser("SHAHID HEMMAT INDUSTRIAL GROUP", "IRN", "SHIG")))
	p := screening.New(l, slog.New(slog.DiscardHandler))
	st.Run(t, p)
	a, err := app.NewScreening(p, app.ScreeningConfig{Now: func() time.Time { return scrT0.AddDate(0, 1, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	return ports.NewScreeningServer(ports.NewServer(nil, slog.New(slog.DiscardHandler)), a), pos
}

// asPrincipal is a context authenticated as principal id.
func asPrincipal(t *testing.T, id string) context.Context {
	p, err := identity.ParseID(id)
	if err != nil {
		t.Fatal(err)
	}
	return identity.NewContext(t.Context(), p)
}

// wantStatus fails unless err has code and its message names every field.
func wantStatus(t *testing.T, err error, code codes.Code, fields ...string) {
	t.Helper()
	if status.Code(err) != code {
		t.Fatalf("err = %v, want %v", err, code)
	}
	for _, f := range fields {
		if !strings.Contains(status.Convert(err).Message(), f+":") {
			t.Errorf("message %q does not name %s", status.Convert(err).Message(), f)
		}
	}
}

func TestScreen_Validation(t *testing.T) {
	srv, _ := newScreeningServer(t)
	tests := []struct {
		name  string
		req   *vigilv1.ScreenRequest
		field string
	}{
		{"no name", &vigilv1.ScreenRequest{}, "name"},
		{"blank name", &vigilv1.ScreenRequest{Name: "  "}, "name"},
		{"long name", &vigilv1.ScreenRequest{Name: strings.Repeat("a", 257)}, "name"},
		{"invalid UTF-8", &vigilv1.ScreenRequest{Name: "Sha\xffhid"}, "name"},
		{"control character", &vigilv1.ScreenRequest{Name: "Shahid\x07"}, "name"},
		{"country", &vigilv1.ScreenRequest{Name: "Shahid", Country: "IR"}, "country"},
		{"negative limit", &vigilv1.ScreenRequest{Name: "Shahid", Limit: -1}, "limit"},
		{"limit above the maximum", &vigilv1.ScreenRequest{Name: "Shahid", Limit: 101}, "limit"},
		{"identifier", &vigilv1.ScreenRequest{Name: "Shahid", Identifiers: []*vigilv1.Identifier{{Value: "X1"}}}, "identifiers[0].type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := srv.Screen(asPrincipal(t, "JPN"), tt.req)
			wantStatus(t, err, codes.InvalidArgument, tt.field)
		})
	}
	_, err := srv.Screen(t.Context(), &vigilv1.ScreenRequest{Name: "Shahid"})
	wantStatus(t, err, codes.Unauthenticated)
}

func TestScreen_Response(t *testing.T) {
	srv, pos := newScreeningServer(t)
	res, err := srv.Screen(asPrincipal(t, "JPN"), &vigilv1.ScreenRequest{Name: "Shahid Hemat Industrial Group", Country: "IRN", MinPosition: pos})
	if err != nil || len(res.GetMatches()) != 1 || res.GetPosition() < pos {
		t.Fatalf("Screen = %v, %v", res, err)
	}
	m := res.GetMatches()[0]
	e := m.GetExplanation()
	if m.GetPartyName() != "SHAHID HEMMAT INDUSTRIAL GROUP" || m.GetAliases()[0] != "SHIG" || m.GetCountry() != "IRN" ||
		len(m.GetItems()) != 1 || m.GetItems()[0].GetKind() != vigilv1.ItemKind_ITEM_KIND_DENIAL || m.GetItems()[0].GetId() != "d1" {
		t.Errorf("match = %v", m)
	}
	if e.GetMatchedName() != "SHAHID HEMMAT INDUSTRIAL GROUP" || e.GetNormalisedQuery() != "shahid hemat industrial group" ||
		len(e.GetAligned()) != 4 || e.GetAligned()[1].GetHow() == "" {
		t.Errorf("explanation = %v", e)
	}
	for _, k := range []string{"token_similarity", "query_coverage", "candidate_coverage", "coverage_penalty", "order_penalty", "country_bonus"} {
		if _, ok := e.GetParts()[k]; !ok {
			t.Errorf("parts lack %s: %v", k, e.GetParts())
		}
	}
	if res, err := srv.Screen(asPrincipal(t, "KOR"), &vigilv1.ScreenRequest{Name: "SHIG", MinPosition: pos}); err != nil || len(res.GetMatches()) != 0 {
		t.Errorf("KOR: %v, %v", res, err)
	}
}

func TestScreen_Behind(t *testing.T) {
	l := st.NewLog(t)
	a, err := app.NewScreening(screening.New(l, nil), app.ScreeningConfig{Wait: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := ports.NewScreeningServer(ports.NewServer(nil, slog.New(slog.DiscardHandler)), a)
	_, err = srv.Screen(asPrincipal(t, "JPN"), &vigilv1.ScreenRequest{Name: "Shahid"})
	wantStatus(t, err, codes.Unavailable)
}

// application is JPN's application naming SHIG under another spelling.
func application() *vigilv1.LicenceApplication {
	return &vigilv1.LicenceApplication{Reference: "JP-1", ControlEntries: st.Entries("3.A.1.a"), DestinationCountry: "IRN",
		Parties: []*vigilv1.Party{st.EndUser("Shahid Hemat Industrial Group", "IRN")}}
}

func TestCheckTransaction_Validation(t *testing.T) {
	srv, _ := newScreeningServer(t)
	_, err := srv.CheckTransaction(asPrincipal(t, "JPN"), &vigilv1.CheckTransactionRequest{})
	wantStatus(t, err, codes.InvalidArgument, "application.destination_country", "application.parties")
	bad := application()
	bad.ControlEntries = st.Entries("3.Z.1", "")
	bad.DestinationCountry = "ZZZ"
	bad.Parties = append(bad.Parties, &vigilv1.Party{Name: "\x00"})
	_, err = srv.CheckTransaction(asPrincipal(t, "JPN"), &vigilv1.CheckTransactionRequest{Application: bad})
	wantStatus(t, err, codes.InvalidArgument, "application.control_entries[0].mtcr_code", "application.control_entries[1].mtcr_code",
		"application.destination_country", "application.parties[1].role", "application.parties[1].name")
	_, err = srv.CheckTransaction(t.Context(), &vigilv1.CheckTransactionRequest{Application: application()})
	wantStatus(t, err, codes.Unauthenticated)
	_, err = srv.CheckTransaction(asPrincipal(t, "JPN-enforcement"), &vigilv1.CheckTransactionRequest{Application: application()})
	wantStatus(t, err, codes.PermissionDenied)
}

func TestCheckTransaction_Response(t *testing.T) {
	srv, pos := newScreeningServer(t)
	res, err := srv.CheckTransaction(asPrincipal(t, "JPN"), &vigilv1.CheckTransactionRequest{Application: application(), MinPosition: pos})
	if err != nil || len(res.GetMatches()) != 1 {
		t.Fatalf("CheckTransaction = %v, %v", res, err)
	}
	m := res.GetMatches()[0]
	if m.GetDenialId() != "d1" || m.GetDenyingMember() != "FRA" || m.GetReference() != "FR-2026-0412" ||
		!m.GetNotifiedAt().AsTime().Equal(scrT0) || m.GetRelatedEntries()[0] != "3.A.1 covers 3.A.1.a" ||
		m.GetDestinationCountry() != "IRN" || m.GetMatchedParty() != "SHAHID HEMMAT INDUSTRIAL GROUP" ||
		m.GetApplicationParty() != "Shahid Hemat Industrial Group" || m.GetPartyScore() < 0.85 || m.GetAdvisory() ||
		m.GetPartyExplanation().GetParts()["token_similarity"] == 0 || m.GetReason() == "" {
		t.Errorf("match = %v", m)
	}
	res, err = srv.CheckTransaction(asPrincipal(t, "KOR"), &vigilv1.CheckTransactionRequest{Application: application(), MinPosition: pos})
	if err != nil || len(res.GetMatches()) != 0 {
		t.Errorf("KOR: %v, %v", res, err)
	}
}
