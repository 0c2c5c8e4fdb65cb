package app

import (
	"cmp"
	"context"
	"slices"
)

// Edge joins two parties named in the same items; From < To.
type Edge struct {
	From, To string
	// Weight is the number of items naming both.
	Weight int
}

// Network is the answer to PartyNetwork.
type Network struct {
	// Nodes are the parties named in the most items, by item count
	// (descending), name, key.
	Nodes []Party
	// Edges join nodes (by Party.Key) named in the same items, by weight
	// (descending), From, To.
	Edges    []Edge
	Position uint64
}

// PartyNetwork returns the parties of the items q.Member may see that
// pass q.Filter, grouped as TopParties groups them, and links between
// those named in the same items. It keeps the q.Limit parties named in
// the most items and the edges among them. It returns ErrBehind when the
// views do not reach q.MinPosition in time.
func (s *Service) PartyNetwork(ctx context.Context, q PartiesQuery) (Network, error) {
	b := newPartyBook()
	pos, err := s.scan(ctx, q.Member, q.Access, q.MinPosition, q.Filter, b.add)
	if err != nil {
		return Network{}, err
	}
	byRoot := b.groups()
	nodes := sortedParties(byRoot)
	nodes = nodes[:min(limit(q.Limit, DefaultNetworkSize, MaxNetworkSize), len(nodes))]
	kept := make(map[string]bool, len(nodes))
	net := Network{Nodes: make([]Party, 0, len(nodes)), Position: pos}
	for _, p := range nodes {
		kept[p.Key] = true
		net.Nodes = append(net.Nodes, *p)
	}
	net.Edges = b.edges(byRoot, kept)
	return net, nil
}

// edges counts, for every pair of kept parties, the items naming both.
func (b *partyBook) edges(byRoot map[string]*Party, kept map[string]bool) []Edge {
	weights := map[[2]string]int{}
	for _, it := range b.items {
		var keys []string
		for _, ps := range it.seen {
			if k := byRoot[b.find(ps.key)].Key; kept[k] {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		keys = slices.Compact(keys)
		for i, from := range keys {
			for _, to := range keys[i+1:] {
				weights[[2]string{from, to}]++
			}
		}
	}
	out := make([]Edge, 0, len(weights))
	for k, w := range weights {
		out = append(out, Edge{From: k[0], To: k[1], Weight: w})
	}
	slices.SortFunc(out, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return out
}
