package adapters

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// render builds the StreamItem of c for member with parts. Sub-messages
// of the content are shared, not copied: nothing modifies them.
func render(c *Change, member string, parts identity.Parts) *vigilv1.StreamItem {
	si := &vigilv1.StreamItem{
		Cursor: domain.Cursor(c.Position()), Position: c.Position(), EventType: c.Event.Type,
		OccurredAt: ts(c.OccurredAt), Item: summary(c.Snapshot, member, parts),
	}
	if parts.Parties {
		si.Parties = contentParties(c.Snapshot.Content)
	}
	if a, ok := c.Snapshot.Content.(*vigilv1.BrokeringAlert); ok && parts.Route {
		si.Route, si.Vessel = a.GetRoute(), a.GetVessel()
	}
	return si
}

func contentParties(content any) []*vigilv1.Party {
	switch c := content.(type) {
	case *vigilv1.DenialNotice:
		return c.GetParties()
	case *vigilv1.ProcurementReport:
		return c.GetParties()
	case *vigilv1.BrokeringAlert:
		return c.GetParties()
	}
	return nil
}

// summary is the list row of the item as member sees it, as the views
// build it, except that countries are limited to the parts allowed.
func summary(s *Snapshot, member string, parts identity.Parts) *vigilv1.ItemSummary {
	f := s.Facts
	out := &vigilv1.ItemSummary{
		Kind: pbconv.ItemKindPB(f.Kind), Id: f.ID, Originator: f.Originator, Status: s.Status, Version: s.Version,
		CreatedAt: ts(s.CreatedAt), UpdatedAt: ts(s.UpdatedAt),
	}
	if s.Status == vigilv1.ItemStatus_ITEM_STATUS_ACTIVE {
		out.DueAt = ts(s.DueAt)
	}
	switch c := s.Content.(type) {
	case *vigilv1.DenialNotice:
		denialSummary(out, c, parts)
	case *vigilv1.ProcurementReport:
		reportSummary(out, c, parts)
	case *vigilv1.BrokeringAlert:
		alertSummary(out, c, member, parts)
	}
	if at, ok := s.Acks[member]; ok {
		out.Acknowledged, out.AcknowledgedAt = true, ts(at)
	}
	out.Countries, out.ControlCodes = unique(out.Countries), unique(out.ControlCodes)
	return out
}

func denialSummary(s *vigilv1.ItemSummary, c *vigilv1.DenialNotice, parts identity.Parts) {
	s.Reference, s.Title, s.DestinationCountry, s.Marking = c.GetReference(), c.GetItemDescription(), c.GetDestinationCountry(), c.GetMarking()
	s.Countries = append(partyCountries(c.GetParties(), parts), c.GetDestinationCountry())
	s.ControlCodes = mtcrCodes(c.GetControlEntries())
}

func reportSummary(s *vigilv1.ItemSummary, c *vigilv1.ProcurementReport, parts identity.Parts) {
	s.Reference, s.Title, s.DestinationCountry, s.Marking = c.GetReference(), c.GetSummary(), c.GetDestinationCountry(), c.GetMarking()
	s.Countries = append(partyCountries(c.GetParties(), parts), c.GetDestinationCountry())
	if parts.Details {
		s.Countries = append(s.Countries, c.GetPaymentRoute().GetCountries()...)
	}
	if parts.Route {
		for _, p := range c.GetShippingRoute() {
			s.Countries = append(s.Countries, p.GetCountry())
		}
	}
	for _, it := range c.GetItems() {
		s.ControlCodes = append(s.ControlCodes, mtcrCodes(it.GetControlEntries())...)
	}
	s.RedFlags = c.GetRedFlags()
}

func alertSummary(s *vigilv1.ItemSummary, c *vigilv1.BrokeringAlert, member string, parts identity.Parts) {
	s.Reference, s.Title, s.DestinationCountry, s.Marking = c.GetReference(), c.GetSummary(), c.GetDestinationCountry(), c.GetMarking()
	s.Countries = append(partyCountries(c.GetParties(), parts), c.GetDestinationCountry())
	if parts.Route {
		s.Countries = append(s.Countries, c.GetVessel().GetFlag())
		for _, p := range c.GetRoute() {
			s.Countries = append(s.Countries, p.GetCountry())
		}
	}
	s.ControlCodes = mtcrCodes(c.GetCargo().GetSuspectedEntries())
	s.Urgency, s.AlertType = c.GetUrgency(), c.GetType()
	for _, m := range c.GetAddressedMembers() {
		s.Addressed = s.Addressed || m == member
	}
}

// partyCountries are the parties' and their addresses' countries, when
// parts allows parties.
func partyCountries(ps []*vigilv1.Party, parts identity.Parts) []string {
	if !parts.Parties {
		return nil
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.GetCountry())
		for _, a := range p.GetAddresses() {
			out = append(out, a.GetCountry())
		}
	}
	return out
}

func mtcrCodes(es []*vigilv1.ControlEntry) []string {
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
