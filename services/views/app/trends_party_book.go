package app

import (
	"strings"

	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// partyBook records the parties of the matching items and which of their
// names are one entity: a union-find over PartyKeys, where every record
// joins its name's key to its aliases' keys.
type partyBook struct {
	parent map[string]string
	items  []partyItem
}

// partySeen is one party record in one item.
type partySeen struct {
	// key is the PartyKey of the record's name, or of its first alias if
	// the name has none; name is the name as written, "" in that case.
	key, name string
	// names are the record's name and aliases as written.
	names   []string
	country string
}

func newPartyBook() *partyBook { return &partyBook{parent: map[string]string{}} }

// add records the parties of a matching item.
func (b *partyBook) add(n *adapters.Item, _ *vigilv1.ItemSummary, c proto.Message) {
	it := partyItem{ref: Ref{Kind: n.Kind, ID: n.ID}, at: n.CreatedAt}
	for _, p := range partiesOf(c) {
		if ps, ok := b.record(p); ok {
			it.seen = append(it.seen, ps)
		}
	}
	b.items = append(b.items, it)
}

// record notes a party's keys: its name's (or, if the name has none, its
// first alias's) joined to every alias's, so that a record whose alias is
// another record's name falls in its group. It reports false for a party
// with no usable name.
func (b *partyBook) record(p *vigilv1.Party) (partySeen, bool) {
	ps := partySeen{country: partyCountry(p)}
	if PartyKey(p.GetName()) != "" {
		ps.name = strings.TrimSpace(p.GetName())
	}
	for _, name := range append([]string{p.GetName()}, p.GetAliases()...) {
		name = strings.TrimSpace(name)
		k := PartyKey(name)
		if k == "" {
			continue
		}
		ps.names = append(ps.names, name)
		if ps.key == "" {
			ps.key = k
		}
		b.union(ps.key, k)
	}
	return ps, ps.key != ""
}

// find returns the root of key's set, adding key as a set of its own if
// it is new, and shortens the path it walked.
func (b *partyBook) find(key string) string {
	root := key
	for {
		p, ok := b.parent[root]
		if !ok {
			b.parent[root] = root
			return root
		}
		if p == root {
			break
		}
		root = p
	}
	for key != root {
		key, b.parent[key] = b.parent[key], root
	}
	return root
}

// union joins the sets of x and y under the smaller root.
func (b *partyBook) union(x, y string) {
	rx, ry := b.find(x), b.find(y)
	if rx == ry {
		return
	}
	if ry < rx {
		rx, ry = ry, rx
	}
	b.parent[ry] = rx
}

// partiesOf returns the parties an item's content names.
func partiesOf(c proto.Message) []*vigilv1.Party {
	switch c := c.(type) {
	case *vigilv1.DenialNotice:
		return c.GetParties()
	case *vigilv1.ProcurementReport:
		return c.GetParties()
	case *vigilv1.BrokeringAlert:
		return c.GetParties()
	}
	return nil
}
