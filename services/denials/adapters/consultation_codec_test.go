package adapters

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/app"
	"github.com/vigil-org/vigil/services/denials/domain"
)

var codecAt = time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC)

func counter() func() string {
	n := 0
	return func() string { n++; return fmt.Sprint("event-", n) }
}

// recorded turns encoded events into what the store gives back.
func recorded(evs []eventstore.Event, stream string, version uint64) []eventstore.RecordedEvent {
	out := make([]eventstore.RecordedEvent, 0, len(evs))
	for i, e := range evs {
		out = append(out, eventstore.RecordedEvent{Event: e, Stream: stream, Version: version + uint64(i) + 1, Position: 10 + uint64(i)})
	}
	return out
}

// TestConsultationCodecRoundTrip: every consultation event survives
// encode and decode, with its metadata; the marking of the request
// travels in the envelope.
func TestConsultationCodecRoundTrip(t *testing.T) {
	events := []domain.ConsultationEvent{
		domain.ConsultationRequested{DenialID: "d1", Denier: "FRA", Requester: "JPN", Question: "Same?",
			Application: domain.Application{Reference: "JP-1", Destination: "IRN", ItemDescription: "Engine.",
				ControlEntries: []model.ControlEntry{{MTCRCode: "3.A.1"}},
				Parties:        []model.Party{{Role: model.RoleEndUser, Name: "SHIG", Aliases: []string{"Shahid Hemmat"}}}},
			Due: codecAt.Add(time.Hour), Marking: model.MarkingConfidential},
		domain.ConsultationAcknowledged{},
		domain.ConsultationAnswered{Answer: domain.AnswerNeedsInformation, Text: "Consignee?"},
		domain.ConsultationClosed{Reason: domain.GrantedReason},
		domain.ConsultationLapsed{Due: codecAt.Add(time.Hour)},
	}
	c := app.ConsultationChange{ID: "c1", ExpectedVersion: 0, Actor: domain.Actor{Member: "JPN", Agency: "system"}, RequestID: "r-1",
		At: codecAt, Events: events, Members: []string{"FRA", "JPN"}, Marking: model.MarkingConfidential}
	evs, err := encodeConsultation(c, counter())
	if err != nil {
		t.Fatal(err)
	}
	for i, ev := range recorded(evs, ConsultationStream("c1"), 0) {
		rec, err := decodeConsultation(ev)
		if err != nil {
			t.Fatal(err)
		}
		want := domain.ConsultationRecord{Event: events[i], Actor: c.Actor, At: codecAt, RequestID: "r-1", Version: uint64(i + 1), Position: 10 + uint64(i)}
		if !reflect.DeepEqual(rec, want) {
			t.Errorf("event %d: got %+v\nwant %+v", i, rec, want)
		}
	}
}

// TestGrantCodecRoundTrip: the grant in a denial stream decodes, and
// carries the notice's releasability.
func TestGrantCodecRoundTrip(t *testing.T) {
	g := domain.GrantedDespiteDenial{ConsultationID: "c1", Member: "JPN", Explanation: "Verified.", ApplicationReference: "JP-1"}
	c := app.Change{ID: "d1", ExpectedVersion: 3, Actor: domain.Actor{Member: "JPN"}, RequestID: "g-1", At: codecAt,
		Events: []domain.Event{g}, Notice: domain.Notice{Releasability: model.Releasability{Members: []string{"DEU", "JPN"}}}}
	evs, err := encode(c, counter())
	if err != nil {
		t.Fatal(err)
	}
	rec, err := decode(recorded(evs, StreamName("d1"), 3)[0])
	if err != nil {
		t.Fatal(err)
	}
	if rec.Event != g || rec.Version != 4 || rec.Actor.Member != "JPN" {
		t.Fatalf("decoded %+v", rec)
	}
	if _, err := decodeConsultation(recorded(evs, StreamName("d1"), 3)[0]); err == nil {
		t.Fatal("a denial event decoded as a consultation event")
	}
}
