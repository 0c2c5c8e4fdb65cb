package match

// Korean Hangul syllables are romanised algorithmically: a precomposed
// syllable encodes its initial, medial and final jamo arithmetically, and
// each jamo has a Revised Romanization. Sound changes across syllable
// boundaries are not applied; each syllable becomes its own word, which is
// how Korean personal names are usually written in Latin ("Kim Jong Un").

const (
	hangulBase    = 0xAC00
	hangulLast    = 0xD7A3
	hangulMedials = 21
	hangulFinals  = 28
)

func isHangulSyllable(r rune) bool { return r >= hangulBase && r <= hangulLast }

// hangulSyllable returns the Revised Romanization of one precomposed
// syllable; r must satisfy isHangulSyllable.
func hangulSyllable(r rune) string {
	n := int(r - hangulBase)
	initial := n / (hangulMedials * hangulFinals)
	medial := n % (hangulMedials * hangulFinals) / hangulFinals
	final := n % hangulFinals
	return hangulInitial[initial] + hangulMedial[medial] + hangulFinal[final]
}
