package domain_test

import (
	"slices"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/model/modeltest"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// The regime in these tests: six members. USA raises a transshipment alert
// releasable to DEU, JPN and KOR, addressed to JPN and KOR (the transit
// states). DEU sees it but is not addressed; FRA and GBR cannot see it.
var (
	roster = model.StaticRoster{"USA", "DEU", "FRA", "GBR", "JPN", "KOR"}
	policy = domain.Policy{Roster: roster}

	usa        = domain.Actor{Member: "USA"}
	usaAgency  = domain.Actor{Member: "USA", Agency: "enforcement"}
	deu        = domain.Actor{Member: "DEU"}
	jpn        = domain.Actor{Member: "JPN"}
	kor        = domain.Actor{Member: "KOR"}
	korCustoms = domain.Actor{Member: "KOR", Agency: "customs"}
	fra        = domain.Actor{Member: "FRA"}
	fraCustoms = domain.Actor{Member: "FRA", Agency: "customs"}
	system     = domain.Actor{Member: "USA", Agency: "system"}

	// t0 is when the test alert was raised; its deadline is two days later.
	t0       = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
	deadline = t0.Add(48 * time.Hour)
)

const testID = "4f1c2a9be07d3e5f6a7b8c9d0e1f2a3b"

// validDetails returns a valid alert by USA: a Hong Kong-flagged vessel
// carrying a container from Tianjin via Busan to Bandar Abbas, suspected
// to hold 3.A.1 engines, with inspection asked of KOR and JPN.
func validDetails(t testing.TB) domain.Details {
	t.Helper()
	return domain.Details{
		Reference: "US-ALERT-2025-017",
		Type:      domain.TypeTransshipment,
		Urgency:   domain.UrgencyImmediate,
		Vessel: domain.Vessel{Name: "MV Example Trader", IMONumber: "9074729", MMSI: "477123400",
			CallSign: "VRAB7", Flag: "HKG"},
		Consignment: domain.Consignment{ContainerNumbers: []string{"CSQU3054383"}, BillOfLading: "COSU6123456780"},
		Route: []domain.PortCall{
			{Role: domain.PortLoading, Port: "Tianjin", LOCODE: "CNTSN", Country: "CHN", DepartureDate: "2025-03-18"},
			{Role: domain.PortTransshipment, Port: "Busan", LOCODE: "KRPUS", Country: "KOR",
				ArrivalDate: "2025-03-22", DepartureDate: "2025-03-23"},
			{Role: domain.PortDischarge, Port: "Bandar Abbas", LOCODE: "IRBND", Country: "IRN", ArrivalDate: "2025-04-05"},
		},
		Parties: []model.Party{
			{Role: model.RoleBroker, Name: "Lian Trading Co., Ltd.", Country: "CHN",
				Addresses: []model.Address{{City: "Dalian", Country: "CHN"}}},
			{Role: model.RoleConsignee, Name: "Pishgam Industrial Co.", Country: "IRN"},
		},
		Cargo: domain.Cargo{
			DeclaredDescription: "Industrial water pumps and spare parts.",
			HSCode:              "841370",
			SuspectedEntries:    []model.ControlEntry{{MTCRCode: "3.A.1", NationalCode: "9A101"}},
			Quantity:            model.Quantity{Amount: "12", Unit: "crates"},
		},
		RequestedAction:  domain.ActionInspect,
		AddressedMembers: []string{"KOR", "JPN"},
		ResponseDeadline: deadline,
		Summary:          "Turbojet engines declared as pumps; the broker was named in a 2024 denial.",
		Destination:      "IRN",
		Releasability:    model.Releasability{Members: []string{"DEU", "JPN", "KOR"}},
		Marking:          model.MarkingRestricted,
	}
}

// history builds recorded events, numbering versions from 1 and positions
// from 100, one hour apart starting at t0.
type history []domain.Recorded

func (h history) add(actor domain.Actor, requestID string, e domain.Event) history {
	v := uint64(len(h) + 1)
	return append(h, domain.Recorded{
		Event: e, Actor: actor, RequestID: requestID,
		At: t0.Add(time.Duration(len(h)) * time.Hour), Version: v, Position: 99 + v,
	})
}

// raised returns the folded state of d raised by USA at t0, then the
// extra events, in order.
func raised(t testing.TB, d domain.Details, then ...func(history) history) *domain.Alert {
	t.Helper()
	h := history{}.add(usa, "raise-1", domain.Raised{Details: d, RaisedAt: t0})
	for _, f := range then {
		h = f(h)
	}
	return domain.Fold(testID, h)
}

func closed(h history) history { return h.add(usa, "close-1", domain.Closed{Reason: "vessel seized"}) }

func ackedBy(member string) func(history) history {
	return func(h history) history {
		return h.add(domain.Actor{Member: member}, "ack-"+member, domain.Acknowledged{Member: member})
	}
}

func respondedBy(member string, o domain.Outcome) func(history) history {
	return func(h history) history {
		r := domain.Response{ActionTaken: domain.ActionInspect, Outcome: o, Text: "Container opened at " + member + "."}
		return h.add(domain.Actor{Member: member}, "resp-"+member, domain.Responded{Member: member, Response: r})
	}
}

func lapsedFor(member string) func(history) history {
	return func(h history) history {
		return h.add(system, "", domain.ResponseLapsed{Member: member, Deadline: deadline})
	}
}

func updatedTo(modify func(d *domain.Details)) func(history) history {
	return func(h history) history {
		d := domain.Fold(testID, h).Details
		d.AddressedMembers = slices.Clone(d.AddressedMembers)
		d.Releasability.Members = slices.Clone(d.Releasability.Members)
		modify(&d)
		return h.add(usa, "", domain.Updated{Details: d})
	}
}

var sentinels = []error{
	domain.ErrNotFound, domain.ErrNotOriginator, domain.ErrNotAddressed, domain.ErrAgencyNotAllowed,
	domain.ErrNotMember, domain.ErrClosed, domain.ErrAlreadyAcknowledged, domain.ErrAlreadyExists,
	domain.ErrStaleVersion, domain.ErrNotDue, domain.ErrNothingToLapse,
}

// The decision checks of pkg/model/modeltest, with this service's types
// and sentinel errors.
func wantErr(t *testing.T, events []domain.Event, err, target error) {
	t.Helper()
	modeltest.Err(t, events, err, target)
}

// wantOne returns a check that fails unless a decision is exactly one
// event, and returns it: wantOne(t)(rule(...)).
func wantOne(t *testing.T) func([]domain.Event, error) domain.Event {
	return func(events []domain.Event, err error) domain.Event {
		t.Helper()
		return modeltest.One(t, events, err)
	}
}

func wantFields(t *testing.T, events []domain.Event, err error, want ...string) {
	t.Helper()
	modeltest.Fields(t, events, err, sentinels, want...)
}

var (
	fieldPaths = modeltest.FieldPaths
	prefixed   = modeltest.Prefixed
	long       = modeltest.Long
)
