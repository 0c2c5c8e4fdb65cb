package adapters_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/adapters"
)

// recorded is an envelope as the log returns it at pos.
func recorded(t *testing.T, pos uint64, env *vigilv1.EventEnvelope) eventstore.RecordedEvent {
	t.Helper()
	b, err := proto.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	return eventstore.RecordedEvent{Event: eventstore.Event{ID: env.GetEventId(), Type: env.GetType(), Data: b}, Position: pos}
}

func alertEnv(id string, version uint64, member string, rel *vigilv1.Releasability, payload func(*vigilv1.EventEnvelope)) *vigilv1.EventEnvelope {
	env := &vigilv1.EventEnvelope{AggregateType: "alert", AggregateId: id, AggregateVersion: version,
		Originator: &vigilv1.Originator{Member: member}, Releasability: rel, OccurredAt: timestamppb.New(time.Unix(1_800_000_000, 0))}
	payload(env)
	return env
}

func raised(a *vigilv1.BrokeringAlert) func(*vigilv1.EventEnvelope) {
	return func(env *vigilv1.EventEnvelope) {
		env.Type = "vigil.v1.AlertRaised"
		env.Payload = &vigilv1.EventEnvelope_AlertRaised{AlertRaised: &vigilv1.AlertRaised{Alert: a}}
	}
}

func acked(member string) func(*vigilv1.EventEnvelope) {
	return func(env *vigilv1.EventEnvelope) {
		env.Type = "vigil.v1.AlertAcknowledged"
		env.Payload = &vigilv1.EventEnvelope_AlertAcknowledged{AlertAcknowledged: &vigilv1.AlertAcknowledged{Member: member}}
	}
}

func TestStateKeepsEarlierSnapshotsUnchanged(t *testing.T) {
	s := adapters.NewState()
	kor := &vigilv1.Releasability{Members: []string{"KOR"}}
	c1, err := s.Apply(recorded(t, 1, alertEnv("a1", 1, "FRA", kor, raised(&vigilv1.BrokeringAlert{DestinationCountry: "PAK",
		Route: []*vigilv1.PortCall{{Country: "MYS"}}}))))
	if err != nil || c1 == nil {
		t.Fatal(c1, err)
	}
	c2, _ := s.Apply(recorded(t, 3, alertEnv("a1", 2, "KOR", kor, acked("KOR"))))
	both := &vigilv1.Releasability{Members: []string{"KOR", "DEU"}}
	c3, _ := s.Apply(recorded(t, 4, alertEnv("a1", 3, "FRA", both, func(env *vigilv1.EventEnvelope) {
		env.Type = "vigil.v1.AlertUpdated"
		env.Payload = &vigilv1.EventEnvelope_AlertUpdated{AlertUpdated: &vigilv1.AlertUpdated{Alert: &vigilv1.BrokeringAlert{DestinationCountry: "IRN"}}}
	})))
	switch {
	case c1.Event.Item.Originator != "FRA" || c2.Event.Item.Originator != "FRA":
		t.Error("the originator is the creator, not the acknowledging member")
	case c2.Event.Concerns != "KOR" || c1.Event.Concerns != "":
		t.Error("Concerns")
	case c1.Event.Item.VisibleTo("DEU") || !c3.Event.Item.VisibleTo("DEU"):
		t.Error("releasability is not per event")
	case c1.Event.Item.Destination != "PAK" || c3.Event.Item.Destination != "IRN" || !slices.Equal(c1.Event.Item.Transit, []string{"MYS"}):
		t.Error("facts changed under an earlier snapshot")
	case len(c1.Snapshot.Acks) != 0 || c2.Snapshot.Acks["KOR"].IsZero():
		t.Error("acknowledgements changed under an earlier snapshot")
	}
	all := identity.Parts{Parties: true, Route: true, Details: true}
	if c1.StreamItem("KOR", all).GetItem().GetAcknowledged() || !c2.StreamItem("KOR", all).GetItem().GetAcknowledged() {
		t.Error("acknowledged flag")
	}
	if c1.StreamItem("KOR", all) != c1.StreamItem("KOR", all) {
		t.Error("renderings are not shared")
	}
	if c1.StreamItem("KOR", all).GetItem().GetDueAt() != nil {
		t.Error("an alert without a deadline has a due date")
	}
}

func TestStatePassesOverWhatItCannotUse(t *testing.T) {
	s := adapters.NewState()
	if c, err := s.Apply(eventstore.RecordedEvent{Position: 1, Event: eventstore.Event{Data: []byte{0xff, 0xff}}}); c != nil || err == nil {
		t.Errorf("undecodable event: %v %v", c, err)
	}
	if c, _ := s.Apply(recorded(t, 2, alertEnv("a9", 2, "KOR", nil, acked("KOR")))); c != nil {
		t.Error("an event of an item never created was delivered")
	}
	if c, _ := s.Apply(recorded(t, 2, alertEnv("a9", 1, "KOR", nil, raised(&vigilv1.BrokeringAlert{})))); c != nil {
		t.Error("a redelivered position was applied")
	}
	if s.Position() != 2 {
		t.Errorf("position %d", s.Position())
	}
}

func TestSubjects(t *testing.T) {
	if got := adapters.AgencySubject("vigil", "KOR", "customs", "alert", "vigil.v1.AlertRaised"); got != "vigil.agencies.KOR.customs.alert.AlertRaised" {
		t.Error(got)
	}
	if got := adapters.MemberSubject("vigil", "KOR", "denial", "odd.type-x y"); got != "vigil.members.KOR.denial.type_x_y" {
		t.Error(got)
	}
}

func TestRenderingsAreSharedByMembersThatSeeTheSame(t *testing.T) {
	s := adapters.NewState()
	c, _ := s.Apply(recorded(t, 1, alertEnv("a1", 1, "FRA", &vigilv1.Releasability{AllMembers: true},
		raised(&vigilv1.BrokeringAlert{AddressedMembers: []string{"KOR"}}))))
	all := identity.Parts{Parties: true, Route: true, Details: true}
	if c.StreamItem("DEU", all) != c.StreamItem("JPN", all) {
		t.Error("DEU and JPN see the same but do not share it")
	}
	kor := c.StreamItem("KOR", all)
	if kor == c.StreamItem("DEU", all) || !kor.GetItem().GetAddressed() || c.StreamItem("DEU", all).GetItem().GetAddressed() {
		t.Error("the addressed member shares the rendering of the others")
	}
	if c.StreamItem("DEU", all) == c.StreamItem("DEU", identity.Parts{}) {
		t.Error("different parts share a rendering")
	}
}

// BenchmarkApplyAndRender is the work of one alert event for the
// distributor: fold it, then render it for the parts a member's four
// audiences see.
func BenchmarkApplyAndRender(b *testing.B) {
	a := &vigilv1.BrokeringAlert{Reference: "FRA-A-1", Summary: "Gyroscopes via Port Klang", DestinationCountry: "PAK",
		Route:   []*vigilv1.PortCall{{Port: "Shanghai", Country: "CHN"}, {Port: "Port Klang", Country: "MYS"}},
		Parties: []*vigilv1.Party{{Name: "Orion Trading FZE", Aliases: []string{"Orion General Trading"}, Country: "ARE"}},
		Cargo:   &vigilv1.Cargo{SuspectedEntries: []*vigilv1.ControlEntry{{MtcrCode: "9.A.6.a"}}}}
	t := &testing.T{}
	s := adapters.NewState()
	var pos uint64
	for b.Loop() {
		pos++
		c, _ := s.Apply(recorded(t, pos, alertEnv(fmt.Sprintf("a%d", pos), 1, "FRA", &vigilv1.Releasability{AllMembers: true}, raised(a))))
		for _, m := range []string{"DEU", "FRA", "GBR", "ITA", "JPN", "KOR", "USA"} {
			for _, p := range []identity.Parts{{Parties: true, Route: true, Details: true}, {}} {
				_, _ = protojson.Marshal(c.StreamItem(m, p))
			}
		}
	}
}
