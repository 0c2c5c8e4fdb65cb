package match

import (
	"cmp"
	"slices"
	"strings"
)

// TokenPair is one aligned pair of a query token and a candidate token.
// Either side may be two tokens joined ("gui qin" against "guiqin").
type TokenPair struct {
	// Query and Candidate are the normalised token texts, space-separated
	// when two tokens are joined.
	Query, Candidate string
	// Score is the token similarity in (0,1].
	Score float64
	// How is HowExact, HowPhonetic, HowFuzzy, or HowReordered for an exact
	// match out of order.
	How How
	// Reordered reports whether the pair is out of order (for any How).
	Reordered bool
}

// Explanation says why a name scored as it did.
type Explanation struct {
	// MatchedName is the entry's name or alias that scored best, as added.
	MatchedName string
	// NormalisedQuery and NormalisedName are the token texts compared.
	NormalisedQuery, NormalisedName string
	// Aligned lists the matched pairs in query order.
	Aligned []TokenPair
	// UnmatchedQuery and UnmatchedCandidate list tokens left unaligned.
	UnmatchedQuery, UnmatchedCandidate []string
	// Parts gives the components of the score.
	Parts ScoreParts
}

// explanation describes the last scored candidate.
func (s *scorer) explanation(matched string, parts ScoreParts) Explanation {
	if s.qText == "" {
		s.qText = joinWeighted(s.q)
	}
	e := Explanation{
		MatchedName:     matched,
		NormalisedQuery: s.qText,
		NormalisedName:  joinWeighted(s.c),
		Aligned:         make([]TokenPair, 0, len(s.chosen)),
		Parts:           parts,
	}
	s.links = append(s.links[:0], s.chosen...) // scratch: scoring is done
	slices.SortFunc(s.links, func(a, b link) int { return cmp.Compare(a.qi, b.qi) })
	var qUsed, cUsed uint64
	for _, l := range s.links {
		e.Aligned = append(e.Aligned, s.pair(l))
		qUsed |= span(l.qi, l.qn)
		cUsed |= span(l.ci, l.cn)
	}
	e.UnmatchedQuery = unused(s.q, qUsed)
	e.UnmatchedCandidate = unused(s.c, cUsed)
	return e
}

func (s *scorer) pair(l link) TokenPair {
	how := l.how
	if l.reordered && how == HowExact {
		how = HowReordered
	}
	return TokenPair{
		Query:     joinWeighted(s.q[l.qi : l.qi+l.qn]),
		Candidate: joinWeighted(s.c[l.ci : l.ci+l.cn]),
		Score:     l.sim,
		How:       how,
		Reordered: l.reordered,
	}
}

// joinWeighted joins the token texts with spaces; a single token's text is
// returned as it is.
func joinWeighted(ws []weighted) string {
	if len(ws) == 1 {
		return ws[0].tok.Text
	}
	n := len(ws)
	for _, w := range ws {
		n += len(w.tok.Text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.tok.Text)
	}
	return b.String()
}

func unused(ws []weighted, used uint64) []string {
	var out []string
	for i, w := range ws {
		if used&(1<<i) == 0 {
			out = append(out, w.tok.Text)
		}
	}
	return out
}
