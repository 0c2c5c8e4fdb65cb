package match

import (
	"slices"
	"strings"
)

// The vocabulary is the set of distinct token cores in the index. Each core
// knows the names it occurs in, and the vocabulary is itself indexed by the
// trigrams and phonetic key of each core, so that a query word finds similar
// words first (a few hundred short lists) and their names second, instead of
// walking one long list of names per trigram. What a search reads for each
// of the hundreds of cores it compares with a query word (trigram count,
// spelling forms) is kept in arrays by core id rather than behind a pointer
// per core.

// coreStat is one distinct core.
type coreStat struct {
	id    int32
	core  string
	key   string
	ngram int      // distinct trigrams of core
	df    int      // names containing the core, in any token kind
	names []uint32 // slots of names whose keyed tokens include the core, each once
}

// vocabulary indexes cores by trigram and by phonetic key. It is guarded by
// the index's lock.
type vocabulary struct {
	byCore  map[string]*coreStat
	byID    []*coreStat // nil where the id is free
	forms   []forms     // each core as a word, for tokenSimilarity, by core id
	ngrams  []uint8     // distinct trigrams per core id (capped at 255), for Dice
	freeIDs []int32
	grams   map[uint32][]int32 // trigram -> core ids
	keys    map[string][]int32 // phonetic key -> core ids
	scratch []uint32
}

func newVocabulary() vocabulary {
	return vocabulary{
		byCore: map[string]*coreStat{},
		grams:  map[uint32][]int32{},
		keys:   map[string][]int32{},
	}
}

// acquire returns the statistics of core, adding the core when it is new.
func (v *vocabulary) acquire(core, key string) *coreStat {
	if cs, ok := v.byCore[core]; ok {
		return cs
	}
	cs := &coreStat{id: v.newID(), core: core, key: key}
	v.byCore[core] = cs
	v.byID[cs.id] = cs
	v.forms[cs.id] = coreForms(core, key)
	v.scratch = distinctGrams(v.scratch[:0], core)
	cs.ngram = len(v.scratch)
	v.ngrams[cs.id] = uint8(min(cs.ngram, 255))
	for _, g := range v.scratch {
		v.grams[g] = append(v.grams[g], cs.id)
	}
	if len(key) >= minKeyLen {
		v.keys[key] = append(v.keys[key], cs.id)
	}
	return cs
}

// coreForms returns the forms of a core taken as a word. Its strings (the
// core, its key and its canonical spelling) are copied into one
// allocation, so that comparing a query word with the core reads one small
// block of memory rather than three scattered ones.
func coreForms(core, key string) forms {
	f := newForms(Token{Text: core, Core: core, Key: key})
	var b strings.Builder
	b.Grow(len(core) + len(key) + len(f.canon))
	b.WriteString(core)
	b.WriteString(key)
	b.WriteString(f.canon)
	all, n := b.String(), len(core)
	f.Text, f.Core = all[:n], all[:n]
	f.Key, f.canon = all[n:n+len(key)], all[n+len(key):]
	return f
}

// drop removes a core that no name contains any more.
func (v *vocabulary) drop(cs *coreStat) {
	v.scratch = distinctGrams(v.scratch[:0], cs.core)
	for _, g := range v.scratch {
		v.grams[g] = removeID(v.grams[g], cs.id)
		if len(v.grams[g]) == 0 {
			delete(v.grams, g)
		}
	}
	if len(cs.key) >= minKeyLen {
		v.keys[cs.key] = removeID(v.keys[cs.key], cs.id)
		if len(v.keys[cs.key]) == 0 {
			delete(v.keys, cs.key)
		}
	}
	delete(v.byCore, cs.core)
	v.byID[cs.id] = nil
	v.forms[cs.id] = forms{}
	v.freeIDs = append(v.freeIDs, cs.id)
}

func (v *vocabulary) newID() int32 {
	if n := len(v.freeIDs); n > 0 {
		id := v.freeIDs[n-1]
		v.freeIDs = v.freeIDs[:n-1]
		return id
	}
	v.byID = append(v.byID, nil)
	v.forms = append(v.forms, forms{})
	v.ngrams = append(v.ngrams, 0)
	return int32(len(v.byID) - 1)
}

// removeID deletes id from an unordered list.
func removeID(list []int32, id int32) []int32 {
	i := slices.Index(list, id)
	if i < 0 {
		return list
	}
	list[i] = list[len(list)-1]
	return list[:len(list)-1]
}

// removeSlot deletes slot from an unordered posting list.
func removeSlot(list []uint32, slot uint32) []uint32 {
	i := slices.Index(list, slot)
	if i < 0 {
		return list
	}
	list[i] = list[len(list)-1]
	return list[:len(list)-1]
}
