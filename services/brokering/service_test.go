package brokering_test

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering"
)

var (
	roster = model.StaticRoster{"USA", "DEU", "FRA", "JPN", "KOR"}
	t0     = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
)

func TestConfigValidate(t *testing.T) {
	err := brokering.Config{LapseInterval: -time.Second}.Validate()
	for _, want := range []string{"Store", "Roster", "LapseInterval"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want a problem with %s", err, want)
		}
	}
	if _, err := brokering.New(brokering.Config{}); err == nil {
		t.Error("New accepted an empty config")
	}
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// principalHeader carries the caller in these tests, standing in for the
// client certificate that identity's interceptors read in production.
const principalHeader = "x-test-principal"

func authenticate(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	if ids := md.Get(principalHeader); len(ids) == 1 {
		p, err := identity.ParseID(ids[0])
		if err != nil {
			return nil, status.Error(codes.Unauthenticated, "bad principal")
		}
		ctx = identity.NewContext(ctx, p)
	}
	return h(ctx, req)
}

// harness is the wired service over an embedded NATS server, running,
// and served over gRPC on loopback.
type harness struct {
	svc    *brokering.Service
	clock  *clock
	client vigilv1.BrokeringServiceClient
}

func start(t *testing.T) *harness {
	t.Helper()
	srv := natsembedtest.Start(t)
	store, err := jsstore.New(t.Context(), jsstore.Config{Conn: natsembedtest.Connect(t, srv)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	c := &clock{t: t0}
	svc, err := brokering.New(brokering.Config{Store: store, Roster: roster, Now: c.Now,
		LapseInterval: time.Hour, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	runService(t, svc)
	return &harness{svc: svc, clock: c, client: vigilv1.NewBrokeringServiceClient(serve(t, svc))}
}

func runService(t *testing.T, svc *brokering.Service) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
}

func serve(t *testing.T, svc *brokering.Service) *grpc.ClientConn {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := grpc.NewServer(grpc.UnaryInterceptor(authenticate))
	svc.Register(g)
	served := make(chan struct{})
	go func() { defer close(served); _ = g.Serve(lis) }()
	t.Cleanup(func() { g.Stop(); <-served })
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func as(t *testing.T, id string) context.Context {
	return metadata.AppendToOutgoingContext(t.Context(), principalHeader, id)
}

func alertPB() *vigilv1.BrokeringAlert {
	return &vigilv1.BrokeringAlert{
		Reference: "US-ALERT-2025-017", Type: vigilv1.AlertType_ALERT_TYPE_TRANSSHIPMENT, Urgency: vigilv1.Urgency_URGENCY_IMMEDIATE,
		Vessel:      &vigilv1.Vessel{Name: "MV Example Trader", ImoNumber: "9074729", Mmsi: "477123400", Flag: "HKG"},
		Consignment: &vigilv1.Consignment{ContainerNumbers: []string{"CSQU3054383"}},
		Route: []*vigilv1.PortCall{{Role: vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSSHIPMENT, Port: "Busan",
			Locode: "KRPUS", Country: "KOR", ArrivalDate: "2025-03-22"}},
		Parties: []*vigilv1.Party{{Role: vigilv1.PartyRole_PARTY_ROLE_BROKER, Name: "Lian Trading Co., Ltd.", Country: "CHN"}},
		Cargo: &vigilv1.Cargo{DeclaredDescription: "Industrial water pumps.", HsCode: "841370",
			SuspectedEntries: []*vigilv1.ControlEntry{{MtcrCode: "3.A.1"}}},
		RequestedAction:    vigilv1.RequestedAction_REQUESTED_ACTION_INSPECT,
		AddressedMembers:   []string{"KOR", "JPN"},
		ResponseDeadline:   timestamppb.New(t0.Add(48 * time.Hour)),
		Summary:            "Turbojet engines declared as pumps.",
		DestinationCountry: "IRN",
		Releasability:      &vigilv1.Releasability{Members: []string{"DEU", "JPN", "KOR"}},
		Marking:            vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
}

func seizedPB() *vigilv1.AlertResponse {
	return &vigilv1.AlertResponse{ActionTaken: vigilv1.RequestedAction_REQUESTED_ACTION_HOLD,
		Outcome: vigilv1.ResponseOutcome_RESPONSE_OUTCOME_SEIZED, Text: "Held and seized at Busan."}
}

func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("code %v (%v), want %v", got, err, want)
	}
}

func TestOverGRPC(t *testing.T) {
	h := start(t)
	raised, err := h.client.RaiseAlert(as(t, "USA"), &vigilv1.RaiseAlertRequest{RequestId: "raise-1", Alert: alertPB()})
	if err != nil {
		t.Fatal(err)
	}
	id := raised.GetResult().GetId()
	again, err := h.client.RaiseAlert(as(t, "USA"), &vigilv1.RaiseAlertRequest{RequestId: "raise-1", Alert: alertPB()})
	if err != nil || !again.GetResult().GetDuplicate() || again.GetResult().GetPosition() != raised.GetResult().GetPosition() {
		t.Fatalf("retry = %v, %v", again, err)
	}

	_, err = h.client.AcknowledgeAlert(as(t, "KOR"), &vigilv1.AcknowledgeAlertRequest{RequestId: "ack-1", AlertId: id})
	wantCode(t, err, codes.OK)
	_, err = h.client.AcknowledgeAlert(as(t, "KOR"), &vigilv1.AcknowledgeAlertRequest{RequestId: "ack-2", AlertId: id})
	wantCode(t, err, codes.AlreadyExists)
	resp, err := h.client.RespondToAlert(as(t, "KOR"), &vigilv1.RespondToAlertRequest{RequestId: "r1", AlertId: id, Response: seizedPB()})
	wantCode(t, err, codes.OK)

	for _, tt := range []struct {
		who  string
		call func(ctx context.Context) error
		want codes.Code
	}{
		{"DEU", respond(h, id), codes.PermissionDenied},
		{"FRA", respond(h, id), codes.NotFound},
		{"KOR-customs", respond(h, id), codes.PermissionDenied},
		{"KOR", update(h, id), codes.PermissionDenied},
		{"FRA", update(h, id), codes.NotFound},
		{"USA-enforcement", closeAlert(h, id), codes.PermissionDenied},
		{"", respond(h, id), codes.Unauthenticated},
	} {
		ctx := t.Context()
		if tt.who != "" {
			ctx = as(t, tt.who)
		}
		if err := tt.call(ctx); status.Code(err) != tt.want {
			t.Errorf("%s: %v, want %v", tt.who, err, tt.want)
		}
	}

	h.clock.Advance(48 * time.Hour)
	if n, err := h.svc.LapseNow(t.Context(), resp.GetResult().GetPosition()); err != nil || n != 1 {
		t.Fatalf("LapseNow = %d, %v; want 1 (JPN)", n, err)
	}
	if n, err := h.svc.LapseNow(t.Context(), resp.GetResult().GetPosition()+1); err != nil || n != 0 {
		t.Fatalf("second LapseNow = %d, %v", n, err)
	}

	_, err = h.client.CloseAlert(as(t, "USA"), &vigilv1.CloseAlertRequest{RequestId: "c1", AlertId: id, Reason: "seized"})
	wantCode(t, err, codes.OK)
	wantCode(t, respond(h, id)(as(t, "JPN")), codes.FailedPrecondition)
	wantCode(t, update(h, id)(as(t, "USA")), codes.FailedPrecondition)
}

func respond(h *harness, id string) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := h.client.RespondToAlert(ctx, &vigilv1.RespondToAlertRequest{AlertId: id, Response: seizedPB()})
		return err
	}
}

func update(h *harness, id string) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := h.client.UpdateAlert(ctx, &vigilv1.UpdateAlertRequest{AlertId: id, Alert: alertPB()})
		return err
	}
}

func closeAlert(h *harness, id string) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := h.client.CloseAlert(ctx, &vigilv1.CloseAlertRequest{AlertId: id})
		return err
	}
}

func TestInvalidArgumentOverGRPC(t *testing.T) {
	h := start(t)
	bad := alertPB()
	bad.Vessel.ImoNumber, bad.AddressedMembers = "IMO 9074729", []string{"KOR", "FRA"}
	bad.ResponseDeadline = timestamppb.New(t0.Add(-time.Hour))
	_, err := h.client.RaiseAlert(as(t, "USA"), &vigilv1.RaiseAlertRequest{RequestId: "raise-1", Alert: bad})
	wantCode(t, err, codes.InvalidArgument)
	var fields []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
	}
	want := "alert.vessel.imo_number,alert.addressed_members[1],alert.response_deadline"
	if strings.Join(fields, ",") != want {
		t.Fatalf("violations %v, want %s", fields, want)
	}
	_, err = h.client.RespondToAlert(as(t, "KOR"), &vigilv1.RespondToAlertRequest{AlertId: "../x", Response: seizedPB()})
	wantCode(t, err, codes.InvalidArgument)
	_, err = h.client.RaiseAlert(as(t, "USA-customs"), &vigilv1.RaiseAlertRequest{Alert: alertPB()})
	wantCode(t, err, codes.PermissionDenied)
}

// Run lapses on its own ticker, with no call to LapseNow.
func TestRunLapsesOnTicker(t *testing.T) {
	srv := natsembedtest.Start(t)
	store, err := jsstore.New(t.Context(), jsstore.Config{Conn: natsembedtest.Connect(t, srv)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	c := &clock{t: t0}
	svc, err := brokering.New(brokering.Config{Store: store, Roster: roster, Now: c.Now,
		LapseInterval: 10 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	runService(t, svc)
	client := vigilv1.NewBrokeringServiceClient(serve(t, svc))
	res, err := client.RaiseAlert(as(t, "USA"), &vigilv1.RaiseAlertRequest{RequestId: "raise-1", Alert: alertPB()})
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(49 * time.Hour)
	want := res.GetResult().GetPosition() + 2 // both JPN and KOR lapsed
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	timeout := time.After(10 * time.Second)
	for {
		last, err := store.LastPosition(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if last == want {
			return
		}
		select {
		case <-tick.C:
		case <-timeout:
			t.Fatalf("log at %d, want %d", last, want)
		}
	}
}
