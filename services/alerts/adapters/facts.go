package adapters

import (
	"github.com/vigil-org/vigil/pkg/annex"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// withFacts sets f's content-derived facts from content, replacing every
// slice (the previous snapshot may share the old ones).
func withFacts(f *domain.Item, content any) {
	switch c := content.(type) {
	case *vigilv1.DenialNotice:
		f.Destination, f.Transit, f.RedFlags, f.Urgency = c.GetDestinationCountry(), nil, nil, 0
		f.Codes, f.Parties = codes(c.GetControlEntries()), partyKeys(c.GetParties())
	case *vigilv1.ProcurementReport:
		f.Destination, f.Urgency = c.GetDestinationCountry(), 0
		f.Transit = nil
		for _, p := range c.GetShippingRoute() {
			f.Transit = append(f.Transit, p.GetCountry())
		}
		f.Codes = nil
		for _, it := range c.GetItems() {
			f.Codes = append(f.Codes, codes(it.GetControlEntries())...)
		}
		f.Parties, f.RedFlags = partyKeys(c.GetParties()), redFlags(c.GetRedFlags())
	case *vigilv1.BrokeringAlert:
		f.Destination, f.RedFlags, f.Urgency = c.GetDestinationCountry(), nil, int32(c.GetUrgency())
		f.Transit = nil
		for _, p := range c.GetRoute() {
			f.Transit = append(f.Transit, p.GetCountry())
		}
		f.Codes, f.Parties = codes(c.GetCargo().GetSuspectedEntries()), partyKeys(c.GetParties())
	}
}

// codes parses the entries' MTCR codes; one that does not parse (the
// command side validates them) matches no filter.
func codes(es []*vigilv1.ControlEntry) []annex.Code {
	var out []annex.Code
	for _, e := range es {
		if c, err := annex.Parse(e.GetMtcrCode()); err == nil {
			out = append(out, c)
		}
	}
	return out
}

func partyKeys(ps []*vigilv1.Party) [][]domain.NameKey {
	out := make([][]domain.NameKey, 0, len(ps))
	for _, p := range ps {
		out = append(out, domain.PartyKeys(p.GetName(), p.GetAliases()))
	}
	return out
}

func redFlags(rs []vigilv1.RedFlag) []int32 {
	out := make([]int32, 0, len(rs))
	for _, r := range rs {
		out = append(out, int32(r))
	}
	return out
}
