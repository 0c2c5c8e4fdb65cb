package domain

import (
	"slices"
	"strings"

	"github.com/vigil-org/vigil/pkg/match"
)

// NameKey is a party name normalised for watch-list matching: the words
// of the name folded by pkg/match (case, diacritics, punctuation and
// transliteration of other scripts), without legal forms ("GmbH", "LLC",
// "OOO") and honorifics ("Dr", "General"), in written order.
type NameKey []string

// NewNameKey normalises s. A name with no words left gives an empty key.
func NewNameKey(s string) NameKey {
	return keyOf(match.Normalize(s))
}

func keyOf(n match.Name) NameKey {
	var out NameKey
	for _, t := range n.Tokens {
		if t.Kind != match.KindLegalForm && t.Kind != match.KindHonorific {
			out = append(out, t.Text)
		}
	}
	return out
}

// nameKeys returns the keys of s in both orders when it is written
// "SURNAME, Given", else the one key.
func nameKeys(s string) []NameKey {
	n := match.Normalize(s)
	keys := []NameKey{keyOf(n)}
	if n.Split > 0 {
		keys = append(keys, keyOf(n.GivenFirst()))
	}
	return keys
}

// PartyKeys returns the keys of a party's name and aliases.
func PartyKeys(name string, aliases []string) []NameKey {
	var out []NameKey
	for _, s := range append([]string{name}, aliases...) {
		for _, k := range nameKeys(s) {
			if len(k) > 0 {
				out = append(out, k)
			}
		}
	}
	return out
}

// String joins the key's words with spaces.
func (k NameKey) String() string { return strings.Join(k, " ") }

// Matches reports whether a watched name w matches a party name key n:
// the same words in the same order, or, for a watched name of two words
// or more, those words in a row inside the party's name ("Rocket Tech"
// watches "Rocket Tech International Trading"). A one-word watch matches
// only a one-word name, so that "trading" does not match every trader.
func (w NameKey) Matches(n NameKey) bool {
	if len(w) == 0 {
		return false
	}
	if slices.Equal(w, n) {
		return true
	}
	if len(w) < 2 {
		return false
	}
	for i := 0; i+len(w) <= len(n); i++ {
		if slices.Equal(w, n[i:i+len(w)]) {
			return true
		}
	}
	return false
}
