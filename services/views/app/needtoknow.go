package app

import (
	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// An agency sees the need-to-know subset of its member's view
// (identity.NeedToKnow): only the kinds its role allows, and of those only
// the parts it allows. Redaction happens here, once, on every content the
// views return; history entries reach agencies without payloads.

// redact returns content without the parts p does not allow. The summary
// (reference, title, destination, control codes...) always stays.
func redact(content proto.Message, p identity.Parts) proto.Message {
	if p.Parties && p.Route && p.Details {
		return content
	}
	c := proto.Clone(content)
	switch c := c.(type) {
	case *vigilv1.DenialNotice:
		redactDenial(c, p)
	case *vigilv1.ProcurementReport:
		redactReport(c, p)
	case *vigilv1.BrokeringAlert:
		redactAlert(c, p)
	}
	return c
}

func redactDenial(c *vigilv1.DenialNotice, p identity.Parts) {
	if !p.Parties {
		c.Parties = nil
	}
	if !p.Details {
		c.Reason, c.EndUse, c.Authority, c.Quantity, c.Value = "", "", "", nil, nil
	}
}

func redactReport(c *vigilv1.ProcurementReport, p identity.Parts) {
	if !p.Parties {
		c.Parties = nil
	}
	if !p.Route {
		c.ShippingRoute = nil
	}
	if !p.Details {
		c.PaymentRoute, c.Agency = nil, ""
		for _, it := range c.GetItems() {
			it.TechnicalParameters = ""
		}
	}
}

func redactAlert(c *vigilv1.BrokeringAlert, p identity.Parts) {
	if !p.Parties {
		c.Parties = nil
	}
	if !p.Route {
		c.Route, c.Vessel, c.Flight, c.Consignment = nil, nil, nil, nil
	}
	if !p.Details {
		if c.GetCargo() != nil {
			c.Cargo = &vigilv1.Cargo{SuspectedEntries: c.GetCargo().GetSuspectedEntries()}
		}
		c.RequestedAction = vigilv1.RequestedAction_REQUESTED_ACTION_UNSPECIFIED
	}
}

// summarizeFor builds the summary and content a principal with access may
// see; ok is false when its role may not see the item's kind at all.
func summarizeFor(n *adapters.Item, member string, access identity.Access) (*vigilv1.ItemSummary, proto.Message, bool, error) {
	parts, ok := access.Parts(n.Kind)
	if !ok {
		return nil, nil, false, nil
	}
	sum, content, err := summarize(n, member)
	if err != nil {
		return nil, nil, false, err
	}
	if !parts.Parties || !parts.Route {
		sum.Countries = unique([]string{sum.GetDestinationCountry()})
	}
	return sum, redact(content, parts), true, nil
}

// withoutPayloads keeps each history entry's metadata but not its content.
func withoutPayloads(h []*vigilv1.HistoryEntry) []*vigilv1.HistoryEntry {
	out := make([]*vigilv1.HistoryEntry, 0, len(h))
	for _, e := range h {
		env := proto.Clone(e.GetEvent()).(*vigilv1.EventEnvelope)
		env.Payload = nil
		out = append(out, &vigilv1.HistoryEntry{Position: e.GetPosition(), Event: env})
	}
	return out
}
