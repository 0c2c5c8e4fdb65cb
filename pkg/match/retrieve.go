package match

import (
	"cmp"
	"slices"
)

// Candidate retrieval, in two steps, neither of which scans the index.
//
//  1. Similar words. For each query word the vocabulary's trigram lists
//     give every core sharing a trigram with it, and its key
//     list every core with the same phonetic key. Cores whose trigram Dice
//     coefficient reaches minDice or whose key is equal are compared with
//     the word by tokenSimilarity, the scorer's own measure; a core's
//     retrieval similarity is the best of that, diceShare times its Dice
//     coefficient and keyShare for an equal key. The Dice term is what
//     finds words split or joined differently: "gui" shares two of its
//     three trigrams with "guiqin" (Dice 0.44), "laden" four of five with
//     "binladen" (0.62). The best maxCoreHits cores are kept.
//  2. Names. Every name on a kept core's list gains the query word's weight
//     (its IDF) times the core's similarity. Lists are walked in order of
//     that gain, highest first, so that rare words and close spellings come
//     first (shorter lists first between equal gains); after postingBudget
//     postings, the remaining lists (common words, weak similarities) only
//     add to names already found. Names are ranked by their total, lightly
//     discounted for words beyond the query's, and the best MaxCandidates
//     are scored.

// DefaultMaxCandidates is the number of names scored per search when
// Options.MaxCandidates is zero.
const DefaultMaxCandidates = 200

const (
	minDice           = 0.3    // trigram Dice coefficient for a similar core
	diceShare         = 0.6    // retrieval similarity per unit of Dice
	keyShare          = 0.5    // retrieval similarity of an equal phonetic key
	maxCoreHits       = 64     // similar cores kept per query word
	maxCoreChecks     = 160    // cores compared with tokenSimilarity per word
	postingBudget     = 10_000 // postings that may add new names
	extraTokenPenalty = 0.15
)

// retrieval is per-search scratch space, pooled by the index.
type retrieval struct {
	acc     []float32 // per name slot; zero between searches
	found   []uint64  // bit per name slot, set for the touched ones; zero between searches
	touched []uint32
	overlap []uint16 // shared trigrams per core id; zero between searches
	hitAt   []int32  // 1 + index in hits per core id; zero between searches
	coreIDs []int32
	hits    []coreHit
	grams   []uint32
	jobs    []job
	heap    []cand
}

// coreHit is a similar core, by id: most hits are never looked at again, so
// their statistics are not loaded.
type coreHit struct {
	id  int32
	sim float32
}

type job struct {
	list []uint32
	inc  float32
}

type cand struct {
	rank float32
	slot uint32
}

// candidates returns up to max name slots likely to match the query
// tokens q. The caller holds the read lock.
func (ix *Index) candidates(q []weighted, max int) []uint32 {
	r := ix.getRetrieval()
	defer ix.scratch.Put(r)
	words := keyed(q)
	for _, w := range words {
		ix.addWordJobs(r, w.tok, w.weight)
	}
	slices.SortFunc(r.jobs, func(a, b job) int {
		return cmp.Or(cmp.Compare(b.inc, a.inc), cmp.Compare(len(a.list), len(b.list)))
	})
	r.accumulate()
	out := r.top(max, len(words), ix.nameLen)
	r.reset()
	return out
}

func (ix *Index) getRetrieval() *retrieval {
	r, _ := ix.scratch.Get().(*retrieval)
	if r == nil {
		r = &retrieval{}
	}
	if len(r.acc) < len(ix.names) {
		r.acc = make([]float32, len(ix.names)+len(ix.names)/8)
		r.found = make([]uint64, (len(r.acc)+63)/64)
	}
	if n := len(ix.vocab.byID); len(r.overlap) < n {
		r.overlap = make([]uint16, n+n/8)
		r.hitAt = make([]int32, n+n/8)
	}
	return r
}

// addWordJobs queues the name lists of the cores similar to one query word.
func (ix *Index) addWordJobs(r *retrieval, w *forms, weight float64) {
	r.hits = r.hits[:0]
	ix.gramHits(r, w.Core)
	ix.keyHits(r, w.Key)
	for _, h := range r.hits {
		r.hitAt[h.id] = 0
	}
	byHit := func(a, b coreHit) int { return cmp.Compare(b.sim, a.sim) }
	if len(r.hits) > maxCoreChecks {
		slices.SortFunc(r.hits, byHit)
		r.hits = r.hits[:maxCoreChecks]
	}
	for i := range r.hits {
		h := &r.hits[i]
		if sim, _ := tokenSimilarity(w, &ix.vocab.forms[h.id]); float32(sim) > h.sim {
			h.sim = float32(sim)
		}
	}
	slices.SortFunc(r.hits, byHit)
	for _, h := range r.hits[:min(len(r.hits), maxCoreHits)] {
		if names := ix.vocab.byID[h.id].names; len(names) > 0 {
			r.jobs = append(r.jobs, job{list: names, inc: float32(weight) * h.sim})
		}
	}
}

// gramHits adds the cores whose trigram Dice coefficient with core reaches
// minDice.
func (ix *Index) gramHits(r *retrieval, core string) {
	r.grams = distinctGrams(r.grams[:0], core)
	r.coreIDs = r.coreIDs[:0]
	for _, g := range r.grams {
		for _, id := range ix.vocab.grams[g] {
			if r.overlap[id] == 0 {
				r.coreIDs = append(r.coreIDs, id)
			}
			r.overlap[id]++
		}
	}
	for _, id := range r.coreIDs {
		dice := 2 * float32(r.overlap[id]) / float32(len(r.grams)+int(ix.vocab.ngrams[id]))
		r.overlap[id] = 0
		if dice >= minDice {
			r.addHit(id, diceShare*dice)
		}
	}
}

// keyHits adds the cores with the same phonetic key.
func (ix *Index) keyHits(r *retrieval, key string) {
	if len(key) < minKeyLen {
		return
	}
	for _, id := range ix.vocab.keys[key] {
		r.addHit(id, keyShare)
	}
}

// addHit records a similar core, keeping the higher similarity when the
// core is already a hit.
func (r *retrieval) addHit(id int32, sim float32) {
	if i := r.hitAt[id]; i > 0 {
		r.hits[i-1].sim = max(r.hits[i-1].sim, sim)
		return
	}
	r.hits = append(r.hits, coreHit{id: id, sim: sim})
	r.hitAt[id] = int32(len(r.hits))
}

// accumulate walks the queued lists in order.
func (r *retrieval) accumulate() {
	spent := 0
	for _, j := range r.jobs {
		if spent < postingBudget {
			r.addAll(j)
		} else {
			r.addFound(j)
		}
		spent += len(j.list)
	}
}

func (r *retrieval) addAll(j job) {
	for _, s := range j.list {
		if w, b := s/64, uint64(1)<<(s%64); r.found[w]&b == 0 {
			r.found[w] |= b
			r.touched = append(r.touched, s)
		}
		r.acc[s] += j.inc
	}
}

// addFound tests the found bits (an eighth of a megabyte for a million
// names, which stays in cache) before touching the accumulator: most names
// on a long list were not found.
func (r *retrieval) addFound(j job) {
	for _, s := range j.list {
		if r.found[s/64]&(1<<(s%64)) != 0 {
			r.acc[s] += j.inc
		}
	}
}

// top returns the k best-ranked touched slots. A name's rank is at most
// its total, so once the heap is full a total that cannot beat the heap's
// least rank is passed over without loading the name's length.
func (r *retrieval) top(k, nq int, nameLen []uint8) []uint32 {
	r.heap = r.heap[:0]
	for _, s := range r.touched {
		if len(r.heap) == k && r.acc[s] <= r.heap[0].rank {
			continue
		}
		extra := max(0, int(nameLen[s])-nq)
		c := cand{rank: r.acc[s] / (1 + extraTokenPenalty*float32(extra)), slot: s}
		switch {
		case len(r.heap) < k:
			r.heap = append(r.heap, c)
			siftUp(r.heap, len(r.heap)-1)
		case c.rank > r.heap[0].rank:
			r.heap[0] = c
			siftDown(r.heap, 0)
		}
	}
	out := make([]uint32, len(r.heap))
	for i, c := range r.heap {
		out[i] = c.slot
	}
	return out
}

// reset clears the accumulator and the queues for the next search.
func (r *retrieval) reset() {
	for _, s := range r.touched {
		r.acc[s], r.found[s/64] = 0, 0
	}
	clear(r.jobs) // drop references to posting lists
	r.touched, r.jobs, r.hits = r.touched[:0], r.jobs[:0], r.hits[:0]
}

// siftUp and siftDown maintain a min-heap on rank.
func siftUp(h []cand, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if h[p].rank <= h[i].rank {
			return
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func siftDown(h []cand, i int) {
	for {
		l, m := 2*i+1, i
		if l < len(h) && h[l].rank < h[m].rank {
			m = l
		}
		if l+1 < len(h) && h[l+1].rank < h[m].rank {
			m = l + 1
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
