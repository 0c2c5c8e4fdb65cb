package ports

import (
	"errors"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

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
	for _, m := range msgs {
		b, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add([]byte{0x12, 0x03, 0x0a, 0x01, 0xff}) // report.reference = "\xff"
	f.Add([]byte{0x12, 0x02, 0x28, 0x63})       // report.channel = 99
	f.Add([]byte{0x12, 0x02, 0x50, 0x00})       // report.red_flags = [UNSPECIFIED]
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
		fuzzCheckFieldErrors(t, err, "")
	}
	if back := pbreport.Report(pbreport.ReportPB(r)); !reflect.DeepEqual(back, r) {
		t.Fatalf("domain -> protobuf -> domain changed the report:\n got %#v\nwant %#v", back, r)
	}
	return r
}

// fuzzCheckFieldErrors asserts that err is a non-empty set of
// *model.FieldError whose paths start with prefix, and that the ports
// turn it into InvalidArgument with one violation per field error.
func fuzzCheckFieldErrors(t *testing.T, err error, prefix string) {
	t.Helper()
	n := 0
	for _, l := range fuzzLeaves(err) {
		var fe *model.FieldError
		if !errors.As(l, &fe) {
			t.Fatalf("leaf error %q (%T) is not a *model.FieldError", l, l)
		}
		if fe.Field == "" || fe.Reason == "" || !strings.HasPrefix(fe.Field, prefix) {
			t.Fatalf("field error %+v: empty, or not under %q", fe, prefix)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("error %v holds no field errors", err)
	}
	st, ok := status.FromError(toStatus(slog.New(slog.DiscardHandler), err))
	if !ok || st.Code() != codes.InvalidArgument {
		t.Fatalf("toStatus(%v) = %v, want InvalidArgument", err, st)
	}
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok && len(br.GetFieldViolations()) != n {
			t.Fatalf("%d violations for %d field errors", len(br.GetFieldViolations()), n)
		}
	}
}

// fuzzCheckDecision checks a rule's decision for a permitted actor on an
// active report: either one event, or field errors only.
func fuzzCheckDecision(t *testing.T, events []domain.Event, err error) {
	t.Helper()
	if err == nil {
		if len(events) != 1 {
			t.Fatalf("got %d events without an error", len(events))
		}
		return
	}
	if events != nil {
		t.Fatalf("events %v returned with error %v", events, err)
	}
	fuzzCheckFieldErrors(t, err, "")
}

func fuzzLeaves(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, fuzzLeaves(e)...)
		}
		return out
	}
	return []error{err}
}

func fuzzCheckRefs(t *testing.T, id, requestID string) {
	t.Helper()
	if id != "" {
		if err := model.CheckID("report_id", id); err != nil {
			fuzzCheckFieldErrors(t, err, "report_id")
		}
	}
	if err := model.CheckRequestID(requestID); err != nil {
		fuzzCheckFieldErrors(t, err, "request_id")
	}
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
		fuzzCheckRefs(t, "", req.GetRequestId())
		r := fuzzCheckReport(t, req.GetReport())
		events, err := domain.ReportAttempt(fuzzPolicy, domain.Fold(fuzzID, nil), fuzzFRA, r, fuzzNow)
		if err != nil {
			fuzzCheckFieldErrors(t, err, "report.")
		}
		fuzzCheckDecision(t, events, err)
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
		fuzzCheckRefs(t, req.GetReportId(), req.GetRequestId())
		r := fuzzCheckReport(t, req.GetReport())
		events, err := domain.Update(fuzzPolicy, fuzzActive(t), fuzzFRA, r, req.GetComment())
		fuzzCheckDecision(t, events, err)
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
		fuzzCheckRefs(t, req.GetReportId(), req.GetRequestId())
		to := pbreport.ItemRef(req.GetTo())
		if back := pbreport.ItemRef(pbreport.ItemRefPB(to)); back != to {
			t.Fatalf("item reference round trip: %+v -> %+v", to, back)
		}
		if err := domain.CheckLink(fuzzActive(t), fuzzDEU, to, req.GetComment()); err != nil {
			fuzzCheckFieldErrors(t, err, "")
		}
		events, err := domain.Link(fuzzActive(t), fuzzDEU, to, req.GetComment(), true)
		fuzzCheckDecision(t, events, err)
	})
}
