package ports

import (
	"log/slog"
	"reflect"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/grpcerr/grpcerrtest"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/internal/pbnotice"
)

var (
	fuzzRoster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}
	fuzzPolicy = domain.Policy{ReviewPeriod: domain.DefaultReviewPeriod, Roster: fuzzRoster}
	fuzzNow    = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
	fuzzFRA    = domain.Actor{Member: "FRA"}
)

const fuzzID = "9f86d081884c7d659a2feaa0c55ad015"

// fuzzNoticePB is a valid notice as a client sends it.
func fuzzNoticePB() *vigilv1.DenialNotice {
	return &vigilv1.DenialNotice{
		Reference:          "FR-SBDU-2025-0042",
		Authority:          "Service des biens à double usage (SBDU)",
		DenialDate:         "2025-03-14",
		Decision:           vigilv1.DenialDecision_DENIAL_DECISION_REFUSED,
		Basis:              vigilv1.DenialBasis_DENIAL_BASIS_LISTED_ITEM,
		ControlEntries:     []*vigilv1.ControlEntry{{MtcrCode: "3.A.1", NationalCode: "9A101"}},
		ItemDescription:    "Two turbojet engines.",
		Quantity:           &vigilv1.Quantity{Amount: "2", Unit: "units"},
		Value:              &vigilv1.Money{Currency: "EUR", AmountMinor: 34_000_000},
		DestinationCountry: "IRN",
		Parties: []*vigilv1.Party{{
			Role:        vigilv1.PartyRole_PARTY_ROLE_END_USER,
			Name:        "Shahid Hemmat Industrial Group",
			Aliases:     []string{"SHIG"},
			Addresses:   []*vigilv1.Address{{City: "Tehran", Country: "IRN"}},
			Country:     "IRN",
			Identifiers: []*vigilv1.Identifier{{Type: vigilv1.IdentifierType_IDENTIFIER_TYPE_REGISTRATION_NUMBER, Value: "10100000001"}},
		}},
		EndUse:        "Stated: agricultural UAV.",
		Reason:        "Risk of contribution to a missile programme.",
		Releasability: &vigilv1.Releasability{Members: []string{"DEU", "JPN"}},
		Marking:       vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
}

func fuzzSeed(f *testing.F, msgs ...proto.Message) {
	f.Helper()
	grpcerrtest.Seed(f, msgs,
		[]byte{0x12, 0x03, 0x0a, 0x01, 0xff},             // notice.reference = "\xff"
		[]byte{0x12, 0x02, 0x20, 0x63},                   // notice.decision = 99
		[]byte{0x12, 0x05, 0x5a, 0x03, 0x08, 0xff, 0x01}, // notice.parties[0].role = 255
	)
}

// fuzzActiveDenial is FRA's notice, folded as the app loads it.
func fuzzActiveDenial(t *testing.T) *domain.Denial {
	t.Helper()
	return domain.Fold(fuzzID, []domain.Recorded{{
		Event: domain.Notified{Notice: pbnotice.Notice(fuzzNoticePB()), NotifiedAt: fuzzNow, ReviewDue: fuzzNow.Add(fuzzPolicy.ReviewPeriod)},
		Actor: fuzzFRA, At: fuzzNow, RequestID: "notify-1", Version: 1, Position: 1,
	}})
}

// fuzzCheckNotice converts a decoded notice, validates it and checks the
// conversion round trip. It returns the domain notice.
func fuzzCheckNotice(t *testing.T, pb *vigilv1.DenialNotice) domain.Notice {
	t.Helper()
	n := pbnotice.Notice(pb)
	err := n.Validate(fuzzRoster, "FRA")
	if err != nil {
		grpcerrtest.FieldErrors(t, statusOf, err, "")
	}
	back := pbnotice.Notice(pbnotice.NoticePB(n))
	if !reflect.DeepEqual(back, n) {
		t.Fatalf("domain -> protobuf -> domain changed the notice:\n got %#v\nwant %#v", back, n)
	}
	return n
}

func FuzzDecodeNotifyRequest(f *testing.F) {
	bad := fuzzNoticePB()
	bad.ControlEntries[0].MtcrCode, bad.DestinationCountry, bad.Releasability = "5.A.1", "irn", nil
	fuzzSeed(f,
		&vigilv1.NotifyDenialRequest{RequestId: "notify-1", Notice: fuzzNoticePB()},
		&vigilv1.NotifyDenialRequest{RequestId: "bad id!", Notice: bad},
		&vigilv1.NotifyDenialRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.NotifyDenialRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "denial_id", "", req.GetRequestId())
		n := fuzzCheckNotice(t, req.GetNotice())
		events, err := domain.Notify(fuzzPolicy, domain.Fold(fuzzID, nil), fuzzFRA, n, fuzzNow)
		if err != nil {
			grpcerrtest.FieldErrors(t, statusOf, err, "notice.")
		}
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeAmendRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.AmendDenialRequest{RequestId: "amend-1", DenialId: fuzzID, Notice: fuzzNoticePB(), Comment: "corrected", ExpectedVersion: 1},
		&vigilv1.AmendDenialRequest{DenialId: "NOT-AN-ID", Comment: "\x00"},
		&vigilv1.AmendDenialRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.AmendDenialRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "denial_id", req.GetDenialId(), req.GetRequestId())
		n := fuzzCheckNotice(t, req.GetNotice())
		events, err := domain.Amend(fuzzPolicy, fuzzActiveDenial(t), fuzzFRA, n, req.GetComment())
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeReviewRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.ReviewDenialRequest{RequestId: "review-1", DenialId: fuzzID, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_RENEWED},
		&vigilv1.ReviewDenialRequest{RequestId: "review-2", DenialId: fuzzID, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_AMENDED, Notice: fuzzNoticePB()},
		&vigilv1.ReviewDenialRequest{RequestId: "review-3", DenialId: fuzzID, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED, Comment: "granted"},
		&vigilv1.ReviewDenialRequest{Outcome: 7, Notice: &vigilv1.DenialNotice{}})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.ReviewDenialRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "denial_id", req.GetDenialId(), req.GetRequestId())
		// As ReviewDenial does: an absent notice is nil, not the zero notice.
		var n *domain.Notice
		if req.GetNotice() != nil {
			dn := fuzzCheckNotice(t, req.GetNotice())
			n = &dn
		}
		events, err := domain.Review(fuzzPolicy, fuzzActiveDenial(t), fuzzFRA, domain.ReviewOutcome(req.GetOutcome()), n, req.GetComment(), fuzzNow)
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

// statusOf is the service's error mapping, as the fuzz checks call it.
func statusOf(err error) error { return toStatus(slog.New(slog.DiscardHandler), err) }
