package adapters

import (
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering/app"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

var at = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)

func testDetails() domain.Details {
	return domain.Details{
		Reference: "US-ALERT-1", Type: domain.TypeTransit, Urgency: domain.UrgencyPriority,
		Vessel:      domain.Vessel{Name: "MV X", IMONumber: "9074729", MMSI: "477123400", CallSign: "VRAB7", Flag: "HKG"},
		Flight:      domain.Flight{Number: "EK123", Registration: "A6-EFG", Operator: "Emirates SkyCargo"},
		Consignment: domain.Consignment{ContainerNumbers: []string{"CSQU3054383"}, BillOfLading: "B1", AirWaybill: "176-12345675"},
		Route: []domain.PortCall{{Role: domain.PortTransit, Port: "Dubai", LOCODE: "AEDXB", Country: "ARE",
			ArrivalDate: "2025-03-22", DepartureDate: "2025-03-23"}},
		Parties: []model.Party{{Role: model.RoleShipper, Name: "Shipper Ltd", Aliases: []string{"SL"}, Country: "CHN",
			Addresses: []model.Address{{City: "Dalian", Country: "CHN"}}}},
		Cargo: domain.Cargo{DeclaredDescription: "pumps", HSCode: "84137021",
			SuspectedEntries: []model.ControlEntry{{MTCRCode: "3.A.1", NationalCode: "9A101"}},
			Quantity:         model.Quantity{Amount: "12", Unit: "crates"}},
		RequestedAction: domain.ActionMonitor, AddressedMembers: []string{"KOR"},
		ResponseDeadline: at.Add(48 * time.Hour), Summary: "s", Destination: "IRN",
		Releasability: model.Releasability{Members: []string{"KOR"}}, Marking: model.MarkingConfidential,
	}
}

// Every event survives encode -> store -> decode, with its metadata, and
// its envelope carries the releasability and marking of the change.
func TestCodecRoundTrip(t *testing.T) {
	d := testDetails()
	r := domain.Response{ActionTaken: domain.ActionInspect, Outcome: domain.OutcomeNoShow, Text: "no show"}
	events := []domain.Event{
		domain.Raised{Details: d, RaisedAt: at},
		domain.Updated{Details: d, Comment: "c"},
		domain.Acknowledged{Member: "KOR"},
		domain.Responded{Member: "KOR", Response: r},
		domain.ResponseLapsed{Member: "JPN", Deadline: at.Add(time.Hour)},
		domain.Closed{Reason: "done"},
	}
	c := app.Change{ID: "abcdef0123456789", ExpectedVersion: 3, Actor: domain.Actor{Member: "USA", Agency: "system"},
		RequestID: "req-1", At: at, Events: events, Details: d}
	n := 0
	encoded, err := encode(c, func() string { n++; return "ev-" + strconv.Itoa(n) })
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range encoded {
		var env vigilv1.EventEnvelope
		if err := proto.Unmarshal(ev.Data, &env); err != nil {
			t.Fatal(err)
		}
		if env.GetAggregateVersion() != uint64(4+i) || env.GetAggregateType() != "alert" || env.GetEventId() != ev.ID ||
			env.GetMarking() != vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_CONFIDENTIAL ||
			!slices.Equal(env.GetReleasability().GetMembers(), []string{"KOR"}) || env.GetType() != ev.Type {
			t.Fatalf("envelope %d: %v", i, &env)
		}
		rec, err := decode(eventstore.RecordedEvent{Event: ev, Stream: StreamName(c.ID), Version: uint64(4 + i), Position: uint64(10 + i)})
		if err != nil {
			t.Fatal(err)
		}
		want := domain.Recorded{Event: events[i], Actor: c.Actor, At: at, RequestID: "req-1", Version: uint64(4 + i), Position: uint64(10 + i)}
		if !reflect.DeepEqual(rec, want) {
			t.Fatalf("event %d:\n got %+v\nwant %+v", i, rec, want)
		}
	}
}

func TestDecodeRejectsForeignPayloads(t *testing.T) {
	for name, data := range map[string][]byte{
		"garbage":    {0xff, 0xff},
		"no payload": mustMarshal(t, &vigilv1.EventEnvelope{Type: "x"}),
		"a denial": mustMarshal(t, &vigilv1.EventEnvelope{Payload: &vigilv1.EventEnvelope_DenialAcknowledged{
			DenialAcknowledged: &vigilv1.DenialAcknowledged{Member: "KOR"}}}),
	} {
		if _, err := decode(eventstore.RecordedEvent{Event: eventstore.Event{Data: data}}); err == nil {
			t.Errorf("%s decoded", name)
		}
	}
}

func mustMarshal(t *testing.T, m proto.Message) []byte {
	t.Helper()
	b, err := proto.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// feed applies changes to the index as the store would deliver them.
func feed(t *testing.T, x *DueIndex, pos *uint64, id string, events ...domain.Event) {
	t.Helper()
	encoded, err := encode(app.Change{ID: id, Actor: domain.Actor{Member: "USA"}, At: at, Events: events, Details: testDetails()},
		func() string { return "e" })
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range encoded {
		*pos++
		if err := x.apply(t.Context(), eventstore.RecordedEvent{Event: ev, Stream: StreamName(id), Position: *pos}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDueIndex(t *testing.T) {
	x := NewDueIndex(nil)
	var pos uint64
	d := testDetails()
	d.AddressedMembers = []string{"KOR", "JPN"}
	deadline := d.ResponseDeadline
	feed(t, x, &pos, "a1", domain.Raised{Details: d})
	feed(t, x, &pos, "a2", domain.Raised{Details: d})
	feed(t, x, &pos, "a3", domain.Raised{Details: d})
	check := func(at time.Time, want ...string) {
		t.Helper()
		if got := x.Due(at); !slices.Equal(got, want) {
			t.Fatalf("Due(%v) = %v, want %v", at, got, want)
		}
	}
	check(deadline.Add(-time.Nanosecond))
	check(deadline, "a1", "a2", "a3")

	feed(t, x, &pos, "a1", domain.Responded{Member: "KOR"})
	check(deadline, "a1", "a2", "a3") // JPN still pending
	feed(t, x, &pos, "a1", domain.ResponseLapsed{Member: "JPN"})
	check(deadline, "a2", "a3")
	feed(t, x, &pos, "a2", domain.Closed{})
	check(deadline, "a3")
	later := d
	later.ResponseDeadline = deadline.Add(time.Hour)
	feed(t, x, &pos, "a3", domain.Updated{Details: later})
	check(deadline)
	check(later.ResponseDeadline, "a3")
	// A member added by an update makes a settled alert due again.
	more := d
	more.AddressedMembers = []string{"KOR", "JPN", "DEU"}
	feed(t, x, &pos, "a1", domain.Updated{Details: more})
	check(deadline, "a1")

	// Redelivered and foreign events change nothing.
	if err := x.apply(t.Context(), eventstore.RecordedEvent{Event: eventstore.Event{Data: []byte{0xff}}, Stream: "alert.a9", Position: 2}); err != nil {
		t.Fatalf("redelivery: %v", err)
	}
	if err := x.apply(t.Context(), eventstore.RecordedEvent{Event: eventstore.Event{Data: []byte{0xff}}, Stream: "denial.d1", Position: pos + 1}); err != nil {
		t.Fatalf("foreign stream: %v", err)
	}
	if x.Position() != pos+1 {
		t.Fatalf("position %d, want %d", x.Position(), pos+1)
	}
	if err := x.apply(t.Context(), eventstore.RecordedEvent{Event: eventstore.Event{Data: []byte{0xff}}, Stream: "alert.a9", Position: pos + 2}); err == nil {
		t.Fatal("an undecodable alert event was ignored")
	}
}
