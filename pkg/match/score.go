package match

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Name-level scoring parameters, tuned on the OFAC alias lists.
const (
	queryCoverageWeight     = 0.60 // penalty per unit of unmatched query weight
	candidateCoverageWeight = 0.30 // penalty per unit of unmatched candidate weight
	orderPenaltyMax         = 0.04 // when every aligned pair is out of order
	countryBonus            = 0.03 // query country equals the entry's country
)

// kindWeight scales a token's informativeness by its kind.
var kindWeight = [...]float64{
	KindWord:      1,
	KindParticle:  0.25,
	KindHonorific: 0.1,
	KindLegalForm: 0.1,
}

// idf is the inverse document frequency of a token core found in df of n
// indexed names; it is positive even for a core in every name, and highest
// (about ln n) for a core the index has never seen.
func idf(df, n int) float64 {
	return math.Log(1 + float64(n+1)/float64(df+1))
}

// ScoreParts breaks a score down. The score is
//
//	clamp(TokenSimilarity*(1-CoveragePenalty) - OrderPenalty + CountryBonus, 0, 1)
type ScoreParts struct {
	// TokenSimilarity is the mean similarity of the aligned token pairs,
	// weighted by the informativeness (IDF and kind) of their tokens.
	TokenSimilarity float64
	// QueryCoverage is the share of the query's token weight that is
	// aligned; CandidateCoverage the same for the matched name.
	QueryCoverage, CandidateCoverage float64
	// CoveragePenalty is 0.6*(1-QueryCoverage) + 0.3*(1-CandidateCoverage),
	// at most 1: a missing query word costs more than an extra name word.
	CoveragePenalty float64
	// OrderPenalty grows with the share of pairs out of order, up to 0.04,
	// after trying both the written and the given-name-first orders.
	OrderPenalty float64
	// CountryBonus is 0.03 when Options.Country equals the entry's country.
	CountryBonus float64
}

// total combines the parts into a score in [0,1].
func (p ScoreParts) total() float64 {
	s := p.TokenSimilarity*(1-p.CoveragePenalty) - p.OrderPenalty + p.CountryBonus
	return min(max(s, 0), 1)
}

// weighted is a token with its weight in the current index and, for a
// candidate token, its row in the scorer's similarity table.
type weighted struct {
	tok    *forms
	weight float64
	row    int32
}

// link aligns tokens q[qi:qi+qn] with c[ci:ci+cn]; qn or cn is 2 for a
// word written as two on one side and one on the other.
type link struct {
	qi, qn, ci, cn int
	sim            float64
	how            How
	reordered      bool
}

// scorer scores one query against names. It holds per-query scratch space
// and is not safe for concurrent use.
type scorer struct {
	q       []weighted
	qSplit  int
	qTotal  float64
	qName   Name
	country string

	qf      []forms
	rowOf   map[*term]int32 // interned term -> row of sims and weights
	sims    []simVal        // len(q) similarities per row
	weights []float64       // candidate token weight per row
	c       []weighted
	cbuf    []weighted
	cSplit  int
	cTotal  float64
	links   []link
	chosen  []link
	joined  []byte

	hits  []hit             // bestPerEntry's results
	hitOf map[*entryRec]int // entry -> index in hits
	qText string            // the query's token texts, for explanations
}

// reset prepares the scorer for query q, keeping its buffers; weight gives
// each query token's weight.
func (s *scorer) reset(q Name, country string, weight func(*Token) float64) {
	if s.rowOf == nil {
		s.rowOf = map[*term]int32{}
		s.hitOf = map[*entryRec]int{}
	}
	clear(s.rowOf)
	clear(s.hitOf)
	s.qText = ""
	s.qName, s.qSplit, s.country, s.qTotal = q, q.Split, country, 0
	s.qf, s.q, s.sims, s.weights = s.qf[:0], s.q[:0], s.sims[:0], s.weights[:0]
	for _, t := range q.Tokens {
		s.qf = append(s.qf, newForms(t))
	}
	for i := range s.qf {
		w := weight(&q.Tokens[i])
		s.q = append(s.q, weighted{tok: &s.qf[i], weight: w, row: -1})
		s.qTotal += w
	}
}

// candidate returns the candidate token for an interned term in an index
// of live names. The first time a term is seen in a query its weight and
// its similarity to every query token are computed and kept: names share
// their words, so most lookups hit.
func (s *scorer) candidate(t *term, live int) weighted {
	row, ok := s.rowOf[t]
	if !ok {
		row = int32(len(s.weights))
		s.rowOf[t] = row
		s.weights = append(s.weights, kindWeight[t.Kind]*idf(t.stat.df, live))
		for i := range s.q {
			sim, how := tokenSimilarity(s.q[i].tok, &t.forms)
			s.sims = append(s.sims, simVal{sim: sim, how: howCode(how)})
		}
	}
	return weighted{tok: &t.forms, weight: s.weights[row], row: row}
}

// score returns the score of candidate tokens c (with comma split cSplit)
// and its parts; entryCountry feeds the country bonus.
func (s *scorer) score(c []weighted, cSplit int, entryCountry string) (float64, ScoreParts) {
	s.setCandidate(c, cSplit)
	s.align()
	if len(s.chosen) == 0 {
		return 0, ScoreParts{}
	}
	p := s.parts(entryCountry)
	return p.total(), p
}

func (s *scorer) setCandidate(c []weighted, cSplit int) {
	s.c, s.cSplit, s.cTotal = c, cSplit, 0
	for _, t := range c {
		s.cTotal += t.weight
	}
}

// align fills s.chosen with a greedy best assignment: all matching pairs,
// best first, each token used at most once. Pairs of adjacent tokens
// written as one word on the other side are considered only when single
// tokens leave something unmatched.
func (s *scorer) align() {
	s.links = s.links[:0]
	for j, c := range s.c {
		row := s.sims[int(c.row)*len(s.q):]
		for i := range s.q {
			if v := row[i]; v.sim > 0 {
				s.links = append(s.links, link{qi: i, qn: 1, ci: j, cn: 1, sim: v.sim, how: hows[v.how]})
			}
		}
	}
	slices.SortFunc(s.links, s.compareLinks)
	if s.choose() {
		s.addCompounds()
		slices.SortFunc(s.links, s.compareLinks)
		s.choose()
	}
	s.markReordered()
}

// simVal is a cached token similarity.
type simVal struct {
	sim float64
	how uint8 // index in hows
}

var hows = [...]How{"", HowExact, HowPhonetic, HowFuzzy, HowReordered}

func howCode(h How) uint8 {
	for i, x := range hows {
		if x == h {
			return uint8(i)
		}
	}
	return 0
}

// addCompounds links two adjacent tokens on one side with one token on the
// other when their concatenation matches it.
func (s *scorer) addCompounds() {
	for i := 0; i+1 < len(s.q); i++ {
		s.joined = append(append(s.joined[:0], s.q[i].tok.Text...), s.q[i+1].tok.Text...)
		for j := range s.c {
			if sim := compoundSimilarity(s.joined, s.c[j].tok.Text); sim > 0 {
				s.links = append(s.links, link{qi: i, qn: 2, ci: j, cn: 1, sim: sim, how: compoundHow(sim)})
			}
		}
	}
	for j := 0; j+1 < len(s.c); j++ {
		s.joined = append(append(s.joined[:0], s.c[j].tok.Text...), s.c[j+1].tok.Text...)
		for i := range s.q {
			if sim := compoundSimilarity(s.joined, s.q[i].tok.Text); sim > 0 {
				s.links = append(s.links, link{qi: i, qn: 1, ci: j, cn: 2, sim: sim, how: compoundHow(sim)})
			}
		}
	}
}

func compoundHow(sim float64) How {
	if sim == 1 {
		return HowExact
	}
	return HowFuzzy
}

// compareLinks orders by similarity, then by closeness of relative
// position, then by position, so that the result is deterministic.
func (s *scorer) compareLinks(a, b link) int {
	if c := cmp.Compare(b.sim, a.sim); c != 0 {
		return c
	}
	if c := cmp.Compare(s.posGap(a), s.posGap(b)); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(a.qi, b.qi), cmp.Compare(a.ci, b.ci), cmp.Compare(b.qn+b.cn, a.qn+a.cn))
}

func (s *scorer) posGap(l link) float64 {
	return math.Abs(float64(l.qi)/float64(len(s.q)) - float64(l.ci)/float64(len(s.c)))
}

// choose keeps each link whose tokens are all still free. It reports
// whether any token, on either side, is left unmatched.
func (s *scorer) choose() bool {
	s.chosen = s.chosen[:0]
	var qUsed, cUsed uint64
	for _, l := range s.links {
		qm, cm := span(l.qi, l.qn), span(l.ci, l.cn)
		if qUsed&qm != 0 || cUsed&cm != 0 {
			continue
		}
		qUsed, cUsed = qUsed|qm, cUsed|cm
		s.chosen = append(s.chosen, l)
	}
	return qUsed != span(0, len(s.q)) || cUsed != span(0, len(s.c))
}

func span(i, n int) uint64 { return (uint64(1)<<n - 1) << i }

// parts computes the score parts from the chosen links.
func (s *scorer) parts(entryCountry string) ScoreParts {
	var simSum, pairW, qm, cm float64
	reordered := 0
	for _, l := range s.chosen {
		wq, wc := sumWeight(s.q[l.qi:l.qi+l.qn]), sumWeight(s.c[l.ci:l.ci+l.cn])
		pairW += wq + wc
		simSum += (wq + wc) * l.sim
		qm, cm = qm+wq, cm+wc
		if l.reordered {
			reordered++
		}
	}
	p := ScoreParts{
		TokenSimilarity:   ratio(simSum, pairW),
		QueryCoverage:     ratio(qm, s.qTotal),
		CandidateCoverage: ratio(cm, s.cTotal),
		OrderPenalty:      orderPenaltyMax * float64(reordered) / float64(len(s.chosen)),
	}
	p.CoveragePenalty = min(1, queryCoverageWeight*(1-p.QueryCoverage)+
		candidateCoverageWeight*(1-p.CandidateCoverage))
	if s.country != "" && strings.EqualFold(s.country, entryCountry) {
		p.CountryBonus = countryBonus
	}
	return p
}

func sumWeight(ws []weighted) float64 {
	t := 0.0
	for _, w := range ws {
		t += w.weight
	}
	return t
}

// ratio returns a/b in [0,1], treating rounding error near 1 as 1.
func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	if r := a / b; r < 1-1e-9 {
		return r
	}
	return 1
}
