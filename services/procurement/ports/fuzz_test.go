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
	"github.com/vigil-org/vigil/services/procurement/domain"
	"github.com/vigil-org/vigil/services/procurement/internal/pbreport"
)

var (
	fuzzRoster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}
	fuzzPolicy = domain.Policy{Roster: fuzzRoster}
	fuzzNow    = time.Date(2025, 4, 2, 14, 0, 0, 0, time.UTC)
	fuzzFRA    = domain.Actor{Member: "FRA"}
	fuzzDEU    = domain.Actor{Member: "DEU"}
)

const fuzzID = "5d41402abc4b2a76b9719d911017c592"

// fuzzReportPB is a valid report as a client sends it.
func fuzzReportPB() *vigilv1.ProcurementReport {
	return &vigilv1.ProcurementReport{
		Reference:        "FR-DGDDI-PA-2025-017",
		Agency:           "customs",
		FirstContactDate: "2025-02-11",
		LastContactDate:  "2025-03-28",
		Channel:          vigilv1.ContactChannel_CONTACT_CHANNEL_EMAIL,
		Items: []*vigilv1.SoughtItem{{
			ControlEntries:      []*vigilv1.ControlEntry{{MtcrCode: "10.A.2"}},
			Description:         "Hydraulic servo valves.",
			TechnicalParameters: "20 l/min",
			Quantity:            &vigilv1.Quantity{Amount: "40", Unit: "units"},
		}},
		Parties: []*vigilv1.Party{
			{Role: vigilv1.PartyRole_PARTY_ROLE_ENQUIRING_PARTY, Name: "Gulf Precision Trading FZE", Country: "ARE",
				Phones: []string{"+971 4 555 0199"}, Emails: []string{"sales@gpt.example.ae"}, Websites: []string{"gpt.example.ae"}},
			{Role: vigilv1.PartyRole_PARTY_ROLE_END_USER, Name: "Pars Aviation Services", Country: "IRN"},
		},
		PaymentRoute:       &vigilv1.PaymentRoute{Description: "cash", Countries: []string{"ARE"}, Institutions: []string{"Al Noor Exchange"}},
		ShippingRoute:      []*vigilv1.Place{{Country: "ARE", Name: "Jebel Ali", FreeTradeZone: true}},
		RedFlags:           []vigilv1.RedFlag{vigilv1.RedFlag_RED_FLAG_END_USER_IN_FREE_TRADE_ZONE},
		Outcome:            vigilv1.ProcurementOutcome_PROCUREMENT_OUTCOME_REFUSED_BY_FIRM,
		SourceConfidence:   vigilv1.SourceConfidence_SOURCE_CONFIDENCE_PROBABLY_TRUE,
		DestinationCountry: "IRN",
		Summary:            "New customer, cash payment offered.",
		Releasability:      &vigilv1.Releasability{Members: []string{"DEU", "JPN"}},
		Marking:            vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
}

func fuzzSeed(f *testing.F, msgs ...proto.Message) {
	f.Helper()
	grpcerrtest.Seed(f, msgs,
		[]byte{0x12, 0x03, 0x0a, 0x01, 0xff}, // report.reference = "\xff"
		[]byte{0x12, 0x02, 0x28, 0x63},       // report.channel = 99
		[]byte{0x12, 0x02, 0x50, 0x00},       // report.red_flags = [UNSPECIFIED]
	)
}

// fuzzActive is FRA's report, folded as the app loads it.
func fuzzActive(t *testing.T) *domain.Procurement {
	t.Helper()
	return domain.Fold(fuzzID, []domain.Recorded{{
		Event: domain.Reported{Report: pbreport.Report(fuzzReportPB()), ReportedAt: fuzzNow},
		Actor: fuzzFRA, At: fuzzNow, RequestID: "report-1", Version: 1, Position: 1,
	}})
}

// fuzzCheckReport converts a decoded report, validates it and checks the
// conversion round trip. It returns the domain report.
func fuzzCheckReport(t *testing.T, pb *vigilv1.ProcurementReport) domain.Report {
	t.Helper()
	r := pbreport.Report(pb)
	if err := r.Validate(fuzzRoster, "FRA"); err != nil {
		grpcerrtest.FieldErrors(t, statusOf, err, "")
	}
	if back := pbreport.Report(pbreport.ReportPB(r)); !reflect.DeepEqual(back, r) {
		t.Fatalf("domain -> protobuf -> domain changed the report:\n got %#v\nwant %#v", back, r)
	}
	return r
}

func FuzzDecodeReportAttemptRequest(f *testing.F) {
	bad := fuzzReportPB()
	bad.Items[0].ControlEntries[0].MtcrCode, bad.DestinationCountry, bad.Releasability = "5.A.1", "irn", nil
	bad.Parties[1].Role, bad.RedFlags = vigilv1.PartyRole_PARTY_ROLE_CARRIER, []vigilv1.RedFlag{1, 1, 77}
	fuzzSeed(f,
		&vigilv1.ReportAttemptRequest{RequestId: "report-1", Report: fuzzReportPB()},
		&vigilv1.ReportAttemptRequest{RequestId: "bad id!", Report: bad},
		&vigilv1.ReportAttemptRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.ReportAttemptRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "report_id", "", req.GetRequestId())
		r := fuzzCheckReport(t, req.GetReport())
		events, err := domain.ReportAttempt(fuzzPolicy, domain.Fold(fuzzID, nil), fuzzFRA, r, fuzzNow)
		if err != nil {
			grpcerrtest.FieldErrors(t, statusOf, err, "report.")
		}
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeUpdateReportRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.UpdateReportRequest{RequestId: "update-1", ReportId: fuzzID, Report: fuzzReportPB(), Comment: "more", ExpectedVersion: 1},
		&vigilv1.UpdateReportRequest{ReportId: "NOT-AN-ID", Comment: "\x00"},
		&vigilv1.UpdateReportRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.UpdateReportRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "report_id", req.GetReportId(), req.GetRequestId())
		r := fuzzCheckReport(t, req.GetReport())
		events, err := domain.Update(fuzzPolicy, fuzzActive(t), fuzzFRA, r, req.GetComment())
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeLinkReportRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.LinkReportRequest{RequestId: "link-1", ReportId: fuzzID, Comment: "same end-user",
			To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL, Id: "aaaaaaaaaaaaaaaa"}},
		&vigilv1.LinkReportRequest{RequestId: "link-2", ReportId: fuzzID,
			To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, Id: fuzzID}},
		&vigilv1.LinkReportRequest{To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_ALERT, Id: "A.B"}, Comment: "\u202e"},
		&vigilv1.LinkReportRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.LinkReportRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "report_id", req.GetReportId(), req.GetRequestId())
		to := pbreport.ItemRef(req.GetTo())
		if back := pbreport.ItemRef(pbreport.ItemRefPB(to)); back != to {
			t.Fatalf("item reference round trip: %+v -> %+v", to, back)
		}
		if err := domain.CheckLink(fuzzActive(t), fuzzDEU, to, req.GetComment()); err != nil {
			grpcerrtest.FieldErrors(t, statusOf, err, "")
		}
		events, err := domain.Link(fuzzActive(t), fuzzDEU, to, req.GetComment(), true)
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

// statusOf is the service's error mapping, as the fuzz checks call it.
func statusOf(err error) error { return toStatus(slog.New(slog.DiscardHandler), err) }
