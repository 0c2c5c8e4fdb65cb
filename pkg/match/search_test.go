package match

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// fixture is a small index of DOMAIN examples and look-alike decoys.
func fixture(t testing.TB) *Index {
	t.Helper()
	ix := NewIndex()
	entries := []Entry{
		{ID: "qadhafi", Names: []string{"QADHAFI, Muammar"}, Country: "LY", Refs: []string{"item-1"}},
		{ID: "khamis", Names: []string{"QADHAFI, Khamis"}, Country: "LY"},
		{ID: "binladin", Names: []string{"BIN LADIN, Usama"}},
		{ID: "rosoboron", Names: []string{"ROSOBORONEXPORT OAO"}, Country: "RU"},
		{ID: "kim", Names: []string{"KIM, Jong Un"}, Country: "KP"},
		{ID: "melli", Names: []string{"BANK MELLI IRAN"}, Country: "IR"},
		{ID: "ahmad", Names: []string{"AHMAD, Ali"}},
		{ID: "su", Names: []string{"SU, Guiqin"}},
		{ID: "lavrov", Names: []string{"LAVROV, Sergey Viktorovich"}, Country: "RU"},
		{ID: "spyros", Names: []string{"PAPADOPOULOS, Spyros"}},
		{ID: "swapped", Names: []string{"Karim HASSAN TRADING"}},
		{ID: "aircraft", Names: []string{"YV2726"}},
		{ID: "muhammad", Names: []string{"MUHAMMAD, Ali Hassan"}},
		{ID: "multi", Names: []string{"AL-NOUR SHIPPING LLC", "NOUR SHIPPING AND TRADING FZE", "ANNOUR MARINE"}},
	}
	for _, e := range entries {
		if err := ix.Add(e); err != nil {
			t.Fatalf("Add(%s): %v", e.ID, err)
		}
	}
	return ix
}

func top(t *testing.T, ix *Index, q string, opts Options) Result {
	t.Helper()
	res := ix.Search(q, opts)
	if len(res) == 0 {
		t.Fatalf("Search(%q): no results", q)
	}
	return res[0]
}

func TestSearchMatches(t *testing.T) {
	ix := fixture(t)
	tests := []struct {
		name, query, want string
		min               float64
	}{
		{"exact", "QADHAFI, Muammar", "qadhafi", 1},
		{"spelling GADDAFI", "GADDAFI, Mu'ammar", "qadhafi", 0.9},
		{"spelling EL-QADDAFI", "EL-QADDAFI, Muammar", "qadhafi", 0.95},
		{"spelling GHATHAFI", "GHATHAFI, Muammar", "qadhafi", 0.88},
		{"spelling BIN LADEN", "BIN LADEN, Osama", "binladin", 0.9},
		{"given name first", "Muammar Qadhafi", "qadhafi", 1},
		{"given name first, no comma", "Usama bin Ladin", "binladin", 1},
		{"legal forms", "Rosoboroneksport JSC", "rosoboron", 0.85},
		{"one typo", "QADHAFY, Muammar", "qadhafi", 0.9},
		{"two typos", "QADAHFY, Muamar", "qadhafi", 0.85},
		{"cyrillic query", "Муаммар Каддафи", "qadhafi", 0.9},
		{"cyrillic query, patronymic missing", "Сергей Лавров", "lavrov", 0.85},
		{"arabic query", "معمر القذافي", "qadhafi", 0.85},
		{"hangul query", "김정은", "kim", 0.85},
		{"greek query", "Σπύρος Παπαδόπουλος", "spyros", 0.95},
		{"joined word", "Su Gui Qin", "su", 1},
		{"alias", "ANNOUR MARINE", "multi", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := top(t, ix, tt.query, Options{})
			if r.EntryID != tt.want || r.Score < tt.min {
				t.Errorf("Search(%q) top = %s %.3f, want %s >= %.2f (%+v)", tt.query, r.EntryID, r.Score, tt.want, tt.min, r.Explanation)
			}
		})
	}
}

func TestSearchNonMatchesStayBelowThreshold(t *testing.T) {
	ix := fixture(t)
	for _, q := range []string{
		"Muammar Hassan",     // one common word
		"QADHAFI, Saif",      // relative: surname only
		"Bank Mellat",        // a different bank
		"HAMID, Ali",         // same skeleton, different name
		"John Smith",         // unrelated
		"YV2762",             // a different aircraft
		"Hassan Ali Trading", // shares common words only
		"SHIPPING COMPANY",   // boilerplate only
	} {
		if res := ix.Search(q, Options{}); len(res) > 0 && res[0].Score >= MatchThreshold {
			t.Errorf("Search(%q) = %s %.3f, want below %.2f (%+v)", q, res[0].EntryID, res[0].Score, MatchThreshold, res[0].Explanation)
		}
	}
}

func TestSearchExplanation(t *testing.T) {
	ix := fixture(t)
	r := top(t, ix, "BIN LADEN, Osama", Options{})
	e := r.Explanation
	if e.MatchedName != "BIN LADIN, Usama" || e.NormalisedQuery != "bin laden osama" || e.NormalisedName != "bin ladin usama" {
		t.Errorf("names: %+v", e)
	}
	want := []TokenPair{
		{Query: "bin", Candidate: "bin", Score: 1, How: HowExact},
		{Query: "laden", Candidate: "ladin", How: HowPhonetic},
		{Query: "osama", Candidate: "usama", How: HowPhonetic},
	}
	if len(e.Aligned) != len(want) {
		t.Fatalf("Aligned = %+v, want %+v", e.Aligned, want)
	}
	for i, w := range want {
		g := e.Aligned[i]
		if g.Query != w.Query || g.Candidate != w.Candidate || g.How != w.How || g.Reordered || g.Score < 0.85 {
			t.Errorf("Aligned[%d] = %+v, want %+v", i, g, w)
		}
	}
	if len(e.UnmatchedQuery)+len(e.UnmatchedCandidate) != 0 {
		t.Errorf("unmatched: %v %v", e.UnmatchedQuery, e.UnmatchedCandidate)
	}
	p := e.Parts
	if p.QueryCoverage != 1 || p.CandidateCoverage != 1 || p.CoveragePenalty != 0 || p.OrderPenalty != 0 || p.CountryBonus != 0 {
		t.Errorf("parts: %+v", p)
	}
	if diff := p.total() - r.Score; diff > 1e-12 || diff < -1e-12 {
		t.Errorf("parts total %.6f != score %.6f", p.total(), r.Score)
	}
}

func TestSearchExplainsLegalFormsAndCoverage(t *testing.T) {
	ix := fixture(t)
	e := top(t, ix, "Rosoboroneksport JSC", Options{}).Explanation
	if len(e.Aligned) != 1 || e.Aligned[0].Query != "rosoboroneksport" || e.Aligned[0].Candidate != "rosoboronexport" {
		t.Errorf("Aligned = %+v", e.Aligned)
	}
	if !slices.Equal(e.UnmatchedQuery, []string{"jsc"}) || !slices.Equal(e.UnmatchedCandidate, []string{"oao"}) {
		t.Errorf("unmatched = %v / %v, want [jsc] / [oao]", e.UnmatchedQuery, e.UnmatchedCandidate)
	}
	if p := e.Parts; p.CoveragePenalty <= 0 || p.CoveragePenalty > 0.1 {
		t.Errorf("legal forms should cost a little: %+v", p)
	}
	e = top(t, ix, "QADHAFI, Muammar Abu Minyar", Options{}).Explanation
	if !slices.Equal(e.UnmatchedQuery, []string{"abu", "minyar"}) || e.Parts.QueryCoverage >= 1 {
		t.Errorf("extra query words: %+v", e)
	}
}

func TestSearchReordered(t *testing.T) {
	ix := fixture(t)
	r := top(t, ix, "HASSAN Karim TRADING", Options{})
	if r.EntryID != "swapped" || r.Score < 0.95 || r.Score >= 1 {
		t.Fatalf("top = %s %.3f, want swapped in [0.95, 1)", r.EntryID, r.Score)
	}
	reordered := 0
	for _, p := range r.Explanation.Aligned {
		if p.Reordered {
			reordered++
			if p.How != HowReordered {
				t.Errorf("exact pair out of order: How = %q", p.How)
			}
		}
	}
	if reordered != 1 || r.Explanation.Parts.OrderPenalty <= 0 {
		t.Errorf("want one reordered pair and an order penalty: %+v", r.Explanation)
	}
	// "SURNAME, Given" against "Given SURNAME" is not a reordering.
	r = top(t, ix, "Muammar QADHAFI", Options{})
	if r.Explanation.Parts.OrderPenalty != 0 {
		t.Errorf("comma order counted as reordering: %+v", r.Explanation)
	}
}

func TestSearchCountryBonus(t *testing.T) {
	ix := fixture(t)
	plain := top(t, ix, "Muammar Qadafi", Options{})
	bonus := top(t, ix, "Muammar Qadafi", Options{Country: "ly"})
	if bonus.Explanation.Parts.CountryBonus != countryBonus || bonus.Score <= plain.Score {
		t.Errorf("country bonus: plain %.3f, with country %.3f %+v", plain.Score, bonus.Score, bonus.Explanation.Parts)
	}
	other := top(t, ix, "Muammar Qadafi", Options{Country: "FR"})
	if other.Explanation.Parts.CountryBonus != 0 {
		t.Errorf("bonus for another country: %+v", other.Explanation.Parts)
	}
}

func TestSearchOptions(t *testing.T) {
	ix := fixture(t)
	res := ix.Search("QADHAFI", Options{Limit: 1})
	if len(res) != 1 {
		t.Fatalf("Limit 1: got %d results", len(res))
	}
	res = ix.Search("QADHAFI", Options{})
	if len(res) < 2 || res[0].Score < res[1].Score {
		t.Fatalf("want several results, best first: %+v", res)
	}
	for _, r := range ix.Search("QADHAFI", Options{MinScore: 0.6}) {
		if r.Score < 0.6 {
			t.Errorf("MinScore 0.6 returned %.3f", r.Score)
		}
	}
	if res := ix.Search("  ,.- ", Options{}); res != nil {
		t.Errorf("punctuation-only query: %+v", res)
	}
}

func TestSearchAgreesWithScan(t *testing.T) {
	ix := fixture(t)
	for _, q := range []string{"GADDAFI, Mu'ammar", "BIN LADEN, Osama", "Rosoboroneksport JSC", "김정은", "Su Gui Qin", "Nour Shipping"} {
		s, f := ix.Search(q, Options{Limit: 1}), ix.ScanSearch(q, Options{Limit: 1})
		if len(s) == 0 || len(f) == 0 || s[0].EntryID != f[0].EntryID || s[0].Score != f[0].Score {
			t.Errorf("%q: Search %+v, ScanSearch %+v", q, s, f)
		}
	}
}

// TestBestHits compares the selection of the best hits with a full sort,
// on hits with many equal scores.
func TestBestHits(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		n, k := rng.IntN(40), 1+rng.IntN(12)
		hits := make([]hit, n)
		for i, id := range rng.Perm(n) {
			hits[i] = hit{entry: &entryRec{e: Entry{ID: fmt.Sprintf("e%02d", id)}}, score: float64(rng.IntN(4)) / 4}
		}
		want := slices.Clone(hits)
		slices.SortFunc(want, func(a, b hit) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.entry.e.ID, b.entry.e.ID))
		})
		want = want[:min(n, k)]
		got := bestHits(hits, k)
		if !slices.Equal(got, want) {
			t.Fatalf("bestHits(k=%d) = %v, want %v", k, got, want)
		}
	}
}
