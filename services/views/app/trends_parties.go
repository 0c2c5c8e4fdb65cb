package app

import (
	"cmp"
	"context"
	"github.com/vigil-org/vigil/pkg/identity"
	"slices"
	"time"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// PartiesQuery asks about the parties named in the items Member may see
// that pass Filter.
type PartiesQuery struct {
	Member string
	// Access is the caller's need-to-know; the zero Access counts nothing.
	Access      identity.Access
	MinPosition uint64
	Filter      Filter
	// Limit is the number of parties returned (0: the query's default;
	// more than its maximum: the maximum).
	Limit int
}

// Ref names an item: its kind ("denial", "procurement", "alert") and id.
type Ref struct{ Kind, ID string }

// Party is one entity recurring across items: the party records whose
// names or aliases have the same PartyKey, merged transitively (a record
// whose alias is another record's name joins its group).
type Party struct {
	// Key is the PartyKey of Name, unique within one answer.
	Key string
	// Name is the spelling of the name seen most often (ties: the
	// smallest string); for a party known only by aliases, the smallest.
	Name string
	// Names are every name and alias seen, sorted.
	Names []string
	// Country is the country the records give most often ("" if none).
	Country string
	// Items are the distinct items naming the party, newest first.
	Items []Ref
}

// Parties is the answer to TopParties.
type Parties struct {
	Parties  []Party
	Position uint64
}

// TopParties returns the parties that recur across the items q.Member may
// see that pass q.Filter: those named in at least two items (in one, when
// fewer than two items match), by number of items (descending), then name.
// Parties are grouped by exact normalised names (see PartyKey), not by
// fuzzy matching. It returns ErrBehind when the views do not reach
// q.MinPosition in time.
func (s *Service) TopParties(ctx context.Context, q PartiesQuery) (Parties, error) {
	b := newPartyBook()
	pos, err := s.scan(ctx, q.Member, q.Access, q.MinPosition, q.Filter, b.add)
	if err != nil {
		return Parties{}, err
	}
	least := min(2, len(b.items))
	out := []Party{}
	for _, p := range sortedParties(b.groups()) {
		if len(p.Items) >= least {
			out = append(out, *p)
		}
	}
	return Parties{Parties: out[:min(limit(q.Limit, DefaultTopParties, MaxTopParties), len(out))], Position: pos}, nil
}

// sortedParties returns the groups by item count (descending), name, key.
func sortedParties(byRoot map[string]*Party) []*Party {
	out := make([]*Party, 0, len(byRoot))
	for _, p := range byRoot {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Party) int {
		return cmp.Or(cmp.Compare(len(b.Items), len(a.Items)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// partyTally gathers what the records of one group say.
type partyTally struct {
	spellings, countries map[string]int
	names                map[string]bool
	items                []partyItem
}

// groups merges the recorded parties into groups, keyed by their root in
// the union-find.
func (b *partyBook) groups() map[string]*Party {
	tallies := map[string]*partyTally{}
	for _, it := range b.items {
		for _, ps := range it.seen {
			root := b.find(ps.key)
			t := tallies[root]
			if t == nil {
				t = &partyTally{spellings: map[string]int{}, countries: map[string]int{}, names: map[string]bool{}}
				tallies[root] = t
			}
			t.note(it, ps)
		}
	}
	out := make(map[string]*Party, len(tallies))
	for root, t := range tallies {
		out[root] = t.party()
	}
	return out
}

// note adds one record of the party in item it.
func (t *partyTally) note(it partyItem, ps partySeen) {
	if n := len(t.items); n == 0 || t.items[n-1].ref != it.ref {
		t.items = append(t.items, it)
	}
	if ps.name != "" {
		t.spellings[ps.name]++
	}
	if ps.country != "" {
		t.countries[ps.country]++
	}
	for _, n := range ps.names {
		t.names[n] = true
	}
}

// party is the tallied group.
func (t *partyTally) party() *Party {
	p := &Party{Name: mostFrequent(t.spellings), Country: mostFrequent(t.countries)}
	for n := range t.names {
		p.Names = append(p.Names, n)
	}
	slices.Sort(p.Names)
	if p.Name == "" { // known by aliases only
		p.Name = p.Names[0]
	}
	p.Key = PartyKey(p.Name)
	slices.SortFunc(t.items, func(a, b partyItem) int {
		return cmp.Or(b.at.Compare(a.at), cmp.Compare(a.ref.ID, b.ref.ID))
	})
	for _, it := range t.items {
		p.Items = append(p.Items, it.ref)
	}
	return p
}

// mostFrequent returns the key with the highest count, the smallest on
// ties, "" for no keys.
func mostFrequent(counts map[string]int) string {
	best := ""
	for k, c := range counts {
		if best == "" || c > counts[best] || (c == counts[best] && k < best) {
			best = k
		}
	}
	return best
}

// partyCountry is the party's country, or its first address's.
func partyCountry(p *vigilv1.Party) string {
	if p.GetCountry() != "" {
		return p.GetCountry()
	}
	for _, a := range p.GetAddresses() {
		if a.GetCountry() != "" {
			return a.GetCountry()
		}
	}
	return ""
}

// partyItem is one matching item and the parties it names.
type partyItem struct {
	ref  Ref
	at   time.Time
	seen []partySeen
}
