package app

import (
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// The views read model keeps each item's content as its protobuf message,
// so summaries are built here once, as protobuf, for every query.

// summarize builds the list row of n as member sees it, with its content.
func summarize(n *adapters.Item, member string) (*vigilv1.ItemSummary, proto.Message, error) {
	c, err := adapters.Content(n)
	if err != nil {
		return nil, nil, err
	}
	s := &vigilv1.ItemSummary{
		Kind: pbconv.ItemKindPB(n.Kind), Id: n.ID, Originator: n.Originator, Status: n.Status, Version: n.Version,
		CreatedAt: ts(n.CreatedAt), UpdatedAt: ts(n.UpdatedAt),
	}
	if !n.DueAt.IsZero() && n.Status == vigilv1.ItemStatus_ITEM_STATUS_ACTIVE {
		s.DueAt = ts(n.DueAt)
	}
	switch c := c.(type) {
	case *vigilv1.DenialNotice:
		denialSummary(s, c)
	case *vigilv1.ProcurementReport:
		reportSummary(s, c)
	case *vigilv1.BrokeringAlert:
		alertSummary(s, c, member)
	}
	if at, ok := n.Acks[member]; ok {
		s.Acknowledged, s.AcknowledgedAt = true, ts(at)
	}
	s.Countries = unique(s.Countries)
	s.ControlCodes = unique(s.ControlCodes)
	return s, c, nil
}

func denialSummary(s *vigilv1.ItemSummary, c *vigilv1.DenialNotice) {
	s.Reference, s.Title, s.DestinationCountry, s.Marking = c.GetReference(), c.GetItemDescription(), c.GetDestinationCountry(), c.GetMarking()
	s.Countries = append(partyCountries(c.GetParties()), c.GetDestinationCountry())
	s.ControlCodes = codes(c.GetControlEntries())
}

func reportSummary(s *vigilv1.ItemSummary, c *vigilv1.ProcurementReport) {
	s.Reference, s.Title, s.DestinationCountry, s.Marking = c.GetReference(), c.GetSummary(), c.GetDestinationCountry(), c.GetMarking()
	s.Countries = append(partyCountries(c.GetParties()), c.GetDestinationCountry())
	s.Countries = append(s.Countries, c.GetPaymentRoute().GetCountries()...)
	for _, p := range c.GetShippingRoute() {
		s.Countries = append(s.Countries, p.GetCountry())
	}
	for _, it := range c.GetItems() {
		s.ControlCodes = append(s.ControlCodes, codes(it.GetControlEntries())...)
	}
	s.RedFlags = c.GetRedFlags()
}

func alertSummary(s *vigilv1.ItemSummary, c *vigilv1.BrokeringAlert, member string) {
	s.Reference, s.Title, s.DestinationCountry, s.Marking = c.GetReference(), c.GetSummary(), c.GetDestinationCountry(), c.GetMarking()
	s.Countries = append(partyCountries(c.GetParties()), c.GetDestinationCountry(), c.GetVessel().GetFlag())
	for _, p := range c.GetRoute() {
		s.Countries = append(s.Countries, p.GetCountry())
	}
	s.ControlCodes = codes(c.GetCargo().GetSuspectedEntries())
	s.Urgency, s.AlertType = c.GetUrgency(), c.GetType()
	for _, m := range c.GetAddressedMembers() {
		s.Addressed = s.Addressed || m == member
	}
}

func partyCountries(ps []*vigilv1.Party) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.GetCountry())
		for _, a := range p.GetAddresses() {
			out = append(out, a.GetCountry())
		}
	}
	return out
}

func codes(es []*vigilv1.ControlEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.GetMtcrCode())
	}
	return out
}

// unique drops empty strings and repeats, keeping first-seen order.
func unique(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func ts(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}
