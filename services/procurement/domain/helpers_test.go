package domain_test

import (
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/model/modeltest"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// The regime in these tests: five members; FRA reports to DEU and JPN, so
// KOR and USA are members that cannot see the report.
var (
	roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}
	policy = domain.Policy{Roster: roster}

	fra        = domain.Actor{Member: "FRA"}
	fraCustoms = domain.Actor{Member: "FRA", Agency: "customs"}
	deu        = domain.Actor{Member: "DEU"}
	deuCustoms = domain.Actor{Member: "DEU", Agency: "customs"}
	jpn        = domain.Actor{Member: "JPN"}
	kor        = domain.Actor{Member: "KOR"}
	korCustoms = domain.Actor{Member: "KOR", Agency: "customs"}
	usa        = domain.Actor{Member: "USA"}

	// t0 is when the test report was made.
	t0  = time.Date(2025, 4, 2, 14, 0, 0, 0, time.UTC)
	now = t0.Add(10 * 24 * time.Hour)
)

const (
	testID  = "5d41402abc4b2a76b9719d911017c592"
	otherID = "7d793037a0760186574b0282f2f435e7"
)

// validReport returns a valid report by FRA of an e-mail enquiry for
// servo valves from a Dubai trader for a claimed Iranian end-user,
// releasable to DEU and JPN.
func validReport(t testing.TB) domain.Report {
	t.Helper()
	return domain.Report{
		Reference:        "FR-DGDDI-PA-2025-017",
		Agency:           "Direction générale des douanes (DNRED)",
		FirstContactDate: "2025-02-11",
		LastContactDate:  "2025-03-28",
		Channel:          domain.ChannelEmail,
		Items: []domain.SoughtItem{{
			ControlEntries:      []model.ControlEntry{{MTCRCode: "10.A.2", NationalCode: "9A610"}},
			Description:         "Hydraulic servo valves for flight control actuators.",
			TechnicalParameters: "Flow 20 l/min at 210 bar;\nvibration-qualified to 20 g.",
			Quantity:            model.Quantity{Amount: "40", Unit: "units"},
		}, {
			Description: "Spare seals for the valves.",
		}},
		Parties: []model.Party{{
			Role:     model.RoleEnquiringParty,
			Name:     "Gulf Precision Trading FZE",
			Aliases:  []string{"GPT FZE"},
			Country:  "ARE",
			Phones:   []string{"+971 4 555 0199"},
			Emails:   []string{"sales@gulfprecision.example.ae"},
			Websites: []string{"https://gulfprecision.example.ae"},
		}, {
			Role:      model.RoleEndUser,
			Name:      "Pars Aviation Services",
			Addresses: []model.Address{{City: "Isfahan", Country: "IRN"}},
			Country:   "IRN",
		}, {
			Role: model.RoleFrontCompany, Name: "Blue Horizon General Trading LLC", Country: "ARE",
		}},
		PaymentRoute: domain.PaymentRoute{
			Description:  "Advance payment in cash through an exchange house.",
			Countries:    []string{"ARE", "TUR"},
			Institutions: []string{"Al Noor Exchange"},
		},
		ShippingRoute: []domain.Place{
			{Country: "FRA", Name: "Le Havre"},
			{Country: "ARE", Name: "Jebel Ali Free Zone", FreeTradeZone: true},
			{Country: "IRN", Name: "Bandar Abbas"},
		},
		RedFlags:         []domain.RedFlag{domain.FlagNewCustomerIncompleteKnowledge, domain.FlagEndUserInFreeTradeZone, domain.FlagUnusualPaymentTerms},
		Outcome:          domain.OutcomeRefusedByFirm,
		SourceConfidence: domain.ConfidenceProbablyTrue,
		Destination:      "IRN",
		Summary:          "A new customer asked for 40 servo valves, declined to name the end-use\nand offered cash payment.",
		Releasability:    model.Releasability{Members: []string{"DEU", "JPN"}},
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

// reportedHistory is the history of rep reported by FRA at t0.
func reportedHistory(t testing.TB, rep domain.Report) history {
	t.Helper()
	return history{}.add(fra, "report-1", domain.Reported{Report: rep, ReportedAt: t0})
}

// reported returns the folded state of rep reported by FRA, then the
// extra events, in order.
func reported(t testing.TB, rep domain.Report, then ...func(history) history) *domain.Procurement {
	t.Helper()
	h := reportedHistory(t, rep)
	for _, f := range then {
		h = f(h)
	}
	return domain.Fold(testID, h)
}

func withdrawn(h history) history {
	return h.add(fra, "withdraw-1", domain.Withdrawn{Reason: "Source retracted."})
}

func ackedBy(member string) func(history) history {
	return func(h history) history {
		return h.add(domain.Actor{Member: member}, "ack-"+member, domain.Acknowledged{Member: member})
	}
}

func linkedBy(member string, to domain.ItemRef) func(history) history {
	return func(h history) history {
		return h.add(domain.Actor{Member: member}, "link-"+member, domain.Linked{To: to, By: member})
	}
}

var sentinels = []error{
	domain.ErrNotFound, domain.ErrTargetNotFound, domain.ErrNotOriginator, domain.ErrNotAddressed,
	domain.ErrAgencyNotAllowed, domain.ErrNotMember, domain.ErrWithdrawn, domain.ErrAlreadyAcknowledged,
	domain.ErrAlreadyLinked, domain.ErrAlreadyExists, domain.ErrStaleVersion,
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
