package app_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/app"
)

var consT0 = time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC)

// consFixture is a views store and query service over hand-made
// consultation events.
type consFixture struct {
	t     *testing.T
	store *adapters.Store
	app   *app.Service
	pos   uint64
	vers  map[string]uint64
}

func newConsFixture(t *testing.T) *consFixture {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/views.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return &consFixture{t: t, store: s, app: app.New(s, caughtUp{s}, model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}),
		vers: map[string]uint64{}}
}

// apply projects one consultation event of id, by member, at consT0.
func (f *consFixture) apply(id, member string, env *vigilv1.EventEnvelope) {
	f.t.Helper()
	f.pos++
	f.vers[id]++
	env.EventId, env.AggregateType, env.AggregateId, env.AggregateVersion = fmt.Sprint("e", f.pos), "consultation", id, f.vers[id]
	env.Originator, env.OccurredAt = &vigilv1.Originator{Member: member}, timestamppb.New(consT0)
	data, err := proto.Marshal(env)
	if err != nil {
		f.t.Fatal(err)
	}
	ev := eventstore.RecordedEvent{Event: eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data},
		Stream: "consultation." + id, Version: f.vers[id], Position: f.pos}
	if err := f.store.Apply([]eventstore.RecordedEvent{ev}); err != nil {
		f.t.Fatal(err)
	}
}

// request opens consultation id of denier by requester, due days after
// consT0.
func (f *consFixture) request(id, requester, denier string, days int) {
	f.t.Helper()
	f.apply(id, requester, &vigilv1.EventEnvelope{Type: "vigil.v1.ConsultationRequested",
		Payload: &vigilv1.EventEnvelope_ConsultationRequested{ConsultationRequested: &vigilv1.ConsultationRequested{
			ConsultationId: id, DenialId: "denial" + id, DenyingMember: denier, RequestingMember: requester,
			Application: &vigilv1.LicenceApplication{Reference: "APP-" + id, DestinationCountry: "IRN"},
			Question:    "Same end-user?", Due: timestamppb.New(consT0.AddDate(0, 0, days)),
		}}})
}

func (f *consFixture) ack(id, denier string) {
	f.t.Helper()
	f.apply(id, denier, &vigilv1.EventEnvelope{Type: "vigil.v1.ConsultationAcknowledged",
		Payload: &vigilv1.EventEnvelope_ConsultationAcknowledged{ConsultationAcknowledged: &vigilv1.ConsultationAcknowledged{ConsultationId: id}}})
}

func (f *consFixture) answer(id, denier string, a vigilv1.ConsultationAnswer, text string) {
	f.t.Helper()
	f.apply(id, denier, &vigilv1.EventEnvelope{Type: "vigil.v1.ConsultationAnswered",
		Payload: &vigilv1.EventEnvelope_ConsultationAnswered{ConsultationAnswered: &vigilv1.ConsultationAnswered{
			ConsultationId: id, Answer: a, Text: text}}})
}

func (f *consFixture) close(id, requester, reason string) {
	f.t.Helper()
	f.apply(id, requester, &vigilv1.EventEnvelope{Type: "vigil.v1.ConsultationClosed",
		Payload: &vigilv1.EventEnvelope_ConsultationClosed{ConsultationClosed: &vigilv1.ConsultationClosed{ConsultationId: id, Reason: reason}}})
}

func (f *consFixture) lapse(id, requester string) {
	f.t.Helper()
	f.apply(id, requester, &vigilv1.EventEnvelope{Type: "vigil.v1.ConsultationLapsed",
		Payload: &vigilv1.EventEnvelope_ConsultationLapsed{ConsultationLapsed: &vigilv1.ConsultationLapsed{ConsultationId: id}}})
}

// list returns "id:status[!]" for member's consultations at now ("!" marks
// overdue).
func (f *consFixture) list(member string, openOnly bool, now time.Time) string {
	f.t.Helper()
	res, err := f.app.ListConsultations(f.t.Context(), app.ConsultationQuery{Member: member, OpenOnly: openOnly,
		Now: func() time.Time { return now }})
	if err != nil {
		f.t.Fatal(err)
	}
	if res.Position != f.pos {
		f.t.Fatalf("position %d, want %d", res.Position, f.pos)
	}
	var out []string
	for _, c := range res.Consultations {
		s := c.GetId() + ":" + strings.TrimPrefix(c.GetStatus().String(), "CONSULTATION_STATUS_")
		if c.GetOverdue() {
			s += "!"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// seedConsultations: FRA denied, and is consulted by JPN, DEU, USA and
// KOR; FRA itself consults JPN. "now" in the test is consT0 + 20 days.
func seedConsultations(t *testing.T) *consFixture {
	f := newConsFixture(t)
	f.request("c1", "JPN", "FRA", 30) // open, not yet due
	f.request("c2", "DEU", "FRA", 10) // overdue
	f.request("c3", "USA", "FRA", 5)  // acknowledged, overdue, due first
	f.ack("c3", "FRA")
	f.request("c4", "JPN", "FRA", 1) // answered: not overdue however late
	f.answer("c4", "FRA", vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, "We object.")
	f.request("c5", "KOR", "FRA", 3) // lapsed
	f.lapse("c5", "KOR")
	f.request("c6", "JPN", "FRA", 2) // closed
	f.close("c6", "JPN", "Refused.")
	f.request("c7", "DEU", "FRA", 40) // granted despite denial
	f.close("c7", "DEU", adapters.GrantedReason)
	f.request("c8", "FRA", "JPN", 25) // FRA consults JPN; information requested
	f.answer("c8", "JPN", vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NEEDS_INFORMATION, "Consignee?")
	return f
}

func TestListConsultations_Order(t *testing.T) {
	f := seedConsultations(t)
	now := consT0.AddDate(0, 0, 20)
	tests := []struct {
		member   string
		openOnly bool
		want     string
	}{
		{"FRA", false, "c3:ACKNOWLEDGED! c2:REQUESTED! c4:ANSWERED c8:ANSWERED c1:REQUESTED c6:CLOSED c5:LAPSED c7:GRANTED_DESPITE_DENIAL"},
		{"FRA", true, "c3:ACKNOWLEDGED! c2:REQUESTED! c4:ANSWERED c8:ANSWERED c1:REQUESTED"},
		{"JPN", false, "c4:ANSWERED c8:ANSWERED c1:REQUESTED c6:CLOSED"},
		{"DEU", false, "c2:REQUESTED! c7:GRANTED_DESPITE_DENIAL"},
		{"DEU", true, "c2:REQUESTED!"},
		{"KOR", false, "c5:LAPSED"},
		{"KOR", true, ""},
		{"USA", false, "c3:ACKNOWLEDGED!"},
		{"CHN", false, ""},
	}
	for _, tt := range tests {
		if got := f.list(tt.member, tt.openOnly, now); got != tt.want {
			t.Errorf("%s (open only %v):\n got %s\nwant %s", tt.member, tt.openOnly, got, tt.want)
		}
	}
	// Later, the information request is overdue too, and comes first.
	if got, want := f.list("JPN", true, consT0.AddDate(0, 0, 26)), "c8:ANSWERED! c4:ANSWERED c1:REQUESTED"; got != want {
		t.Errorf("JPN at day 26:\n got %s\nwant %s", got, want)
	}
}

func TestListConsultations_DefaultClock(t *testing.T) {
	f := seedConsultations(t)
	res, err := f.app.ListConsultations(t.Context(), app.ConsultationQuery{Member: "FRA", OpenOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	// consT0 is in the past: everything still awaiting an answer is overdue.
	var overdue int
	for _, c := range res.Consultations {
		if c.GetOverdue() {
			overdue++
		}
	}
	if len(res.Consultations) != 5 || overdue != 4 {
		t.Fatalf("%d open, %d overdue; want 5 and 4", len(res.Consultations), overdue)
	}
}

func TestListConsultations_Behind(t *testing.T) {
	f := seedConsultations(t)
	_, err := f.app.ListConsultations(t.Context(), app.ConsultationQuery{Member: "FRA", MinPosition: f.pos + 1})
	if !errors.Is(err, app.ErrBehind) {
		t.Fatalf("error = %v, want ErrBehind", err)
	}
}

func TestGetConsultation(t *testing.T) {
	f := seedConsultations(t)
	now := func() time.Time { return consT0.AddDate(0, 0, 20) }
	for _, m := range []string{"KOR", "DEU", "USA", ""} {
		if _, err := f.app.GetConsultation(t.Context(), m, "c1", 0, now); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("%s reads c1: %v", m, err)
		}
	}
	if _, err := f.app.GetConsultation(t.Context(), "FRA", "c9", 0, now); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("missing consultation: %v", err)
	}
	for _, m := range []string{"JPN", "FRA"} {
		c, err := f.app.GetConsultation(t.Context(), m, "c4", 0, now)
		if err != nil {
			t.Fatal(err)
		}
		want := &vigilv1.ConsultationSummary{Id: "c4", DenialId: "denialc4", RequestingMember: "JPN", DenyingMember: "FRA",
			Status: vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED, Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS,
			AnswerText: "We object.", Question: "Same end-user?",
			Application: &vigilv1.LicenceApplication{Reference: "APP-c4", DestinationCountry: "IRN"},
			RequestedAt: timestamppb.New(consT0), Due: timestamppb.New(consT0.AddDate(0, 0, 1)), Version: 2}
		if !proto.Equal(c, want) {
			t.Errorf("%s reads c4 = %v\nwant %v", m, c, want)
		}
	}
}
