package match

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Entry is a party held in an Index.
type Entry struct {
	// ID identifies the party; adding an ID again replaces the entry.
	ID string
	// Names holds the primary name and the aliases, in any script and order.
	Names []string
	// Country is the party's country (any code system; compared
	// case-insensitively with Options.Country).
	Country string
	// Refs are the ids of the items the party appears in.
	Refs []string
}

// Errors returned by Add.
var (
	// ErrEmptyID means the entry has no ID.
	ErrEmptyID = errors.New("match: entry has no ID")
	// ErrNoNames means none of the entry's names has a letter or digit.
	ErrNoNames = errors.New("match: entry has no usable name")
)

// Index holds entries for screening. Any number of goroutines may call
// Search, ScanSearch, Get and Len while one goroutine calls Add or Remove:
// a read-write mutex guards the state, and searches share only read-only
// data. The zero value is not usable; call NewIndex.
type Index struct {
	mu      sync.RWMutex
	entries map[string]*entryRec
	names   []nameRec // one slot per indexed name; free slots have entry nil
	nameLen []uint8   // token count per slot, for candidate ranking
	free    []uint32
	live    int // names in use
	terms   map[Token]*term
	vocab   vocabulary
	scratch sync.Pool // *retrieval, reused across searches
	scorers sync.Pool // *scorer, reused across searches
}

type entryRec struct {
	e     Entry
	slots []uint32
}

type nameRec struct {
	entry *entryRec
	raw   string
	toks  []*term
	split int
}

// term is an interned token shared by every name that contains it.
type term struct {
	forms
	stat *coreStat
	refs int
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{
		entries: map[string]*entryRec{},
		terms:   map[Token]*term{},
		vocab:   newVocabulary(),
	}
}

// Len returns the number of entries.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.entries)
}

// Get returns a copy of the entry with the given ID.
func (ix *Index) Get(id string) (Entry, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	rec, ok := ix.entries[id]
	if !ok {
		return Entry{}, false
	}
	return cloneEntry(rec.e), true
}

// Add indexes e, replacing any entry with the same ID. Names that normalise
// to nothing are skipped, and names that normalise identically are indexed
// once. It returns ErrEmptyID or ErrNoNames (wrapped) and then leaves the
// index unchanged.
func (ix *Index) Add(e Entry) error {
	if e.ID == "" {
		return ErrEmptyID
	}
	names := normaliseNames(e.Names)
	if len(names) == 0 {
		return fmt.Errorf("add %q: %w", e.ID, ErrNoNames)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(e.ID)
	rec := &entryRec{e: cloneEntry(e)}
	for _, n := range names {
		rec.slots = append(rec.slots, ix.addName(rec, n.raw, n.name))
	}
	ix.entries[e.ID] = rec
	return nil
}

// Remove deletes the entry with the given ID and reports whether it was
// present.
func (ix *Index) Remove(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.removeLocked(id)
}

type rawName struct {
	raw  string
	name Name
}

// normaliseNames normalises names, dropping empty and duplicate ones.
func normaliseNames(names []string) []rawName {
	var out []rawName
	seen := map[string]bool{}
	for _, raw := range names {
		n := Normalize(raw)
		key := n.GivenFirst().String()
		if len(n.Tokens) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, rawName{raw: raw, name: n})
	}
	return out
}

func cloneEntry(e Entry) Entry {
	e.Names = slices.Clone(e.Names)
	e.Refs = slices.Clone(e.Refs)
	return e
}

func (ix *Index) removeLocked(id string) bool {
	rec, ok := ix.entries[id]
	if !ok {
		return false
	}
	for _, slot := range rec.slots {
		ix.removeName(slot)
	}
	delete(ix.entries, id)
	return true
}

// addName stores one normalised name and posts it under its cores.
func (ix *Index) addName(rec *entryRec, raw string, n Name) uint32 {
	slot := ix.allocSlot()
	toks := make([]*term, len(n.Tokens))
	for i, t := range n.Tokens {
		toks[i] = ix.intern(t)
	}
	for _, cs := range distinctStats(toks) {
		cs.df++
	}
	for _, cs := range distinctStats(keyed(toks)) {
		cs.names = append(cs.names, slot)
	}
	ix.names[slot] = nameRec{entry: rec, raw: raw, toks: toks, split: n.Split}
	ix.nameLen[slot] = uint8(len(toks))
	ix.live++
	return slot
}

// removeName releases a slot, its postings and its share of the statistics.
func (ix *Index) removeName(slot uint32) {
	n := ix.names[slot]
	for _, cs := range distinctStats(keyed(n.toks)) {
		cs.names = removeSlot(cs.names, slot)
	}
	for _, cs := range distinctStats(n.toks) {
		if cs.df--; cs.df == 0 {
			ix.vocab.drop(cs)
		}
	}
	for _, t := range n.toks {
		ix.release(t)
	}
	ix.names[slot] = nameRec{}
	ix.nameLen[slot] = 0
	ix.free = append(ix.free, slot)
	ix.live--
}

func (ix *Index) allocSlot() uint32 {
	if n := len(ix.free); n > 0 {
		slot := ix.free[n-1]
		ix.free = ix.free[:n-1]
		return slot
	}
	ix.names = append(ix.names, nameRec{})
	ix.nameLen = append(ix.nameLen, 0)
	return uint32(len(ix.names) - 1)
}

// intern returns the shared term for t, creating it on first use.
func (ix *Index) intern(t Token) *term {
	tm, ok := ix.terms[t]
	if !ok {
		tm = &term{forms: newForms(t), stat: ix.vocab.acquire(t.Core, t.Key)}
		ix.terms[t] = tm
	}
	tm.refs++
	return tm
}

// release drops one reference to tm and forgets it at zero. (Its core
// leaves the vocabulary when its document frequency reaches zero.)
func (ix *Index) release(tm *term) {
	if tm.refs--; tm.refs == 0 {
		delete(ix.terms, tm.Token)
	}
}

// distinctStats returns the core statistics of toks, each once.
func distinctStats(toks []*term) []*coreStat {
	out := make([]*coreStat, 0, len(toks))
	for _, t := range toks {
		if !slices.Contains(out, t.stat) {
			out = append(out, t.stat)
		}
	}
	return out
}

// docFreq returns the number of indexed names containing core.
func (ix *Index) docFreq(core string) int {
	if st, ok := ix.vocab.byCore[core]; ok {
		return st.df
	}
	return 0
}

// weight is the informativeness of a token in the current index.
func (ix *Index) weight(t *Token, df int) float64 {
	return kindWeight[t.Kind] * idf(df, ix.live)
}
