package screening_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/screening"
	st "github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

var (
	t0       = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	allKinds = []string{screening.KindDenial, screening.KindProcurement, screening.KindAlert}
)

const shig = "SHAHID HEMMAT INDUSTRIAL GROUP"

// shigDenial is FRA's denial of 3.A.1 to IRN naming SHIG as end-user and
// a consignee in the UAE, released as rel.
func shigDenial(rel *vigilv1.Releasability) *vigilv1.DenialNotice {
	return st.Denial("FR-2026-0412", "IRN", rel, st.Entries("3.A.1"),
		st.EndUser(shig, "IRN", "SHIG"),
		st.Party(vigilv1.PartyRole_PARTY_ROLE_CONSIGNEE, "Pishro Aviation Trading FZE", "ARE"))
}

// project applies the log's events to a new projection.
func project(t *testing.T, l *st.Log) *screening.Projection {
	t.Helper()
	p := screening.New(nil, slog.New(slog.DiscardHandler))
	for _, ev := range l.Events() {
		if err := p.Apply(ev); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// found returns the ids of the items whose parties match name for member.
func found(p *screening.Projection, member, name string) []string {
	var out []string
	for _, h := range p.Search(member, allKinds, name, match.Options{MinScore: 0.85}) {
		if !slices.Contains(out, h.Item.ID) {
			out = append(out, h.Item.ID)
		}
	}
	slices.Sort(out)
	return out
}

func TestProjection_Added(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.Only("DEU", "JPN")))
	p := project(t, l)

	n, ok := p.Item("JPN", "d1")
	if !ok {
		t.Fatal("JPN cannot see d1")
	}
	want := screening.Item{Kind: "denial", ID: "d1", Originator: "FRA", Audience: screening.Audience{Members: []string{"DEU", "FRA", "JPN"}},
		Status: vigilv1.ItemStatus_ITEM_STATUS_ACTIVE, CreatedAt: t0, ConfirmedAt: t0, Reference: "FR-2026-0412", Destination: "IRN",
		Entries: []annex.Code{annex.MustParse("3.A.1")}}
	got := *n
	got.Parties = nil
	if !equalItems(got, want) {
		t.Errorf("item = %+v\nwant %+v", got, want)
	}
	if len(n.Parties) != 2 || n.Parties[0].Role != model.RoleEndUser || n.Parties[0].Name != shig || n.Parties[0].Aliases[0] != "SHIG" {
		t.Errorf("parties = %+v", n.Parties)
	}
	hits := p.Search("JPN", allKinds, "Shahid Hemat Industrial Group", match.Options{})
	if len(hits) == 0 || hits[0].Item.ID != "d1" || hits[0].Party != 0 || hits[0].Result.Explanation.MatchedName != shig {
		t.Fatalf("hits = %+v", hits)
	}
	if got := found(p, "JPN", "SHIG"); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("alias: found %v", got)
	}
	if p.Position() != 1 {
		t.Errorf("position = %d", p.Position())
	}
}

func equalItems(a, b screening.Item) bool {
	return a.Kind == b.Kind && a.ID == b.ID && a.Originator == b.Originator && a.Audience.All == b.Audience.All &&
		slices.Equal(a.Audience.Members, b.Audience.Members) && a.Status == b.Status && a.CreatedAt.Equal(b.CreatedAt) &&
		a.ConfirmedAt.Equal(b.ConfirmedAt) && a.Reference == b.Reference && a.Destination == b.Destination &&
		slices.Equal(a.Entries, b.Entries) && a.CatchAll == b.CatchAll
}

func TestProjection_Visibility(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.Only("JPN")))
	p := project(t, l)
	for member, want := range map[string][]string{"FRA": {"d1"}, "JPN": {"d1"}, "KOR": nil, "": nil} {
		if got := found(p, member, shig); !slices.Equal(got, want) {
			t.Errorf("%q found %v, want %v", member, got, want)
		}
		if _, ok := p.Item(member, "d1"); ok != (want != nil) {
			t.Errorf("%q Item visible = %v", member, ok)
		}
		if got := len(p.Denials(member, "IRN")); got != len(want) {
			t.Errorf("%q Denials = %d", member, got)
		}
	}
	if got := found(p, "JPN", shig); got == nil {
		t.Fatal("JPN does not find d1")
	}
	if hits := p.Search("JPN", []string{screening.KindProcurement}, shig, match.Options{}); len(hits) != 0 {
		t.Errorf("kinds not applied: %+v", hits)
	}
}

func TestProjection_Amended(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.All()))
	amended := st.Denial("FR-2026-0412", "SYR", st.All(), st.Entries("3.A.2"), st.EndUser("Scientific Studies and Research Center", "SYR"))
	l.Add(screening.KindDenial, "d1", "FRA", st.All(), t0.Add(time.Hour), &vigilv1.DenialAmended{DenialId: "d1", Notice: amended})
	p := project(t, l)

	if got := found(p, "KOR", shig); got != nil {
		t.Errorf("old party still found in %v", got)
	}
	if got := found(p, "KOR", "Scientific Studies & Research Centre"); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("new party found in %v", got)
	}
	if len(p.Denials("KOR", "IRN")) != 0 || len(p.Denials("KOR", "SYR")) != 1 {
		t.Error("destination not moved")
	}
	n, _ := p.Item("KOR", "d1")
	if len(n.Parties) != 1 || !slices.Equal(n.Entries, []annex.Code{annex.MustParse("3.A.2")}) || !n.ConfirmedAt.Equal(t0) {
		t.Errorf("amended item = %+v", n)
	}
}

func TestProjection_Status(t *testing.T) {
	tests := []struct {
		name    string
		kind    string
		payload func(id string) proto.Message
		want    vigilv1.ItemStatus
	}{
		{"revoked", screening.KindDenial, func(id string) proto.Message {
			return &vigilv1.DenialReviewed{DenialId: id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED}
		}, vigilv1.ItemStatus_ITEM_STATUS_REVOKED},
		{"expired", screening.KindDenial, func(id string) proto.Message { return &vigilv1.DenialExpired{DenialId: id} }, vigilv1.ItemStatus_ITEM_STATUS_EXPIRED},
		{"renewed", screening.KindDenial, func(id string) proto.Message {
			return &vigilv1.DenialReviewed{DenialId: id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_RENEWED}
		}, vigilv1.ItemStatus_ITEM_STATUS_ACTIVE},
		{"withdrawn", screening.KindProcurement, func(id string) proto.Message { return &vigilv1.ProcurementWithdrawn{ReportId: id} }, vigilv1.ItemStatus_ITEM_STATUS_WITHDRAWN},
		{"closed", screening.KindAlert, func(id string) proto.Message { return &vigilv1.AlertClosed{AlertId: id} }, vigilv1.ItemStatus_ITEM_STATUS_CLOSED},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := st.NewLog(t)
			addItem(l, tt.kind, "i1")
			later := t0.AddDate(1, 0, 0)
			l.Add(tt.kind, "i1", "FRA", st.All(), later, tt.payload("i1"))
			p := project(t, l)
			n, _ := p.Item("KOR", "i1")
			if n.Status != tt.want || n.Active() != (tt.want == vigilv1.ItemStatus_ITEM_STATUS_ACTIVE) {
				t.Errorf("status = %v", n.Status)
			}
			if want := map[bool]time.Time{true: later, false: t0}[tt.name == "renewed"]; !n.ConfirmedAt.Equal(want) {
				t.Errorf("confirmed at %v, want %v", n.ConfirmedAt, want)
			}
			if got := found(p, "KOR", shig); !slices.Equal(got, []string{"i1"}) {
				t.Errorf("parties of a %s item found in %v", tt.name, got)
			}
		})
	}
}

// addItem adds an item of kind by FRA, released to all, naming SHIG.
func addItem(l *st.Log, kind, id string) {
	parties := []*vigilv1.Party{st.EndUser(shig, "IRN", "SHIG")}
	switch kind {
	case screening.KindDenial:
		l.Notified(id, "FRA", t0, shigDenial(st.All()))
	case screening.KindProcurement:
		l.Reported(id, "FRA", t0, &vigilv1.ProcurementReport{Reference: "R-1", Parties: parties, DestinationCountry: "IRN",
			Items: []*vigilv1.SoughtItem{{ControlEntries: st.Entries("9.A.6")}}, Releasability: st.All()})
	case screening.KindAlert:
		l.Raised(id, "FRA", t0, &vigilv1.BrokeringAlert{Reference: "A-1", Parties: parties, DestinationCountry: "IRN",
			Cargo: &vigilv1.Cargo{SuspectedEntries: st.Entries("2.A.1")}, Releasability: st.All()})
	}
}

func TestProjection_ReleasabilityNarrowed(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.Only("DEU", "JPN")))
	l.Add(screening.KindDenial, "d1", "FRA", st.Only("JPN"), t0.Add(time.Hour),
		&vigilv1.DenialAmended{DenialId: "d1", Notice: shigDenial(st.Only("JPN"))})
	p := project(t, l)
	if got := found(p, "DEU", shig); got != nil {
		t.Errorf("DEU still finds %v", got)
	}
	if got := found(p, "JPN", shig); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("JPN finds %v", got)
	}
}

func TestProjection_EnvelopeReleasabilityRules(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.All()))
	// An acknowledgement carries the releasability after it: narrowed here.
	l.Add(screening.KindDenial, "d1", "FRA", st.Only("JPN"), t0, &vigilv1.DenialAcknowledged{DenialId: "d1", Member: "JPN"})
	p := project(t, l)
	if got := found(p, "KOR", shig); got != nil {
		t.Errorf("KOR finds %v after the envelope narrowed it", got)
	}
	// An envelope without releasability keeps the audience.
	l.Add(screening.KindDenial, "d1", "FRA", nil, t0, &vigilv1.DenialAcknowledged{DenialId: "d1", Member: "DEU"})
	p = project(t, l)
	if got := found(p, "JPN", shig); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("JPN finds %v", got)
	}
}

func TestProjection_IgnoresRedeliveryAndOtherEvents(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.All()))
	l.Add("consultation", "c1", "JPN", st.Only("FRA"), t0, &vigilv1.ConsultationRequested{ConsultationId: "c1", DenialId: "d1"})
	l.Add(screening.KindDenial, "d9", "FRA", st.All(), t0, &vigilv1.DenialExpired{DenialId: "d9"}) // unknown item
	p := project(t, l)
	first := l.Events()[0]
	if err := p.Apply(first); err != nil {
		t.Fatal(err)
	}
	if p.Position() != 3 || len(p.Denials("KOR", "IRN")) != 1 {
		t.Errorf("position %d, denials %d", p.Position(), len(p.Denials("KOR", "IRN")))
	}
	if _, ok := p.Item("FRA", "d9"); ok {
		t.Error("an event of an unknown item created it")
	}
	if err := p.Apply(eventstore.RecordedEvent{Position: 4, Event: eventstore.Event{Data: []byte{0xff}}}); err == nil || p.Position() != 3 {
		t.Errorf("undecodable event: err %v, position %d", err, p.Position())
	}
}

// TestProjection_HiddenItemsDoNotShapeScores: a member's results do not
// change when items it cannot see are added, not even by a score's last
// digit (term statistics) or by results crowded out.
func TestProjection_HiddenItemsDoNotShapeScores(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.All()))
	before := project(t, l).Search("KOR", allKinds, "Shahid Hemat Industrial Grp", match.Options{Limit: 1})
	for i, name := range []string{"HEMAT TRADING", "INDUSTRIAL GROUP OF TEHRAN", "GRP INDUSTRIAL SERVICES", "SHAHID BAKERI INDUSTRIAL GROUP"} {
		id := string(rune('a'+i)) + "hidden"
		l.Notified(id, "USA", t0, st.Denial("US-1", "IRN", st.Only("JPN"), st.Entries("3.A.1"), st.EndUser(name, "IRN"), st.EndUser(shig, "IRN")))
	}
	after := project(t, l).Search("KOR", allKinds, "Shahid Hemat Industrial Grp", match.Options{Limit: 1})
	if len(before) != 1 || len(after) != 1 || before[0].Result.Score != after[0].Result.Score || after[0].Item.ID != "d1" {
		t.Errorf("before %+v\nafter %+v", before, after)
	}
}

func TestProjection_WithIdentifiers(t *testing.T) {
	l := st.NewLog(t)
	party := st.EndUser("Alpha Trading", "ARE")
	party.Identifiers = []*vigilv1.Identifier{{Type: vigilv1.IdentifierType_IDENTIFIER_TYPE_REGISTRATION_NUMBER, Value: "DMCC-123 456"}}
	l.Notified("d1", "FRA", t0, st.Denial("R", "IRN", st.Only("JPN"), st.Entries("3.A.1"), party))
	p := project(t, l)
	id := model.Identifier{Type: model.IDRegistrationNumber, Value: "dmcc123456"}
	if hits := p.WithIdentifiers("JPN", allKinds, []model.Identifier{id, id}); len(hits) != 1 || hits[0].PartyOf().Name != "Alpha Trading" {
		t.Errorf("JPN hits = %+v", hits)
	}
	if hits := p.WithIdentifiers("KOR", allKinds, []model.Identifier{id}); len(hits) != 0 {
		t.Errorf("KOR hits = %+v", hits)
	}
	other := model.Identifier{Type: model.IDTaxID, Value: "DMCC123456"}
	if hits := p.WithIdentifiers("JPN", allKinds, []model.Identifier{other}); len(hits) != 0 {
		t.Errorf("another identifier type matched: %+v", hits)
	}
}

// TestProjection_Run follows a log: replay on start, then live events,
// readiness and read-your-writes.
func TestProjection_Run(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.All()))
	p := screening.New(l, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if err := p.WaitReady(ctx); err == nil {
		t.Fatal("ready before Run")
	}
	st.Run(t, p)
	if err := p.WaitReady(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := found(p, "KOR", shig); !slices.Equal(got, []string{"d1"}) {
		t.Fatalf("after replay KOR finds %v", got)
	}
	pos := l.Add(screening.KindDenial, "d1", "FRA", st.All(), t0, &vigilv1.DenialReviewed{DenialId: "d1",
		Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED, ReviewDue: timestamppb.New(t0)})
	if err := p.WaitFor(t.Context(), pos); err != nil {
		t.Fatal(err)
	}
	if n, _ := p.Item("KOR", "d1"); n.Active() {
		t.Error("revocation not applied")
	}
}

func TestProjection_RunStopsOnCancel(t *testing.T) {
	p := screening.New(st.NewLog(t), slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	if err := p.WaitReady(t.Context()); err != nil { // an empty log: ready at once
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil after cancel", err)
	}
}

func TestProjection_RunFailsOnBadEvent(t *testing.T) {
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.All()))
	bad := badLog{l}
	err := screening.New(bad, slog.New(slog.DiscardHandler)).Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "decode event 2") {
		t.Errorf("Run = %v, want a decode error", err)
	}
}

// badLog is a log whose second event cannot be decoded.
type badLog struct{ *st.Log }

func (b badLog) LastPosition(context.Context) (uint64, error) { return 2, nil }

func (b badLog) Subscribe(ctx context.Context, after uint64, h eventstore.Handler) error {
	evs := append(b.Events(), eventstore.RecordedEvent{Position: 2, Event: eventstore.Event{Data: []byte{0xff}}})
	for _, ev := range evs[after:] {
		if err := h(ctx, ev); err != nil {
			return err
		}
	}
	<-ctx.Done()
	return ctx.Err()
}
