package adapters

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/app"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

const codecID = "5d41402abc4b2a76b9719d911017c592"

func codecReport() domain.Report {
	return domain.Report{
		Reference: "FR-1", Agency: "customs", FirstContactDate: "2025-02-11", LastContactDate: "2025-03-01",
		Channel: domain.ChannelTradeFair,
		Items: []domain.SoughtItem{{ControlEntries: []model.ControlEntry{{MTCRCode: "3.A.1", NationalCode: "9A101"}},
			Description: "engines", TechnicalParameters: "1.2 kN", Quantity: model.Quantity{Amount: "2", Unit: "units"}}},
		Parties: []model.Party{{Role: model.RoleEnquiringParty, Name: "E", Phones: []string{"+33 1 23 45 67 89"},
			Emails: []string{"e@example.org"}, Websites: []string{"example.org"}}, {Role: model.RoleEndUser, Name: "U"}},
		PaymentRoute:     domain.PaymentRoute{Description: "cash", Countries: []string{"ARE"}, Institutions: []string{"Bank"}},
		ShippingRoute:    []domain.Place{{Country: "ARE", Name: "Jebel Ali", FreeTradeZone: true}},
		RedFlags:         []domain.RedFlag{domain.FlagPOBoxAddress, domain.FlagThinWebPresence},
		Outcome:          domain.OutcomePending,
		SourceConfidence: domain.ConfidenceDoubtful,
		Destination:      "IRN", Summary: "s",
		Releasability: model.Releasability{AllMembers: true},
		Marking:       model.MarkingConfidential,
	}
}

// TestCodecRoundTrip encodes every event type and decodes it back.
func TestCodecRoundTrip(t *testing.T) {
	at := time.Date(2025, 4, 2, 14, 0, 0, 0, time.UTC)
	events := []domain.Event{
		domain.Reported{Report: codecReport(), ReportedAt: at},
		domain.Updated{Report: codecReport(), Comment: "c"},
		domain.OutcomeRecorded{Outcome: domain.OutcomeLicenceGranted, Comment: "granted"},
		domain.Linked{To: domain.ItemRef{Kind: domain.KindDenial, ID: "aaaaaaaaaaaaaaaa"}, By: "DEU", Comment: "same"},
		domain.Acknowledged{Member: "JPN"},
		domain.Withdrawn{Reason: "retracted"},
	}
	c := app.Change{ID: codecID, ExpectedVersion: 3, Actor: domain.Actor{Member: "FRA", Agency: "customs"},
		RequestID: "req-1", At: at, Events: events, Report: codecReport()}
	n := 0
	encoded, err := encode(c, func() string { n++; return "event-" + strconv.Itoa(n) })
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range encoded {
		rec, err := decode(eventstore.RecordedEvent{Event: ev, Stream: StreamName(codecID), Version: uint64(4 + i), Position: uint64(40 + i)})
		if err != nil {
			t.Fatalf("decode %s: %v", ev.Type, err)
		}
		want := domain.Recorded{Event: events[i], Actor: c.Actor, At: at, RequestID: "req-1", Version: uint64(4 + i), Position: uint64(40 + i)}
		if !reflect.DeepEqual(rec, want) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, rec, want)
		}
		checkEnvelope(t, ev, i)
	}
}

func checkEnvelope(t *testing.T, ev eventstore.Event, i int) {
	t.Helper()
	var env vigilv1.EventEnvelope
	if err := proto.Unmarshal(ev.Data, &env); err != nil {
		t.Fatal(err)
	}
	if env.GetEventId() != ev.ID || env.GetType() != ev.Type || env.GetAggregateVersion() != uint64(4+i) ||
		env.GetAggregateType() != AggregateType || env.GetSchemaVersion() != SchemaVersion ||
		!env.GetReleasability().GetAllMembers() || env.GetMarking() != vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_CONFIDENTIAL ||
		env.GetCorrelationId() != "req-1" || env.GetOriginator().GetAgency() != "customs" {
		t.Errorf("envelope %d = %v", i, &env)
	}
}

func TestDecodeRejects(t *testing.T) {
	foreign, err := proto.Marshal(&vigilv1.EventEnvelope{Payload: &vigilv1.EventEnvelope_DenialExpired{DenialExpired: &vigilv1.DenialExpired{}}})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"garbage":            {0xff, 0xff, 0xff},
		"no payload":         nil,
		"a denial's payload": foreign,
	} {
		if _, err := decode(eventstore.RecordedEvent{Event: eventstore.Event{Data: data}}); err == nil {
			t.Errorf("%s: decoded", name)
		}
	}
}
