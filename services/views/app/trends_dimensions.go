package app

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/country"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// Dimension is what GetTrends groups items by.
type Dimension int

// Dimensions. The zero Dimension is not valid; ports reject it.
const (
	// DimensionKind groups by kind: "denial", "procurement", "alert".
	DimensionKind Dimension = iota + 1
	// DimensionControlItem groups by MTCR Annex item number ("9"), once
	// per distinct item among an item's control codes.
	DimensionControlItem
	// DimensionCategory groups by MTCR category: "I" (items 1-2), "II".
	DimensionCategory
	// DimensionDestination groups by destination country (ISO alpha-3).
	DimensionDestination
	// DimensionTransitCountry groups by the countries goods pass through:
	// an alert's transshipment and transit port calls, a report's
	// shipping-route places other than the destination.
	DimensionTransitCountry
	// DimensionPort groups by port: an alert's port calls (by UN/LOCODE
	// when known) and a report's shipping-route places (by name, or by the
	// LOCODE an alert gave the same name).
	DimensionPort
	// DimensionRedFlag groups procurement reports by red flag.
	DimensionRedFlag
	// DimensionOriginator groups by originating member.
	DimensionOriginator
)

// kindLabels names the kinds of items.
var kindLabels = map[string]string{
	"denial":      "Denial notification",
	"procurement": "Procurement-attempt report",
	"alert":       "Brokering/transit alert",
}

// groupsOf returns the distinct groups of dimension d item n falls in.
func groupsOf(d Dimension, n *adapters.Item, sum *vigilv1.ItemSummary, c proto.Message) []group {
	var gs []group
	switch d {
	case DimensionKind:
		gs = []group{{key: n.Kind, label: kindLabels[n.Kind]}}
	case DimensionControlItem, DimensionCategory:
		gs = annexGroups(d, sum.GetControlCodes())
	case DimensionDestination:
		gs = countryGroups(sum.GetDestinationCountry())
	case DimensionTransitCountry:
		gs = countryGroups(transitCountries(c)...)
	case DimensionPort:
		gs = portGroups(c)
	case DimensionRedFlag:
		gs = redFlagGroups(sum.GetRedFlags())
	case DimensionOriginator:
		gs = countryGroups(n.Originator)
	}
	return distinct(gs)
}

// annexGroups maps control codes to their Annex items or categories.
// Codes that do not parse are skipped.
func annexGroups(d Dimension, codes []string) []group {
	var out []group
	for _, s := range codes {
		c, err := annex.Parse(s)
		if err != nil {
			continue
		}
		if d == DimensionCategory {
			out = append(out, group{key: strings.TrimPrefix(c.Category().String(), "Category "), label: c.Category().String()})
			continue
		}
		out = append(out, group{key: strconv.Itoa(c.Item()), label: annex.ItemTitle(c.Item())})
	}
	return out
}

// countryGroups labels country codes with their names; empty codes are
// skipped.
func countryGroups(codes ...string) []group {
	var out []group
	for _, c := range codes {
		if c == "" {
			continue
		}
		name, ok := country.Name(c)
		if !ok {
			name = c
		}
		out = append(out, group{key: c, label: name})
	}
	return out
}

// transitCountries lists the countries an item's goods pass through.
func transitCountries(c proto.Message) []string {
	var out []string
	switch c := c.(type) {
	case *vigilv1.BrokeringAlert:
		for _, p := range c.GetRoute() {
			if r := p.GetRole(); r == vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSSHIPMENT || r == vigilv1.PortCallRole_PORT_CALL_ROLE_TRANSIT {
				out = append(out, p.GetCountry())
			}
		}
	case *vigilv1.ProcurementReport:
		for _, p := range c.GetShippingRoute() {
			if p.GetCountry() != c.GetDestinationCountry() {
				out = append(out, p.GetCountry())
			}
		}
	}
	return out
}

// redFlagGroups keys red flags by their enum names ("RED_FLAG_PO_BOX_ADDRESS")
// and labels them in words ("PO box address").
func redFlagGroups(flags []vigilv1.RedFlag) []group {
	var out []group
	for _, f := range flags {
		if f == vigilv1.RedFlag_RED_FLAG_UNSPECIFIED {
			continue
		}
		words := strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(f.String(), "RED_FLAG_")), "_", " ")
		words = strings.ToUpper(words[:1]) + strings.Replace(words[1:], "o box", "O box", 1)
		out = append(out, group{key: f.String(), label: words})
	}
	return out
}

// distinct drops repeated keys, keeping the first of each.
func distinct(gs []group) []group {
	seen := make(map[string]bool, len(gs))
	out := gs[:0]
	for _, g := range gs {
		if !seen[g.key] {
			seen[g.key] = true
			out = append(out, g)
		}
	}
	return out
}
