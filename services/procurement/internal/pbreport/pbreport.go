// Package pbreport converts procurement reports and item references
// between the domain and protobuf. The ports use it for requests, the
// adapters for storage. Enum values keep their numbers, so an unknown
// value sent by a client converts to an invalid domain value that
// validation rejects with a field error.
package pbreport

import (
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

// Report converts a protobuf report (nil gives the zero report, which
// fails validation).
func Report(r *vigilv1.ProcurementReport) domain.Report {
	return domain.Report{
		Reference:        r.GetReference(),
		Agency:           r.GetAgency(),
		FirstContactDate: r.GetFirstContactDate(),
		LastContactDate:  r.GetLastContactDate(),
		Channel:          domain.Channel(r.GetChannel()),
		Items:            items(r.GetItems()),
		Parties:          pbconv.Parties(r.GetParties()),
		PaymentRoute:     paymentRoute(r.GetPaymentRoute()),
		ShippingRoute:    places(r.GetShippingRoute()),
		RedFlags:         redFlags(r.GetRedFlags()),
		Outcome:          domain.Outcome(r.GetOutcome()),
		SourceConfidence: domain.Confidence(r.GetSourceConfidence()),
		Destination:      r.GetDestinationCountry(),
		Summary:          r.GetSummary(),
		Releasability:    pbconv.Releasability(r.GetReleasability()),
		Marking:          model.Marking(r.GetMarking()),
	}
}

// ReportPB converts a domain report.
func ReportPB(r domain.Report) *vigilv1.ProcurementReport {
	return &vigilv1.ProcurementReport{
		Reference:          r.Reference,
		Agency:             r.Agency,
		FirstContactDate:   r.FirstContactDate,
		LastContactDate:    r.LastContactDate,
		Channel:            vigilv1.ContactChannel(r.Channel),
		Items:              itemsPB(r.Items),
		Parties:            pbconv.PartiesPB(r.Parties),
		PaymentRoute:       paymentRoutePB(r.PaymentRoute),
		ShippingRoute:      placesPB(r.ShippingRoute),
		RedFlags:           redFlagsPB(r.RedFlags),
		Outcome:            vigilv1.ProcurementOutcome(r.Outcome),
		SourceConfidence:   vigilv1.SourceConfidence(r.SourceConfidence),
		DestinationCountry: r.Destination,
		Summary:            r.Summary,
		Releasability:      pbconv.ReleasabilityPB(r.Releasability),
		Marking:            vigilv1.HandlingMarking(r.Marking),
	}
}

// ItemRef converts a reference to a shared item (nil gives the zero
// reference, which fails validation).
func ItemRef(r *vigilv1.ItemRef) domain.ItemRef {
	return domain.ItemRef{Kind: domain.ItemKind(r.GetKind()), ID: r.GetId()}
}

// ItemRefPB converts a domain reference.
func ItemRefPB(r domain.ItemRef) *vigilv1.ItemRef {
	return &vigilv1.ItemRef{Kind: vigilv1.ItemKind(r.Kind), Id: r.ID}
}

func items(in []*vigilv1.SoughtItem) []domain.SoughtItem {
	var out []domain.SoughtItem
	for _, it := range in {
		out = append(out, domain.SoughtItem{
			ControlEntries:      pbconv.Entries(it.GetControlEntries()),
			Description:         it.GetDescription(),
			TechnicalParameters: it.GetTechnicalParameters(),
			Quantity:            pbconv.Quantity(it.GetQuantity()),
		})
	}
	return out
}

func itemsPB(in []domain.SoughtItem) []*vigilv1.SoughtItem {
	var out []*vigilv1.SoughtItem
	for _, it := range in {
		out = append(out, &vigilv1.SoughtItem{
			ControlEntries:      pbconv.EntriesPB(it.ControlEntries),
			Description:         it.Description,
			TechnicalParameters: it.TechnicalParameters,
			Quantity:            pbconv.QuantityPB(it.Quantity),
		})
	}
	return out
}

func paymentRoute(p *vigilv1.PaymentRoute) domain.PaymentRoute {
	return domain.PaymentRoute{Description: p.GetDescription(), Countries: p.GetCountries(), Institutions: p.GetInstitutions()}
}

// paymentRoutePB gives nil for an unknown (zero) route.
func paymentRoutePB(p domain.PaymentRoute) *vigilv1.PaymentRoute {
	if p.IsZero() {
		return nil
	}
	return &vigilv1.PaymentRoute{Description: p.Description, Countries: p.Countries, Institutions: p.Institutions}
}

func places(in []*vigilv1.Place) []domain.Place {
	var out []domain.Place
	for _, p := range in {
		out = append(out, domain.Place{Country: p.GetCountry(), Name: p.GetName(), FreeTradeZone: p.GetFreeTradeZone()})
	}
	return out
}

func placesPB(in []domain.Place) []*vigilv1.Place {
	var out []*vigilv1.Place
	for _, p := range in {
		out = append(out, &vigilv1.Place{Country: p.Country, Name: p.Name, FreeTradeZone: p.FreeTradeZone})
	}
	return out
}

func redFlags(in []vigilv1.RedFlag) []domain.RedFlag {
	var out []domain.RedFlag
	for _, f := range in {
		out = append(out, domain.RedFlag(f))
	}
	return out
}

func redFlagsPB(in []domain.RedFlag) []vigilv1.RedFlag {
	var out []vigilv1.RedFlag
	for _, f := range in {
		out = append(out, vigilv1.RedFlag(f))
	}
	return out
}
