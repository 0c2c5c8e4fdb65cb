package domain_test

import (
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/model/modeltest"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// The regime in these tests: five members; FRA notifies to DEU and JPN, so
// KOR and USA are members that cannot see the notice.
var (
	roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}
	policy = domain.Policy{ReviewPeriod: domain.DefaultReviewPeriod, Roster: roster}

	fra        = domain.Actor{Member: "FRA"}
	fraAgency  = domain.Actor{Member: "FRA", Agency: "licensing"}
	deu        = domain.Actor{Member: "DEU"}
	deuCustoms = domain.Actor{Member: "DEU", Agency: "customs"}
	jpn        = domain.Actor{Member: "JPN"}
	kor        = domain.Actor{Member: "KOR"}
	korCustoms = domain.Actor{Member: "KOR", Agency: "customs"}
	usa        = domain.Actor{Member: "USA"}

	// t0 is when the test notice was notified.
	t0 = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
)

const testID = "9f86d081884c7d659a2feaa0c55ad015"

// validNotice returns a valid listed-item denial by FRA of a 3.A.1 engine
// to an Iranian end-user, releasable to DEU and JPN.
func validNotice(t testing.TB) domain.Notice {
	t.Helper()
	return domain.Notice{
		Reference:       "FR-SBDU-2025-0042",
		Authority:       "Service des biens à double usage (SBDU)",
		DenialDate:      "2025-03-14",
		Decision:        domain.DecisionRefused,
		Basis:           domain.BasisListed,
		ControlEntries:  []model.ControlEntry{{MTCRCode: "3.A.1", NationalCode: "9A101"}},
		ItemDescription: "Two turbojet engines, thrust 1.2 kN,\nspecific fuel consumption below 0.13 kg/N/h.",
		Quantity:        model.Quantity{Amount: "2", Unit: "units"},
		Value:           model.Money{Currency: "EUR", AmountMinor: 340_000_00},
		Destination:     "IRN",
		Parties: []model.Party{{
			Role:      model.RoleEndUser,
			Name:      "Shahid Hemmat Industrial Group",
			Aliases:   []string{"SHIG", "Shahid Hemmat Industries Group"},
			Addresses: []model.Address{{Street: "Damavand Tehran Highway", City: "Tehran", Country: "IRN"}},
			Country:   "IRN",
			Identifiers: []model.Identifier{
				{Type: model.IDRegistrationNumber, Value: "10100000001", IssuingCountry: "IRN"},
			},
		}},
		EndUse:        "Stated: civil unmanned aerial vehicle for agricultural spraying.",
		Reason:        "Risk of contribution to a missile delivery-system programme.",
		Releasability: model.Releasability{Members: []string{"DEU", "JPN"}},
		Marking:       model.MarkingRestricted,
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

// notifiedHistory is the history of n notified by FRA at t0.
func notifiedHistory(t testing.TB, n domain.Notice) history {
	t.Helper()
	return history{}.add(fra, "notify-1", domain.Notified{Notice: n, NotifiedAt: t0, ReviewDue: t0.Add(policy.ReviewPeriod)})
}

// notified returns the folded state of n notified by FRA, then the extra
// events, in order.
func notified(t testing.TB, n domain.Notice, then ...func(history) history) *domain.Denial {
	t.Helper()
	h := notifiedHistory(t, n)
	for _, f := range then {
		h = f(h)
	}
	return domain.Fold(testID, h)
}

func revoked(h history) history {
	return h.add(fra, "", domain.Reviewed{Outcome: domain.ReviewRevoked})
}

func expired(h history) history {
	return h.add(domain.Actor{Member: "FRA", Agency: "system"}, "", domain.Expired{ReviewDue: t0.Add(policy.ReviewPeriod)})
}

func ackedBy(member string) func(history) history {
	return func(h history) history {
		return h.add(domain.Actor{Member: member}, "ack-"+member, domain.Acknowledged{Member: member})
	}
}

var sentinels = []error{
	domain.ErrNotFound, domain.ErrNotOriginator, domain.ErrNotAddressed, domain.ErrAgencyNotAllowed,
	domain.ErrNotActive, domain.ErrAlreadyAcknowledged, domain.ErrAlreadyExists, domain.ErrStaleVersion,
	domain.ErrNotDue,
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
