package procurement_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement"
)

var roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}

func TestConfigValidate(t *testing.T) {
	err := procurement.Config{}.Validate()
	if err == nil || !strings.Contains(err.Error(), "Store") || !strings.Contains(err.Error(), "Roster") {
		t.Fatalf("Validate of an empty config = %v, want both problems", err)
	}
	if _, err := procurement.New(procurement.Config{Roster: roster}); err == nil {
		t.Fatal("New without a store succeeded")
	}
}

// testPrincipal stands in for the mTLS identity interceptor: the caller
// names itself in the "principal" metadata.
func testPrincipal(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if ids := md.Get("principal"); len(ids) == 1 {
		p, err := identity.ParseID(ids[0])
		if err != nil {
			return nil, status.Error(codes.Unauthenticated, err.Error())
		}
		ctx = identity.NewContext(ctx, p)
	}
	return h(ctx, req)
}

// startServer runs the wired service on a loopback gRPC server over an
// embedded NATS event store and returns a client.
func startServer(t *testing.T) vigilv1.ProcurementServiceClient {
	t.Helper()
	nc := natsembedtest.Connect(t, natsembedtest.Start(t))
	st, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	svc, err := procurement.New(procurement.Config{Store: st, Roster: roster})
	if err != nil {
		t.Fatal(err)
	}
	if svc.App == nil {
		t.Fatal("New left App nil")
	}
	srv := grpc.NewServer(grpc.UnaryInterceptor(testPrincipal))
	svc.Register(srv)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return vigilv1.NewProcurementServiceClient(conn)
}

func as(t *testing.T, id string) context.Context {
	return metadata.AppendToOutgoingContext(t.Context(), "principal", id)
}

func reportPB() *vigilv1.ProcurementReport {
	return &vigilv1.ProcurementReport{
		Reference: "FR-1", FirstContactDate: "2025-02-11", Channel: vigilv1.ContactChannel_CONTACT_CHANNEL_TRADE_FAIR,
		Items: []*vigilv1.SoughtItem{{Description: "Gyroscopes, drift below 0.5 deg/h."}},
		Parties: []*vigilv1.Party{
			{Role: vigilv1.PartyRole_PARTY_ROLE_ENQUIRING_PARTY, Name: "Enquirer Ltd"},
			{Role: vigilv1.PartyRole_PARTY_ROLE_END_USER, Name: "End User Co"},
		},
		Outcome:            vigilv1.ProcurementOutcome_PROCUREMENT_OUTCOME_PENDING,
		SourceConfidence:   vigilv1.SourceConfidence_SOURCE_CONFIDENCE_CONFIRMED,
		DestinationCountry: "PAK", Summary: "Approach at a trade fair.",
		Releasability: &vigilv1.Releasability{Members: []string{"DEU"}},
		Marking:       vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
}

func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("code = %v (%v), want %v", got, err, want)
	}
}

// TestGRPC checks the status codes a client sees for each kind of
// refusal, end to end.
func TestGRPC(t *testing.T) {
	c := startServer(t)
	res, err := c.ReportAttempt(as(t, "FRA"), &vigilv1.ReportAttemptRequest{RequestId: "r-1", Report: reportPB()})
	if err != nil {
		t.Fatal(err)
	}
	id := res.GetResult().GetId()
	again, err := c.ReportAttempt(as(t, "FRA"), &vigilv1.ReportAttemptRequest{RequestId: "r-1", Report: reportPB()})
	if err != nil || !again.GetResult().GetDuplicate() || again.GetResult().GetPosition() != res.GetResult().GetPosition() {
		t.Fatalf("retry = %v, %v", again, err)
	}

	_, err = c.ReportAttempt(t.Context(), &vigilv1.ReportAttemptRequest{RequestId: "r-2", Report: reportPB()})
	wantCode(t, err, codes.Unauthenticated)
	_, err = c.ReportAttempt(as(t, "FRA-customs"), &vigilv1.ReportAttemptRequest{RequestId: "r-3", Report: reportPB()})
	wantCode(t, err, codes.PermissionDenied)
	_, err = c.UpdateReport(as(t, "KOR"), &vigilv1.UpdateReportRequest{RequestId: "u-1", ReportId: id, Report: reportPB()})
	wantCode(t, err, codes.NotFound)
	_, err = c.UpdateReport(as(t, "DEU"), &vigilv1.UpdateReportRequest{RequestId: "u-2", ReportId: id, Report: reportPB()})
	wantCode(t, err, codes.PermissionDenied)
	_, err = c.UpdateReport(as(t, "FRA"), &vigilv1.UpdateReportRequest{RequestId: "u-3", ReportId: id, Report: reportPB(), ExpectedVersion: 9})
	wantCode(t, err, codes.Aborted)
	_, err = c.RecordOutcome(as(t, "FRA"), &vigilv1.RecordOutcomeRequest{RequestId: "o-1", ReportId: id})
	wantCode(t, err, codes.InvalidArgument)
	_, err = c.LinkReport(as(t, "DEU"), &vigilv1.LinkReportRequest{RequestId: "l-1", ReportId: id,
		To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL, Id: "aaaaaaaaaaaaaaaa"}})
	wantCode(t, err, codes.NotFound)
	_, err = c.LinkReport(as(t, "DEU"), &vigilv1.LinkReportRequest{RequestId: "l-2", ReportId: id,
		To: &vigilv1.ItemRef{Kind: vigilv1.ItemKind_ITEM_KIND_PROCUREMENT, Id: id}})
	wantCode(t, err, codes.InvalidArgument)
	_, err = c.AcknowledgeReport(as(t, "FRA"), &vigilv1.AcknowledgeReportRequest{RequestId: "a-1", ReportId: id})
	wantCode(t, err, codes.PermissionDenied)
	if _, err = c.AcknowledgeReport(as(t, "DEU"), &vigilv1.AcknowledgeReportRequest{RequestId: "a-2", ReportId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = c.AcknowledgeReport(as(t, "DEU"), &vigilv1.AcknowledgeReportRequest{RequestId: "a-3", ReportId: id})
	wantCode(t, err, codes.AlreadyExists)
	if _, err = c.WithdrawReport(as(t, "FRA"), &vigilv1.WithdrawReportRequest{RequestId: "w-1", ReportId: id, Reason: "retracted"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.RecordOutcome(as(t, "FRA"), &vigilv1.RecordOutcomeRequest{RequestId: "o-2", ReportId: id,
		Outcome: vigilv1.ProcurementOutcome_PROCUREMENT_OUTCOME_LICENCE_DENIED})
	wantCode(t, err, codes.FailedPrecondition)
}

// TestGRPC_InvalidArgumentNamesEveryField: a client learns every bad
// field at once, as BadRequest violations.
func TestGRPC_InvalidArgumentNamesEveryField(t *testing.T) {
	c := startServer(t)
	bad := reportPB()
	bad.Channel, bad.Parties, bad.RedFlags = 42, bad.Parties[:1], []vigilv1.RedFlag{3, 3}
	_, err := c.ReportAttempt(as(t, "FRA"), &vigilv1.ReportAttemptRequest{RequestId: "r-1", Report: bad})
	wantCode(t, err, codes.InvalidArgument)
	var fields []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
	}
	if want := "report.channel report.parties report.red_flags[1]"; strings.Join(fields, " ") != want {
		t.Fatalf("violations on %q, want %q", fields, want)
	}
}

func TestRun(t *testing.T) {
	svc, err := procurement.New(procurement.Config{Store: nopStore{}, Roster: roster})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

// nopStore is an event store that Run never calls.
type nopStore struct{ eventstore.Store }
