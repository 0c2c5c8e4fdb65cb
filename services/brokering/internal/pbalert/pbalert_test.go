package pbalert_test

import (
	"reflect"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering/domain"
	"github.com/vigil-org/vigil/services/brokering/internal/pbalert"
)

func full() domain.Details {
	return domain.Details{
		Reference: "R", Type: domain.TypeBrokering, Urgency: domain.UrgencyPriority,
		Vessel:      domain.Vessel{Name: "N", IMONumber: "9074729", MMSI: "477123400", CallSign: "VRAB7", Flag: "HKG"},
		Flight:      domain.Flight{Number: "EK123", Registration: "A6-EFG", Operator: "O"},
		Consignment: domain.Consignment{ContainerNumbers: []string{"CSQU3054383"}, BillOfLading: "B", AirWaybill: "17612345675"},
		Route: []domain.PortCall{{Role: domain.PortDischarge, Port: "P", LOCODE: "IRBND", Country: "IRN",
			ArrivalDate: "2025-04-05", DepartureDate: "2025-04-06"}},
		Parties: []model.Party{{Role: model.RoleNotifyParty, Name: "NP", Country: "IRN"}},
		Cargo: domain.Cargo{DeclaredDescription: "D", HSCode: "841370",
			SuspectedEntries: []model.ControlEntry{{MTCRCode: "3.A.1", NationalCode: "9A101"}},
			Quantity:         model.Quantity{Amount: "1", Unit: "u"}},
		RequestedAction: domain.ActionHold, AddressedMembers: []string{"KOR"},
		ResponseDeadline: time.Date(2025, 3, 22, 9, 30, 0, 0, time.UTC), Summary: "S", Destination: "IRN",
		Releasability: model.Releasability{AllMembers: true}, Marking: model.MarkingConfidential,
	}
}

// Every field survives domain -> protobuf -> wire -> protobuf -> domain.
func TestDetailsRoundTrip(t *testing.T) {
	d := full()
	b, err := proto.Marshal(pbalert.DetailsPB(d))
	if err != nil {
		t.Fatal(err)
	}
	var pb vigilv1.BrokeringAlert
	if err := proto.Unmarshal(b, &pb); err != nil {
		t.Fatal(err)
	}
	if got := pbalert.Details(&pb); !reflect.DeepEqual(got, d) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, d)
	}
}

// Absent and empty messages convert to zero values that validation
// rejects; zero values convert back to absent messages.
func TestZeroValues(t *testing.T) {
	if got := pbalert.Details(nil); !reflect.DeepEqual(got, domain.Details{}) {
		t.Fatalf("Details(nil) = %+v", got)
	}
	empty := pbalert.Details(&vigilv1.BrokeringAlert{Vessel: &vigilv1.Vessel{}, Flight: &vigilv1.Flight{}, Consignment: &vigilv1.Consignment{}})
	if !empty.Vessel.IsZero() || !empty.Flight.IsZero() || !empty.Consignment.IsZero() {
		t.Fatalf("empty messages: %+v", empty)
	}
	pb := pbalert.DetailsPB(domain.Details{})
	if pb.GetVessel() != nil || pb.GetFlight() != nil || pb.GetConsignment() != nil || pb.GetResponseDeadline() != nil {
		t.Fatalf("DetailsPB(zero) = %v", pb)
	}
	if r := pbalert.Response(nil); r != (domain.Response{}) {
		t.Fatalf("Response(nil) = %+v", r)
	}
	r := domain.Response{ActionTaken: domain.ActionMonitor, Outcome: domain.OutcomeNoShow, Text: "t"}
	if back := pbalert.Response(pbalert.ResponsePB(r)); back != r {
		t.Fatalf("response round trip %+v", back)
	}
}
