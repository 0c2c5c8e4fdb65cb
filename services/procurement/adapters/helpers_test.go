package adapters_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/adapters"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

var (
	roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}

	fra        = domain.Actor{Member: "FRA"}
	fraCustoms = domain.Actor{Member: "FRA", Agency: "customs"}
	deu        = domain.Actor{Member: "DEU"}
	jpn        = domain.Actor{Member: "JPN"}
	kor        = domain.Actor{Member: "KOR"}

	t0 = time.Date(2025, 4, 2, 14, 0, 0, 0, time.UTC)
)

// newStore starts an embedded NATS server and a JetStream event store for
// one test; both stop when the test ends.
func newStore(t *testing.T) *jsstore.Store {
	t.Helper()
	nc := natsembedtest.Connect(t, natsembedtest.Start(t))
	st, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc})
	if err != nil {
		t.Fatalf("jsstore.New: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// newApp wires the application over st with a clock that advances one
// minute per call.
func newApp(t *testing.T, st eventstore.Store) *app.Service {
	t.Helper()
	at := t0
	clock := func() time.Time { at = at.Add(time.Minute); return at }
	return app.New(adapters.NewRepository(st), adapters.NewItems(st), domain.Policy{Roster: roster}, clock)
}

// validReport is FRA's report of an enquiry for servo valves, releasable
// to DEU and JPN.
func validReport() domain.Report {
	return domain.Report{
		Reference:        "FR-DGDDI-PA-2025-017",
		Agency:           "customs",
		FirstContactDate: "2025-02-11",
		Channel:          domain.ChannelEmail,
		Items: []domain.SoughtItem{{
			ControlEntries: []model.ControlEntry{{MTCRCode: "10.A.2"}},
			Description:    "Hydraulic servo valves.",
			Quantity:       model.Quantity{Amount: "40", Unit: "units"},
		}},
		Parties: []model.Party{
			{Role: model.RoleEnquiringParty, Name: "Gulf Precision Trading FZE", Country: "ARE", Emails: []string{"sales@gpt.example.ae"}},
			{Role: model.RoleEndUser, Name: "Pars Aviation Services", Country: "IRN"},
		},
		ShippingRoute:    []domain.Place{{Country: "ARE", Name: "Jebel Ali", FreeTradeZone: true}},
		RedFlags:         []domain.RedFlag{domain.FlagEndUserInFreeTradeZone},
		Outcome:          domain.OutcomeRefusedByFirm,
		SourceConfidence: domain.ConfidenceProbablyTrue,
		Destination:      "IRN",
		Summary:          "New customer, cash payment offered.",
		Releasability:    model.Releasability{Members: []string{"DEU", "JPN"}},
		Marking:          model.MarkingRestricted,
	}
}

// denialEnvelope is an envelope of a denial stream as the denials service
// writes it: by member, with the notice's releasability.
func denialEnvelope(t *testing.T, id string, version uint64, member string, rel *vigilv1.Releasability) eventstore.Event {
	t.Helper()
	env := &vigilv1.EventEnvelope{
		EventId: uuid.NewString(), Type: "vigil.v1.DenialNotified", SchemaVersion: 1,
		AggregateType: "denial", AggregateId: id, AggregateVersion: version,
		Originator: &vigilv1.Originator{Member: member}, OccurredAt: timestamppb.New(t0),
		Releasability: rel, Marking: vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
		Payload: &vigilv1.EventEnvelope_DenialNotified{DenialNotified: &vigilv1.DenialNotified{
			DenialId: id, Notice: &vigilv1.DenialNotice{Reference: "DE-BAFA-1", Releasability: rel}}},
	}
	if version > 1 {
		env.Type = "vigil.v1.DenialAmended"
		env.Payload = &vigilv1.EventEnvelope_DenialAmended{DenialAmended: &vigilv1.DenialAmended{
			DenialId: id, Notice: &vigilv1.DenialNotice{Reference: "DE-BAFA-1", Releasability: rel}}}
	}
	data, err := proto.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	return eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: data}
}

// appendDenial appends one denial envelope to "denial.<id>" at the given
// version (1 creates the stream).
func appendDenial(t *testing.T, st eventstore.Store, id string, version uint64, member string, rel *vigilv1.Releasability) {
	t.Helper()
	_, err := st.Append(t.Context(), eventstore.AppendRequest{
		Stream: "denial." + id, ExpectedVersion: int64(version - 1),
		Events: []eventstore.Event{denialEnvelope(t, id, version, member, rel)},
	})
	if err != nil {
		t.Fatalf("append denial %s v%d: %v", id, version, err)
	}
}

func members(ms ...string) *vigilv1.Releasability { return &vigilv1.Releasability{Members: ms} }

// must fails the test on err and returns the result.
func must(t *testing.T) func(app.Result, error) app.Result {
	return func(r app.Result, err error) app.Result {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return r
	}
}

// refused fails unless err is want and the log did not grow.
func refused(t *testing.T, st eventstore.Store, want error) func(app.Result, error) {
	t.Helper()
	before := lastPosition(t, st)
	return func(_ app.Result, err error) {
		t.Helper()
		if !errors.Is(err, want) {
			t.Fatalf("error = %v, want %v", err, want)
		}
		if after := lastPosition(t, st); after != before {
			t.Fatalf("a refused command appended: log position %d -> %d", before, after)
		}
	}
}

// invalid fails unless err holds field errors on exactly the fields, and
// the log did not grow.
func invalid(t *testing.T, st eventstore.Store, fields ...string) func(app.Result, error) {
	t.Helper()
	before := lastPosition(t, st)
	return func(_ app.Result, err error) {
		t.Helper()
		fes := model.FieldErrors(err)
		got := make([]string, 0, len(fes))
		for _, fe := range fes {
			got = append(got, fe.Field)
		}
		if len(fes) == 0 || len(got) != len(fields) {
			t.Fatalf("error = %v, want field errors on %q", err, fields)
		}
		for i := range got {
			if got[i] != fields[i] {
				t.Fatalf("field errors on %q, want %q", got, fields)
			}
		}
		if after := lastPosition(t, st); after != before {
			t.Fatalf("invalid input appended: log position %d -> %d", before, after)
		}
	}
}

func lastPosition(t *testing.T, st eventstore.Store) uint64 {
	t.Helper()
	p, err := st.LastPosition(t.Context())
	if err != nil {
		t.Fatalf("LastPosition: %v", err)
	}
	return p
}

// envelopes loads and decodes the stream of report id.
func envelopes(t *testing.T, st eventstore.Store, id string) []*vigilv1.EventEnvelope {
	t.Helper()
	evs, err := st.Load(t.Context(), adapters.StreamName(id))
	if err != nil {
		t.Fatalf("load %s: %v", id, err)
	}
	out := make([]*vigilv1.EventEnvelope, 0, len(evs))
	for _, ev := range evs {
		var env vigilv1.EventEnvelope
		if err := proto.Unmarshal(ev.Data, &env); err != nil {
			t.Fatalf("decode %s v%d: %v", ev.Stream, ev.Version, err)
		}
		out = append(out, &env)
	}
	return out
}
