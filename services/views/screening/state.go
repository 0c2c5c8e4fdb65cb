package screening

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
)

// state is the projection's content: the items, one match index per kind
// and audience, and lookups of denials by destination and of parties by
// identifier. The projection's lock guards it.
type state struct {
	items   map[string]*Item
	shards  map[shardKey]*shard
	byDest  map[string]map[string]struct{}   // destination -> denial ids
	byIdent map[string]map[partyRef]struct{} // identifierKey -> parties
}

// shardKey names the index of one kind and audience (Audience.key).
type shardKey struct{ kind, audience string }

// shard is the match index of the parties of the items of one kind seen
// by one audience.
type shard struct {
	audience Audience
	ix       *match.Index
}

// partyRef is one party of one item.
type partyRef struct {
	item  string
	party int
}

func newState() *state {
	return &state{items: map[string]*Item{}, shards: map[shardKey]*shard{},
		byDest: map[string]map[string]struct{}{}, byIdent: map[string]map[partyRef]struct{}{}}
}

// put stores n, replacing the item with its id; with reindex, the old
// item's index entries are replaced by n's.
func (s *state) put(n *Item, reindex bool) {
	if reindex {
		if old := s.items[n.ID]; old != nil {
			s.unindex(old)
		}
		s.index(n)
	}
	s.items[n.ID] = n
}

// index adds n's parties to its shard and n to the lookups.
func (s *state) index(n *Item) {
	s.indexNames(n)
	for i, p := range n.Parties {
		for _, k := range identifierKeys(p) {
			addRef(s.byIdent, k, partyRef{n.ID, i})
		}
	}
	if n.Kind == KindDenial {
		addRef(s.byDest, n.Destination, n.ID)
	}
}

// indexNames adds n's parties to the index of its kind and audience,
// created on first use.
func (s *state) indexNames(n *Item) {
	key := shardKey{n.Kind, n.Audience.key()}
	sh, ok := s.shards[key]
	if !ok {
		sh = &shard{audience: n.Audience, ix: match.NewIndex()}
	}
	for i, p := range n.Parties {
		// A party with no usable name (the services refuse one) cannot be
		// found by name; Add then leaves the index unchanged.
		_ = sh.ix.Add(match.Entry{ID: entryID(n.ID, i), Names: p.Names(), Country: p.Country, Refs: []string{n.ID}})
	}
	if sh.ix.Len() > 0 {
		s.shards[key] = sh
	}
}

// unindex removes what index added for n.
func (s *state) unindex(n *Item) {
	key := shardKey{n.Kind, n.Audience.key()}
	if sh, ok := s.shards[key]; ok {
		for i := range n.Parties {
			sh.ix.Remove(entryID(n.ID, i))
		}
		if sh.ix.Len() == 0 {
			delete(s.shards, key)
		}
	}
	for i, p := range n.Parties {
		for _, k := range identifierKeys(p) {
			removeRef(s.byIdent, k, partyRef{n.ID, i})
		}
	}
	if n.Kind == KindDenial {
		removeRef(s.byDest, n.Destination, n.ID)
	}
}

func addRef[V comparable](m map[string]map[V]struct{}, key string, v V) {
	if m[key] == nil {
		m[key] = map[V]struct{}{}
	}
	m[key][v] = struct{}{}
}

func removeRef[V comparable](m map[string]map[V]struct{}, key string, v V) {
	delete(m[key], v)
	if len(m[key]) == 0 {
		delete(m, key)
	}
}

// entryID is the match entry ID of party i of item id.
func entryID(id string, i int) string { return id + "#" + strconv.Itoa(i) }

// parseEntryID splits an entry ID made by entryID.
func parseEntryID(s string) (partyRef, bool) {
	id, idx, ok := strings.Cut(s, "#")
	i, err := strconv.Atoi(idx)
	return partyRef{id, i}, ok && err == nil
}

// identifierKeys are the lookup keys of p's identifiers.
func identifierKeys(p Party) []string {
	var out []string
	for _, id := range p.Identifiers {
		if k := identifierKey(id); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// identifierKey is the lookup key of an identifier: its type and its
// value upper-cased with only letters and digits kept, so that
// "HRB 12345" and "hrb-12345" are one identifier. The issuing country is
// not part of the key: it is often left out. A value with no letter or
// digit has no key ("").
func identifierKey(id model.Identifier) string {
	v := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, id.Value)
	if v == "" {
		return ""
	}
	return strconv.Itoa(int(id.Type)) + ":" + v
}
