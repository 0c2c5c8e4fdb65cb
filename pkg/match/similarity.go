package match

import (
	"strings"
	"unicode/utf8"
)

// How says how a query token was matched to a candidate token.
type How string

// Ways a token pair can match.
const (
	// HowExact: equal text, or equal core (an article or abd- prefix differs).
	HowExact How = "exact"
	// HowPhonetic: equal phonetic key and close spelling (Qadhafi, Gaddafi).
	HowPhonetic How = "phonetic"
	// HowFuzzy: close spelling only (a typo), or a word split or joined
	// differently ("Guiqin" and "Gui Qin").
	HowFuzzy How = "fuzzy"
	// HowReordered: an exact match found out of the order of the others.
	// Phonetic and fuzzy pairs out of order keep their How and set
	// TokenPair.Reordered.
	HowReordered How = "reordered"
)

// Token similarity parameters, tuned on the OFAC alias lists (see
// quality_test.go).
const (
	coreMatchScore  = 0.95 // equal cores, different article or prefix
	maxFuzzyScore   = 0.95 // nothing short of equality scores higher
	phoneticMinJW   = 0.80 // canonical forms closer than this are phonetic
	unvocalisedSim  = 0.90 // Arabic-script token with the same consonants
	phoneticMinKey  = 2    // shortest key that allows a phonetic match
	minTokenScore   = 0.80 // weaker pairs do not match at all
	quickRejectJW   = 0.60 // below this Jaro-Winkler, skip the edit distance
	initialScore    = 0.70 // a single letter against a word with that initial
	minCompoundJW   = 0.90 // joined-token pairs need at least this
	compoundLenSlop = 2    // and lengths within this many bytes
)

// forms is a token with the derived values tokenSimilarity uses, computed
// once per token: interned index terms keep theirs.
type forms struct {
	Token
	canon string // canonical spelling of Core
	code  bool   // isCode(Core)
	mask  uint64 // bit (c & 63) set for every byte c of Core
}

func newForms(t Token) forms {
	var buf [stackLen]byte
	return forms{Token: t, canon: string(canonical(buf[:0], t.Core)), code: isCode(t.Core), mask: byteMask(t.Core)}
}

func byteMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] & 63)
	}
	return m
}

// tokenSimilarity returns how well two tokens match, in [0,1], and how; a
// score of 0 means they do not match.
func tokenSimilarity(a, b *forms) (float64, How) {
	switch {
	case a.Text == b.Text:
		return 1, HowExact
	case a.Core == b.Core:
		return coreMatchScore, HowExact
	case len(a.Core) == 1 || len(b.Core) == 1:
		return initialSimilarity(a.Core, b.Core)
	case a.code || b.code || !jaroCanReach(a, b, quickRejectJW):
		return 0, ""
	}
	jw := jaroWinkler(a.Core, b.Core)
	if jw < quickRejectJW {
		return 0, ""
	}
	s, how := (jw+editSimilarity(a.Core, b.Core))/2, HowFuzzy
	if p := phoneticSimilarity(a, b, s); p > s {
		s, how = p, HowPhonetic
	}
	s = min(s, maxFuzzyScore)
	if s < minTokenScore {
		return 0, ""
	}
	return s, how
}

// phoneticSimilarity compares two tokens whose consonant classes agree
// letter for letter (ignoring vowels and silent h); it returns 0 otherwise.
// The score is the mean of the spelling similarity and the Jaro-Winkler
// similarity of the canonical spellings, so sounding alike lifts a pair
// without making spelling irrelevant. A token written in Arabic script has
// no reliable vowels, so for it equal consonants are enough. The phonetic
// key is not precise enough as the gate alone because it collapses repeated
// consonants across vowels ("hadith" and "hadi" share the key AT).
func phoneticSimilarity(a, b *forms, spelling float64) float64 {
	if a.Key != b.Key || len(a.Key) < phoneticMinKey {
		return 0
	}
	ca, cb := a.canon, b.canon
	if !sameConsonants(ca, cb) {
		return 0
	}
	if a.Unvocalised || b.Unvocalised {
		return unvocalisedSim
	}
	jw := jaroWinkler(ca, cb)
	if jw < phoneticMinJW {
		return 0
	}
	return (jw + spelling) / 2
}

// jaroCanReach reports whether the Jaro similarity of the cores of a and b
// can reach min (below 0.7 Winkler's prefix bonus does not apply). Matches
// can only pair bytes present in both, so the bytes of each core whose
// value occurs in the other bound the match count.
func jaroCanReach(a, b *forms, floor float64) bool {
	m := float64(min(sharedBytes(a.Core, b.mask), sharedBytes(b.Core, a.mask)))
	return (m/float64(len(a.Core))+m/float64(len(b.Core))+1)/3 >= floor
}

func sharedBytes(s string, mask uint64) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if mask&(1<<(s[i]&63)) != 0 {
			n++
		}
	}
	return n
}

// isCode reports whether a token is a code or abbreviation rather than a
// word: it has a digit or no vowel. Codes match only exactly ("YV2726" and
// "YV2762" are different aircraft).
func isCode(s string) bool {
	vowel := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			return true
		case strings.IndexByte("aeiouy", c) >= 0 || c >= utf8.RuneSelf:
			vowel = true
		}
	}
	return !vowel
}

// sameConsonants reports whether two canonical spellings have the same
// sequence of consonant classes.
func sameConsonants(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && isVowelClass(a[i]) {
			i++
		}
		for j < len(b) && isVowelClass(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i, j = i+1, j+1
	}
}

// editSimilarity is 1 - OSA distance / length of the longer input.
func editSimilarity(a, b string) float64 {
	return 1 - float64(osaDistance(a, b))/float64(max(len(a), len(b)))
}

// initialSimilarity matches an initial ("J") against a word it may stand
// for ("John").
func initialSimilarity(a, b string) (float64, How) {
	if a[0] == b[0] {
		return initialScore, HowFuzzy
	}
	return 0, ""
}

// compoundSimilarity compares a token joined from two adjacent tokens with a
// single token ("gui"+"qin" against "guiqin"); 0 means no match.
func compoundSimilarity(joined []byte, t string) float64 {
	if len(joined) == 0 || len(t) == 0 || joined[0] != t[0] {
		return 0
	}
	if d := len(joined) - len(t); d > compoundLenSlop || -d > compoundLenSlop {
		return 0
	}
	if string(joined) == t {
		return 1
	}
	jw := jaroWinkler(joined, t)
	if jw < minCompoundJW {
		return 0
	}
	return min(jw, maxFuzzyScore)
}
