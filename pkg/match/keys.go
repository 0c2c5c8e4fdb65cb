package match

import "slices"

// Retrieval keys of a word: the character trigrams of its core, padded with
// start and end markers ("qaddafi" -> ^qa qad add ddaf ... fi$), and its
// phonetic key when that has at least two classes. Only word tokens are
// looked up, unless a name has no word tokens at all: particles,
// honorifics and legal forms would only produce long, useless lists.

const (
	gramStart = 0x01 // byte before a core in its trigrams
	gramEnd   = 0x02 // byte after it
	minKeyLen = 2    // shorter phonetic keys are not indexed
)

// keyed returns the tokens that are used for retrieval.
func keyed[T interface{ kind() TokenKind }](toks []T) []T {
	words := make([]T, 0, len(toks))
	for _, t := range toks {
		if t.kind() == KindWord {
			words = append(words, t)
		}
	}
	if len(words) == 0 {
		return toks
	}
	return words
}

func (t *term) kind() TokenKind    { return t.Kind }
func (w weighted) kind() TokenKind { return w.tok.Kind }

// distinctGrams appends the distinct padded trigrams of core to grams.
func distinctGrams(grams []uint32, core string) []uint32 {
	start := len(grams)
	grams = appendGrams(grams, core)
	slices.Sort(grams[start:])
	return append(grams[:start], slices.Compact(grams[start:])...)
}

// appendGrams appends the padded trigrams of core.
func appendGrams(grams []uint32, core string) []uint32 {
	n := len(core) + 2
	at := func(i int) uint32 {
		switch i {
		case 0:
			return gramStart
		case n - 1:
			return gramEnd
		}
		return uint32(core[i-1])
	}
	for i := 0; i+3 <= n; i++ {
		grams = append(grams, at(i)<<16|at(i+1)<<8|at(i+2))
	}
	return grams
}
