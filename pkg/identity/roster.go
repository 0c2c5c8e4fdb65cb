package identity

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Entry is one principal that may hold a client certificate.
type Entry struct {
	// ID is the principal ID, as accepted by [ParseID].
	ID string
	// Name is a human-readable English name ("France",
	// "Germany, customs").
	Name string
}

// DemoRoster returns the development roster: the members FRA, DEU, JPN,
// KOR, USA, GBR and ITA, and the agencies DEU-licensing, DEU-customs,
// KOR-licensing and KOR-customs. Each call returns a fresh slice.
func DemoRoster() []Entry {
	return []Entry{
		{ID: "FRA", Name: "France"},
		{ID: "DEU", Name: "Germany"},
		{ID: "JPN", Name: "Japan"},
		{ID: "KOR", Name: "Republic of Korea"},
		{ID: "USA", Name: "United States of America"},
		{ID: "GBR", Name: "United Kingdom"},
		{ID: "ITA", Name: "Italy"},
		{ID: "DEU-licensing", Name: "Germany, export licensing authority"},
		{ID: "DEU-customs", Name: "Germany, customs"},
		{ID: "KOR-licensing", Name: "Republic of Korea, export licensing authority"},
		{ID: "KOR-customs", Name: "Republic of Korea, customs"},
	}
}

// Roster is an immutable set of entries indexed by ID. It is safe for
// concurrent use.
type Roster struct {
	byID    map[string]Entry
	entries []Entry // sorted by ID
}

// NewRoster builds a roster from entries. It reports every invalid ID
// (wrapping [ErrInvalidID]) and every duplicate ID at once.
func NewRoster(entries []Entry) (*Roster, error) {
	r := &Roster{byID: make(map[string]Entry, len(entries))}
	var errs []error
	for _, e := range entries {
		if _, err := ParseID(e.ID); err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := r.byID[e.ID]; dup {
			errs = append(errs, fmt.Errorf("duplicate id %q", e.ID))
			continue
		}
		r.byID[e.ID] = e
		r.entries = append(r.entries, e)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	slices.SortFunc(r.entries, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) })
	return r, nil
}

// Lookup returns the entry with the given ID, and whether there is one.
// A nil roster holds no entries.
func (r *Roster) Lookup(id string) (Entry, bool) {
	if r == nil {
		return Entry{}, false
	}
	e, ok := r.byID[id]
	return e, ok
}

// Entries returns a copy of the roster's entries, sorted by ID.
func (r *Roster) Entries() []Entry {
	if r == nil {
		return nil
	}
	return slices.Clone(r.entries)
}
