package app

import (
	"strings"
	"unicode"

	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// portGroups lists an item's ports: an alert's port calls, keyed by
// UN/LOCODE when known, else by normalised name; a report's shipping-route
// places, keyed by normalised name.
func portGroups(c proto.Message) []group {
	var out []group
	switch c := c.(type) {
	case *vigilv1.BrokeringAlert:
		for _, p := range c.GetRoute() {
			out = append(out, portGroup(p.GetLocode(), p.GetPort()))
		}
	case *vigilv1.ProcurementReport:
		for _, p := range c.GetShippingRoute() {
			out = append(out, portGroup("", p.GetName()))
		}
	}
	return withKey(out)
}

// portGroup is the group of a port with an optional LOCODE.
func portGroup(locode, name string) group {
	g := group{key: strings.ToUpper(strings.TrimSpace(locode)), label: strings.TrimSpace(name), name: portName(name)}
	if g.key == "" {
		g.key = g.name
	}
	if g.label == "" {
		g.label = g.key
	}
	return g
}

// portName normalises a port name: upper case, single spaces.
func portName(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '-'
	}), " ")
}

// withKey drops groups with no key.
func withKey(gs []group) []group {
	out := gs[:0]
	for _, g := range gs {
		if g.key != "" {
			out = append(out, g)
		}
	}
	return out
}

// resolvePorts moves ports known only by name into the LOCODE group of a
// port call with the same name (the smallest LOCODE if several), then
// drops repeats within each row.
func resolvePorts(rows []trendRow) {
	byName := map[string]group{}
	for _, r := range rows {
		for _, g := range r.groups {
			if g.key != g.name && g.name != "" {
				if b, ok := byName[g.name]; !ok || g.key < b.key {
					byName[g.name] = g
				}
			}
		}
	}
	for i, r := range rows {
		for j, g := range r.groups {
			if b, ok := byName[g.name]; ok && g.key == g.name {
				r.groups[j] = b
			}
		}
		rows[i].groups = distinct(r.groups)
	}
}
