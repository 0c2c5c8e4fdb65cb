// Package pbalert converts brokering alerts and responses between the
// domain and protobuf. The ports use it for requests, the adapters for
// storage. Enum values keep their numbers, so an unknown value a client
// sends becomes an invalid domain value that validation rejects.
package pbalert

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

// Details converts a protobuf alert (nil gives the zero alert, which
// fails validation). An empty vessel, flight or consignment message is
// the same as an absent one.
func Details(a *vigilv1.BrokeringAlert) domain.Details {
	return domain.Details{
		Reference:        a.GetReference(),
		Type:             domain.AlertType(a.GetType()),
		Urgency:          domain.Urgency(a.GetUrgency()),
		Vessel:           vessel(a.GetVessel()),
		Flight:           flight(a.GetFlight()),
		Consignment:      consignment(a.GetConsignment()),
		Route:            route(a.GetRoute()),
		Parties:          pbconv.Parties(a.GetParties()),
		Cargo:            cargo(a.GetCargo()),
		RequestedAction:  domain.Action(a.GetRequestedAction()),
		AddressedMembers: a.GetAddressedMembers(),
		ResponseDeadline: Time(a.GetResponseDeadline()),
		Summary:          a.GetSummary(),
		Destination:      a.GetDestinationCountry(),
		Releasability:    pbconv.Releasability(a.GetReleasability()),
		Marking:          model.Marking(a.GetMarking()),
	}
}

// DetailsPB converts domain alert details.
func DetailsPB(d domain.Details) *vigilv1.BrokeringAlert {
	return &vigilv1.BrokeringAlert{
		Reference:          d.Reference,
		Type:               vigilv1.AlertType(d.Type),
		Urgency:            vigilv1.Urgency(d.Urgency),
		Vessel:             vesselPB(d.Vessel),
		Flight:             flightPB(d.Flight),
		Consignment:        consignmentPB(d.Consignment),
		Route:              routePB(d.Route),
		Parties:            pbconv.PartiesPB(d.Parties),
		Cargo:              cargoPB(d.Cargo),
		RequestedAction:    vigilv1.RequestedAction(d.RequestedAction),
		AddressedMembers:   d.AddressedMembers,
		ResponseDeadline:   TimePB(d.ResponseDeadline),
		Summary:            d.Summary,
		DestinationCountry: d.Destination,
		Releasability:      pbconv.ReleasabilityPB(d.Releasability),
		Marking:            vigilv1.HandlingMarking(d.Marking),
	}
}

// Response converts a protobuf response (nil gives the zero response,
// which fails validation).
func Response(r *vigilv1.AlertResponse) domain.Response {
	return domain.Response{
		ActionTaken: domain.Action(r.GetActionTaken()),
		Outcome:     domain.Outcome(r.GetOutcome()),
		Text:        r.GetText(),
	}
}

// ResponsePB converts a domain response.
func ResponsePB(r domain.Response) *vigilv1.AlertResponse {
	return &vigilv1.AlertResponse{
		ActionTaken: vigilv1.RequestedAction(r.ActionTaken),
		Outcome:     vigilv1.ResponseOutcome(r.Outcome),
		Text:        r.Text,
	}
}

// Time converts a timestamp; nil gives the zero time.
func Time(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime()
}

// TimePB converts a time; the zero time gives nil.
func TimePB(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func vessel(v *vigilv1.Vessel) domain.Vessel {
	return domain.Vessel{Name: v.GetName(), IMONumber: v.GetImoNumber(), MMSI: v.GetMmsi(),
		CallSign: v.GetCallSign(), Flag: v.GetFlag()}
}

func vesselPB(v domain.Vessel) *vigilv1.Vessel {
	if v.IsZero() {
		return nil
	}
	return &vigilv1.Vessel{Name: v.Name, ImoNumber: v.IMONumber, Mmsi: v.MMSI, CallSign: v.CallSign, Flag: v.Flag}
}

func flight(f *vigilv1.Flight) domain.Flight {
	return domain.Flight{Number: f.GetFlightNumber(), Registration: f.GetAircraftRegistration(), Operator: f.GetOperator()}
}

func flightPB(f domain.Flight) *vigilv1.Flight {
	if f.IsZero() {
		return nil
	}
	return &vigilv1.Flight{FlightNumber: f.Number, AircraftRegistration: f.Registration, Operator: f.Operator}
}

func consignment(c *vigilv1.Consignment) domain.Consignment {
	return domain.Consignment{ContainerNumbers: c.GetContainerNumbers(), BillOfLading: c.GetBillOfLading(),
		AirWaybill: c.GetAirWaybill()}
}

func consignmentPB(c domain.Consignment) *vigilv1.Consignment {
	if c.IsZero() {
		return nil
	}
	return &vigilv1.Consignment{ContainerNumbers: c.ContainerNumbers, BillOfLading: c.BillOfLading, AirWaybill: c.AirWaybill}
}

func route(pcs []*vigilv1.PortCall) []domain.PortCall {
	var out []domain.PortCall
	for _, pc := range pcs {
		out = append(out, domain.PortCall{
			Role: domain.PortCallRole(pc.GetRole()), Port: pc.GetPort(), LOCODE: pc.GetLocode(),
			Country: pc.GetCountry(), ArrivalDate: pc.GetArrivalDate(), DepartureDate: pc.GetDepartureDate(),
		})
	}
	return out
}

func routePB(pcs []domain.PortCall) []*vigilv1.PortCall {
	var out []*vigilv1.PortCall
	for _, pc := range pcs {
		out = append(out, &vigilv1.PortCall{
			Role: vigilv1.PortCallRole(pc.Role), Port: pc.Port, Locode: pc.LOCODE,
			Country: pc.Country, ArrivalDate: pc.ArrivalDate, DepartureDate: pc.DepartureDate,
		})
	}
	return out
}

func cargo(c *vigilv1.Cargo) domain.Cargo {
	return domain.Cargo{
		DeclaredDescription: c.GetDeclaredDescription(),
		HSCode:              c.GetHsCode(),
		SuspectedEntries:    pbconv.Entries(c.GetSuspectedEntries()),
		Quantity:            pbconv.Quantity(c.GetQuantity()),
	}
}

func cargoPB(c domain.Cargo) *vigilv1.Cargo {
	return &vigilv1.Cargo{
		DeclaredDescription: c.DeclaredDescription,
		HsCode:              c.HSCode,
		SuspectedEntries:    pbconv.EntriesPB(c.SuspectedEntries),
		Quantity:            pbconv.QuantityPB(c.Quantity),
	}
}
