package screening

import (
	"cmp"
	"slices"

	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
)

// Hit is one party of an item that a query found.
type Hit struct {
	// Item is the item, as stored (immutable).
	Item *Item
	// Party is the index of the party in Item.Parties.
	Party int
	// Result is the name match; for a hit by identifier, zero.
	Result match.Result
	// Identifier is the party's identifier that a search by identifier
	// matched; zero for a name match.
	Identifier model.Identifier
}

// PartyOf returns the party the hit is about.
func (h Hit) PartyOf() Party { return h.Item.Parties[h.Party] }

// Search matches query against the names and aliases of the parties of
// the items of the given kinds that member may see, with opts applied to
// each audience's index (see the package doc), and returns the hits best
// first (ties by item id and party). It never reads an index that holds
// an item member may not see.
func (p *Projection) Search(member string, kinds []string, query string, opts match.Options) []Hit {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var hits []Hit
	for key, sh := range p.st.shards {
		if !slices.Contains(kinds, key.kind) || !sh.audience.Includes(member) {
			continue
		}
		for _, r := range sh.ix.Search(query, opts) {
			if h, ok := p.st.hit(r.EntryID, member); ok {
				h.Result = r
				hits = append(hits, h)
			}
		}
	}
	sortHits(hits)
	return hits
}

// WithIdentifiers returns the parties, of the items of the given kinds
// that member may see, that have one of ids (compared by type and by
// value ignoring case, spaces and punctuation), each party once (with the
// first of ids it has), ordered by item id and party.
func (p *Projection) WithIdentifiers(member string, kinds []string, ids []model.Identifier) []Hit {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var hits []Hit
	seen := map[partyRef]bool{}
	for _, id := range ids {
		for ref := range p.st.byIdent[identifierKey(id)] {
			h, ok := p.st.hit(entryID(ref.item, ref.party), member)
			if ok && !seen[ref] && slices.Contains(kinds, h.Item.Kind) {
				seen[ref] = true
				h.Identifier = id
				hits = append(hits, h)
			}
		}
	}
	sortHits(hits)
	return hits
}

// Denials returns the denials to destination that member may see, in any
// status, ordered by id.
func (p *Projection) Denials(member, destination string) []*Item {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out []*Item
	for id := range p.st.byDest[destination] {
		if n := p.st.items[id]; n != nil && n.VisibleTo(member) {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *Item) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Item returns item id if member may see it, else nil and false.
func (p *Projection) Item(member, id string) (*Item, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if n := p.st.items[id]; n != nil && n.VisibleTo(member) {
		return n, true
	}
	return nil, false
}

// hit resolves a match entry ID to a hit, if member may see its item.
func (s *state) hit(entry, member string) (Hit, bool) {
	ref, ok := parseEntryID(entry)
	if !ok {
		return Hit{}, false
	}
	n := s.items[ref.item]
	if n == nil || !n.VisibleTo(member) || ref.party < 0 || ref.party >= len(n.Parties) {
		return Hit{}, false
	}
	return Hit{Item: n, Party: ref.party}, true
}

// sortHits orders hits by score (descending), item id and party.
func sortHits(hits []Hit) {
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Result.Score, a.Result.Score), cmp.Compare(a.Item.ID, b.Item.ID), cmp.Compare(a.Party, b.Party))
	})
}
