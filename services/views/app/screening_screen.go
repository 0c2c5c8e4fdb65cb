package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/views/screening"
)

// Screen limits.
const (
	DefaultScreenLimit = 10
	MaxScreenLimit     = 100
	// screenBreadth is how many index entries are scored and kept per
	// match requested, screenMinBreadth the least: entries of one party in
	// several items merge into one match, so more are needed than returned.
	screenBreadth    = 10
	screenMinBreadth = 200
)

// ScreenQuery asks which parties of the items a principal may see match a
// name.
type ScreenQuery struct {
	Principal identity.Principal
	// Name is the name to screen; required.
	Name string
	// Country, optional, is the ISO 3166-1 alpha-3 country of the party:
	// parties of that country score slightly higher.
	Country string
	// Identifiers, optional, find the parties that have one of them, at
	// score 1, whatever their names.
	Identifiers []model.Identifier
	// Limit is the number of matches (0: DefaultScreenLimit; at most
	// MaxScreenLimit).
	Limit       int
	MinPosition uint64
}

// Validate checks the query's fields, with paths as in the request, and
// returns every problem at once as joined *model.FieldError values.
func (q ScreenQuery) Validate() error {
	errs := []error{model.CheckText("name", q.Name, model.MaxNameLen, true, false)}
	if q.Country != "" {
		errs = append(errs, model.CheckCountry("country", q.Country))
	}
	if q.Limit < 0 || q.Limit > MaxScreenLimit {
		errs = append(errs, model.Invalid("limit", "must be between 0 (the default, %d) and %d", DefaultScreenLimit, MaxScreenLimit))
	}
	return errors.Join(append(errs, validateIdentifiers(q.Identifiers))...)
}

// validateIdentifiers checks the identifiers of a screen query.
func validateIdentifiers(ids []model.Identifier) error {
	if len(ids) > model.MaxIDs {
		return model.Invalid("identifiers", "has %d entries, the limit is %d", len(ids), model.MaxIDs)
	}
	// A party with the identifiers and a placeholder name checks them as
	// notices do; only the identifiers' errors can occur.
	p := model.Party{Role: model.RoleOther, Name: "-", Identifiers: ids}
	return p.Validate()
}

// ScreenMatch is one party matching a screened name: the party records,
// across the items the principal may see, whose names have one PartyKey.
type ScreenMatch struct {
	// PartyName, Aliases and Country describe the best-matching record;
	// Aliases gathers the aliases of every record.
	PartyName string
	Aliases   []string
	Country   string
	// Score and Explanation are the best match of any record.
	Score       float64
	Explanation match.Explanation
	// Identifier is the identifier that matched, for a match by
	// identifier (then Explanation names only the matched name).
	Identifier model.Identifier
	// Items are the items naming the party, best match first.
	Items []Ref
}

// ScreenResult is the answer to Screen.
type ScreenResult struct {
	Matches  []ScreenMatch
	Position uint64
}

// Screen returns the parties matching q.Name among the parties of the
// items q.Principal's member may see, of the kinds whose parties its role
// may receive, best first: at most q.Limit, none scoring below the
// configured MinScore. An item the member may not see never shapes the
// answer (see package screening). It returns ErrBehind when the
// projection does not reach q.MinPosition in time.
func (s *Screening) Screen(ctx context.Context, q ScreenQuery) (ScreenResult, error) {
	pos, err := s.catchUp(ctx, q.MinPosition)
	if err != nil {
		return ScreenResult{}, err
	}
	member, kinds := q.Principal.Member, partyKinds(identity.NeedToKnow(q.Principal))
	n := limit(q.Limit, DefaultScreenLimit, MaxScreenLimit)
	breadth := max(n*screenBreadth, screenMinBreadth)
	hits := s.proj.Search(member, kinds, q.Name, match.Options{Country: q.Country, Limit: breadth, MinScore: s.cfg.MinScore, MaxCandidates: breadth})
	hits = append(hits, identified(s.proj.WithIdentifiers(member, kinds, q.Identifiers))...)
	return ScreenResult{Matches: screenMatches(visibleHits(hits, member), n), Position: pos}, nil
}

// identified gives hits by identifier the score 1 and an explanation
// naming the party.
func identified(hits []screening.Hit) []screening.Hit {
	for i, h := range hits {
		name := h.PartyOf().Name
		h.Result = match.Result{Score: 1, Explanation: match.Explanation{MatchedName: name}}
		hits[i] = h
	}
	return hits
}

// visibleHits keeps the hits on items member may see: the projection
// returns no others, and this keeps it so should it ever change.
func visibleHits(hits []screening.Hit, member string) []screening.Hit {
	return slices.DeleteFunc(hits, func(h screening.Hit) bool { return !h.Item.VisibleTo(member) })
}

// screenMatches merges hits into one match per party (PartyKey of the
// party's name), best first, and keeps the best n.
func screenMatches(hits []screening.Hit, n int) []ScreenMatch {
	slices.SortStableFunc(hits, compareHits)
	var out []ScreenMatch
	at := map[string]int{}
	for _, h := range hits {
		key := partyKeyOf(h.PartyOf())
		if i, ok := at[key]; ok {
			out[i].merge(h)
			continue
		}
		at[key] = len(out)
		out = append(out, newScreenMatch(h))
	}
	return out[:min(len(out), n)]
}

// compareHits orders hits by score (descending), item id and party.
func compareHits(a, b screening.Hit) int {
	return cmp.Or(cmp.Compare(b.Result.Score, a.Result.Score), cmp.Compare(a.Item.ID, b.Item.ID), cmp.Compare(a.Party, b.Party))
}

// partyKeyOf groups party records: by PartyKey of the name, or the name
// itself when it has no key.
func partyKeyOf(p screening.Party) string {
	if k := PartyKey(p.Name); k != "" {
		return k
	}
	return fmt.Sprintf("%q", p.Name)
}

func newScreenMatch(h screening.Hit) ScreenMatch {
	p := h.PartyOf()
	m := ScreenMatch{PartyName: p.Name, Country: p.Country, Score: h.Result.Score, Explanation: h.Result.Explanation, Identifier: h.Identifier}
	m.merge(h)
	return m
}

// merge adds a record of the same party, scoring no better.
func (m *ScreenMatch) merge(h screening.Hit) {
	p := h.PartyOf()
	for _, a := range p.Aliases {
		if a != m.PartyName && !slices.Contains(m.Aliases, a) {
			m.Aliases = append(m.Aliases, a)
		}
	}
	if m.Country == "" {
		m.Country = p.Country
	}
	if ref := (Ref{Kind: h.Item.Kind, ID: h.Item.ID}); !slices.Contains(m.Items, ref) {
		m.Items = append(m.Items, ref)
	}
}
