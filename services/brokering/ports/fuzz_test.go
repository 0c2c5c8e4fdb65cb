package ports

import (
	"log/slog"
	"reflect"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/grpcerr/grpcerrtest"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering/domain"
	"github.com/vigil-org/vigil/services/brokering/internal/pbalert"
)

var (
	fuzzRoster = model.StaticRoster{"USA", "DEU", "FRA", "JPN", "KOR"}
	fuzzPolicy = domain.Policy{Roster: fuzzRoster}
	fuzzNow    = time.Date(2025, 3, 20, 9, 30, 0, 0, time.UTC)
	fuzzUSA    = domain.Actor{Member: "USA"}
	fuzzKOR    = domain.Actor{Member: "KOR"}
)

const fuzzID = "4f1c2a9be07d3e5f6a7b8c9d0e1f2a3b"

// fuzzAlertPB is a valid alert as a client sends it.
func fuzzAlertPB() *vigilv1.BrokeringAlert {
	return &vigilv1.BrokeringAlert{
		Reference:   "US-ALERT-2025-017",
		Type:        vigilv1.AlertType_ALERT_TYPE_TRANSSHIPMENT,
		Urgency:     vigilv1.Urgency_URGENCY_IMMEDIATE,
		Vessel:      &vigilv1.Vessel{Name: "MV Example Trader", ImoNumber: "9074729", Mmsi: "477123400", CallSign: "VRAB7", Flag: "HKG"},
		Consignment: &vigilv1.Consignment{ContainerNumbers: []string{"CSQU3054383"}, BillOfLading: "COSU6123456780"},
		Route: []*vigilv1.PortCall{
			{Role: vigilv1.PortCallRole_PORT_CALL_ROLE_LOADING, Port: "Tianjin", Locode: "CNTSN", Country: "CHN", DepartureDate: "2025-03-18"},
			{Role: vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSSHIPMENT, Port: "Busan", Locode: "KRPUS", Country: "KOR",
				ArrivalDate: "2025-03-22", DepartureDate: "2025-03-23"},
		},
		Parties: []*vigilv1.Party{{Role: vigilv1.PartyRole_PARTY_ROLE_BROKER, Name: "Lian Trading Co., Ltd.", Country: "CHN"}},
		Cargo: &vigilv1.Cargo{DeclaredDescription: "Industrial water pumps.", HsCode: "841370",
			SuspectedEntries: []*vigilv1.ControlEntry{{MtcrCode: "3.A.1"}}, Quantity: &vigilv1.Quantity{Amount: "12", Unit: "crates"}},
		RequestedAction:    vigilv1.RequestedAction_REQUESTED_ACTION_INSPECT,
		AddressedMembers:   []string{"KOR", "JPN"},
		ResponseDeadline:   timestamppb.New(fuzzNow.Add(48 * time.Hour)),
		Summary:            "Turbojet engines declared as pumps.",
		DestinationCountry: "IRN",
		Releasability:      &vigilv1.Releasability{Members: []string{"DEU", "JPN", "KOR"}},
		Marking:            vigilv1.HandlingMarking_HANDLING_MARKING_REGIME_RESTRICTED,
	}
}

func fuzzSeed(f *testing.F, msgs ...proto.Message) {
	f.Helper()
	grpcerrtest.Seed(f, msgs,
		[]byte{0x12, 0x03, 0x0a, 0x01, 0xff},       // alert.reference = "\xff"
		[]byte{0x12, 0x02, 0x10, 0x63},             // alert.type = 99
		[]byte{0x12, 0x04, 0x22, 0x02, 0x12, 0x00}, // alert.vessel.imo_number = ""
	)
}

// fuzzOpenAlert is USA's alert, folded as the app loads it.
func fuzzOpenAlert() *domain.Alert {
	return domain.Fold(fuzzID, []domain.Recorded{{
		Event: domain.Raised{Details: pbalert.Details(fuzzAlertPB()), RaisedAt: fuzzNow},
		Actor: fuzzUSA, At: fuzzNow, RequestID: "raise-1", Version: 1, Position: 1,
	}})
}

// fuzzCheckDetails converts a decoded alert and checks the conversion
// round trip; it returns the domain alert.
func fuzzCheckDetails(t *testing.T, pb *vigilv1.BrokeringAlert) domain.Details {
	t.Helper()
	d := pbalert.Details(pb)
	if back := pbalert.Details(pbalert.DetailsPB(d)); !reflect.DeepEqual(back, d) {
		t.Fatalf("domain -> protobuf -> domain changed the alert:\n got %#v\nwant %#v", back, d)
	}
	return d
}

func FuzzDecodeRaiseAlertRequest(f *testing.F) {
	bad := fuzzAlertPB()
	bad.Vessel.ImoNumber, bad.Consignment.ContainerNumbers[0], bad.DestinationCountry = "9074728", "CSQU3054384", "irn"
	bad.ResponseDeadline = &timestamppb.Timestamp{Seconds: -1, Nanos: 2_000_000_000}
	fuzzSeed(f,
		&vigilv1.RaiseAlertRequest{RequestId: "raise-1", Alert: fuzzAlertPB()},
		&vigilv1.RaiseAlertRequest{RequestId: "bad id!", Alert: bad},
		&vigilv1.RaiseAlertRequest{Alert: &vigilv1.BrokeringAlert{Vessel: &vigilv1.Vessel{}, Flight: &vigilv1.Flight{}}},
		&vigilv1.RaiseAlertRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.RaiseAlertRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "alert_id", "", req.GetRequestId())
		d := fuzzCheckDetails(t, req.GetAlert())
		events, err := domain.Raise(fuzzPolicy, domain.Fold(fuzzID, nil), fuzzUSA, d, fuzzNow)
		grpcerrtest.Decision(t, statusOf, events, err, "alert.")
	})
}

func FuzzDecodeUpdateAlertRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.UpdateAlertRequest{RequestId: "update-1", AlertId: fuzzID, Alert: fuzzAlertPB(), Comment: "delayed", ExpectedVersion: 1},
		&vigilv1.UpdateAlertRequest{AlertId: "NOT-AN-ID", Comment: "\x00"},
		&vigilv1.UpdateAlertRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.UpdateAlertRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "alert_id", req.GetAlertId(), req.GetRequestId())
		d := fuzzCheckDetails(t, req.GetAlert())
		events, err := domain.Update(fuzzPolicy, fuzzOpenAlert(), fuzzUSA, d, req.GetComment(), fuzzNow)
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeRespondToAlertRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.RespondToAlertRequest{RequestId: "resp-1", AlertId: fuzzID, Response: &vigilv1.AlertResponse{
			ActionTaken: vigilv1.RequestedAction_REQUESTED_ACTION_HOLD, Outcome: vigilv1.ResponseOutcome_RESPONSE_OUTCOME_SEIZED,
			Text: "Seized at Busan."}},
		&vigilv1.RespondToAlertRequest{AlertId: fuzzID, Response: &vigilv1.AlertResponse{ActionTaken: 9, Outcome: -1, Text: "\u202e"}},
		&vigilv1.RespondToAlertRequest{Response: &vigilv1.AlertResponse{}},
		&vigilv1.RespondToAlertRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.RespondToAlertRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "alert_id", req.GetAlertId(), req.GetRequestId())
		r := pbalert.Response(req.GetResponse())
		if back := pbalert.Response(pbalert.ResponsePB(r)); back != r {
			t.Fatalf("response round trip: %+v -> %+v", r, back)
		}
		events, err := domain.Respond(fuzzPolicy, fuzzOpenAlert(), fuzzKOR, r)
		grpcerrtest.Decision(t, statusOf, events, err, "response.")
	})
}

// statusOf is the service's error mapping, as the fuzz checks call it.
func statusOf(err error) error { return toStatus(slog.New(slog.DiscardHandler), err) }
