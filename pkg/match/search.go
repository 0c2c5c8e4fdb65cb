package match

import (
	"iter"
	"slices"
)

// DefaultLimit is the number of results when Options.Limit is zero.
const DefaultLimit = 10

// MatchThreshold is the score at and above which a result is treated as a
// potential match in the quality benchmark; it is a sensible MinScore for
// screening. It was chosen on the OFAC lists (see quality_test.go).
const MatchThreshold = 0.85

// Options control a search.
type Options struct {
	// Country, when set, adds a small bonus to entries of that country.
	Country string
	// Limit caps the number of results; zero means DefaultLimit.
	Limit int
	// MinScore drops results scoring below it; zero keeps every result
	// with a positive score.
	MinScore float64
	// MaxCandidates caps the names retrieved for scoring by Search; zero
	// means DefaultMaxCandidates. ScanSearch ignores it.
	MaxCandidates int
}

func (o Options) withDefaults() Options {
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.MaxCandidates <= 0 {
		o.MaxCandidates = DefaultMaxCandidates
	}
	return o
}

// Result is one matching entry.
type Result struct {
	// EntryID is the ID of the matching entry.
	EntryID string
	// Score is in (0,1]; 1 is an identical normalised name.
	Score float64
	// Explanation describes the best-scoring name of the entry.
	Explanation Explanation
}

// Search returns the entries whose names best match query, best first (ties
// by EntryID), at most opts.Limit of them and none below opts.MinScore. It
// scores only candidates retrieved through the inverted index, so it can
// miss a match that ScanSearch finds when the query shares no rare
// trigram or phonetic key with it. A query with no letters or digits
// returns nil.
func (ix *Index) Search(query string, opts Options) []Result {
	return ix.search(query, opts, false)
}

// ScanSearch is Search scoring every indexed name instead of retrieved
// candidates: slow, exhaustive, and the reference that Search is measured
// against.
func (ix *Index) ScanSearch(query string, opts Options) []Result {
	return ix.search(query, opts, true)
}

type hit struct {
	entry *entryRec
	slot  uint32
	score float64
}

func (ix *Index) search(query string, opts Options, scan bool) []Result {
	opts = opts.withDefaults()
	q := Normalize(query)
	if len(q.Tokens) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, _ := ix.scorers.Get().(*scorer)
	if s == nil {
		s = &scorer{}
	}
	defer ix.scorers.Put(s)
	s.reset(q, opts.Country, ix.queryWeight)
	slots := ix.liveSlots()
	if !scan {
		slots = slices.Values(ix.candidates(s.q, opts.MaxCandidates))
	}
	hits := ix.bestPerEntry(s, slots, opts.MinScore)
	return ix.results(s, hits, opts.Limit)
}

func (ix *Index) queryWeight(t *Token) float64 {
	return ix.weight(t, ix.docFreq(t.Core))
}

func (ix *Index) liveSlots() iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		for i := range ix.names {
			if ix.names[i].entry != nil && !yield(uint32(i)) {
				return
			}
		}
	}
}

// bestPerEntry scores the slots and keeps each entry's best name scoring at
// least minScore (and above zero). The hits are the scorer's scratch space.
func (ix *Index) bestPerEntry(s *scorer, slots iter.Seq[uint32], minScore float64) []hit {
	hits := s.hits[:0]
	for slot := range slots {
		score, _ := ix.scoreSlot(s, slot)
		if score <= 0 || score < minScore {
			continue
		}
		e := ix.names[slot].entry
		if i, ok := s.hitOf[e]; !ok {
			s.hitOf[e] = len(hits)
			hits = append(hits, hit{entry: e, slot: slot, score: score})
		} else if score > hits[i].score {
			hits[i] = hit{entry: e, slot: slot, score: score}
		}
	}
	s.hits = hits
	return hits
}

// scoreSlot scores the name in slot against the scorer's query. The entry
// (a separate allocation) is read only when the query has a country.
func (ix *Index) scoreSlot(s *scorer, slot uint32) (float64, ScoreParts) {
	n := &ix.names[slot]
	c := s.cbuf[:0]
	for _, t := range n.toks {
		c = append(c, s.candidate(t, ix.live))
	}
	s.cbuf = c
	country := ""
	if s.country != "" {
		country = n.entry.e.Country
	}
	return s.score(c, n.split, country)
}

// results keeps the best limit hits, best first, and explains them.
func (ix *Index) results(s *scorer, hits []hit, limit int) []Result {
	hits = bestHits(hits, limit)
	out := make([]Result, len(hits))
	for i, h := range hits {
		score, parts := ix.scoreSlot(s, h.slot)
		out[i] = Result{
			EntryID:     h.entry.e.ID,
			Score:       score,
			Explanation: s.explanation(ix.names[h.slot].raw, parts),
		}
	}
	return out
}

// bestHits moves the best k hits, by score and then by entry ID, to the
// front of hits in that order and returns them. Most hits fall below the
// k-th at the first comparison, so entry IDs (a separate allocation each)
// are read only for ties.
func bestHits(hits []hit, k int) []hit {
	n := 0
	for _, h := range hits {
		if n == k && !h.before(hits[k-1]) {
			continue
		}
		i := min(n, k-1)
		for ; i > 0 && h.before(hits[i-1]); i-- {
			hits[i] = hits[i-1]
		}
		hits[i] = h
		n = min(n+1, k)
	}
	return hits[:n]
}

// before reports whether h ranks before g: a higher score, or the same
// score and a smaller entry ID.
func (h hit) before(g hit) bool {
	if h.score != g.score {
		return h.score > g.score
	}
	return h.entry.e.ID < g.entry.e.ID
}
