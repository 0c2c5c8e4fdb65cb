// Package pbnotice converts denial notices and events between the domain
// and protobuf. The ports use it for requests, the adapters for storage.
package pbnotice

import (
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// Notice converts a protobuf notice (nil gives the zero notice, which
// fails validation).
func Notice(n *vigilv1.DenialNotice) domain.Notice {
	return domain.Notice{
		Reference:       n.GetReference(),
		Authority:       n.GetAuthority(),
		DenialDate:      n.GetDenialDate(),
		Decision:        domain.Decision(n.GetDecision()),
		Basis:           domain.Basis(n.GetBasis()),
		ControlEntries:  pbconv.Entries(n.GetControlEntries()),
		ItemDescription: n.GetItemDescription(),
		Quantity:        pbconv.Quantity(n.GetQuantity()),
		Value:           pbconv.Money(n.GetValue()),
		Destination:     n.GetDestinationCountry(),
		Parties:         pbconv.Parties(n.GetParties()),
		EndUse:          n.GetEndUse(),
		Reason:          n.GetReason(),
		Releasability:   pbconv.Releasability(n.GetReleasability()),
		Marking:         model.Marking(n.GetMarking()),
	}
}

// NoticePB converts a domain notice.
func NoticePB(n domain.Notice) *vigilv1.DenialNotice {
	return &vigilv1.DenialNotice{
		Reference:          n.Reference,
		Authority:          n.Authority,
		DenialDate:         n.DenialDate,
		Decision:           vigilv1.DenialDecision(n.Decision),
		Basis:              vigilv1.DenialBasis(n.Basis),
		ControlEntries:     pbconv.EntriesPB(n.ControlEntries),
		ItemDescription:    n.ItemDescription,
		Quantity:           pbconv.QuantityPB(n.Quantity),
		Value:              pbconv.MoneyPB(n.Value),
		DestinationCountry: n.Destination,
		Parties:            pbconv.PartiesPB(n.Parties),
		EndUse:             n.EndUse,
		Reason:             n.Reason,
		Releasability:      pbconv.ReleasabilityPB(n.Releasability),
		Marking:            vigilv1.HandlingMarking(n.Marking),
	}
}
