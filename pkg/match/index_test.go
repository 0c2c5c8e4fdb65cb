package match

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
)

func TestAddErrors(t *testing.T) {
	ix := NewIndex()
	if err := ix.Add(Entry{Names: []string{"X"}}); !errors.Is(err, ErrEmptyID) {
		t.Errorf("no ID: err = %v, want ErrEmptyID", err)
	}
	if err := ix.Add(Entry{ID: "a", Names: []string{"", "---"}}); !errors.Is(err, ErrNoNames) {
		t.Errorf("no usable name: err = %v, want ErrNoNames", err)
	}
	if ix.Len() != 0 {
		t.Errorf("failed adds changed the index: Len = %d", ix.Len())
	}
}

func TestAddGetRemove(t *testing.T) {
	ix := NewIndex()
	e := Entry{ID: "p1", Names: []string{"QADHAFI, Muammar", "GADDAFI, Muammar"}, Country: "LY", Refs: []string{"r1"}}
	if err := ix.Add(e); err != nil {
		t.Fatal(err)
	}
	e.Names[0] = "changed by caller"
	got, ok := ix.Get("p1")
	if !ok || got.Names[0] != "QADHAFI, Muammar" || got.Country != "LY" || !slices.Equal(got.Refs, []string{"r1"}) {
		t.Fatalf("Get = %+v, %v: want a copy of the entry as added", got, ok)
	}
	if r := ix.Search("Muammar Gaddafi", Options{}); len(r) != 1 || r[0].Explanation.MatchedName != "GADDAFI, Muammar" {
		t.Fatalf("search before remove: %+v", r)
	}
	if !ix.Remove("p1") || ix.Remove("p1") {
		t.Fatal("Remove should report true once, then false")
	}
	if r := ix.Search("Muammar Gaddafi", Options{}); len(r) != 0 || ix.Len() != 0 {
		t.Fatalf("after remove: %+v, Len %d", r, ix.Len())
	}
	if _, ok := ix.Get("p1"); ok {
		t.Fatal("Get after Remove found the entry")
	}
}

func TestAddReplaces(t *testing.T) {
	ix := NewIndex()
	must(t, ix.Add(Entry{ID: "p", Names: []string{"ALPHA TRADING"}}))
	must(t, ix.Add(Entry{ID: "p", Names: []string{"BETA SHIPPING"}}))
	if ix.Len() != 1 {
		t.Fatalf("Len = %d, want 1", ix.Len())
	}
	if r := ix.Search("ALPHA TRADING", Options{MinScore: 0.5}); len(r) != 0 {
		t.Errorf("old name still found: %+v", r)
	}
	if r := ix.Search("BETA SHIPPING", Options{}); len(r) != 1 || r[0].Score != 1 {
		t.Errorf("new name: %+v", r)
	}
}

// TestRemoveRestoresStatistics checks that removing what was added leaves
// no trace in the vocabulary, so that weights do not drift.
func TestRemoveRestoresStatistics(t *testing.T) {
	ix := NewIndex()
	must(t, ix.Add(Entry{ID: "keep", Names: []string{"QADHAFI, Muammar"}}))
	before := ix.Search("Muammar Qadhafi", Options{})[0]
	for i := range 50 {
		must(t, ix.Add(Entry{ID: strconv.Itoa(i), Names: []string{"QADHAFI, Khamis " + strconv.Itoa(i), "AL-QADHAFI TRADING LLC"}}))
	}
	for i := range 50 {
		ix.Remove(strconv.Itoa(i))
	}
	after := ix.Search("Muammar Qadhafi", Options{})[0]
	if before.Score != after.Score || len(ix.terms) != 2 || len(ix.vocab.byCore) != 2 || ix.live != 1 {
		t.Errorf("state after add/remove: score %.4f -> %.4f, %d terms, %d cores, %d names",
			before.Score, after.Score, len(ix.terms), len(ix.vocab.byCore), ix.live)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentSearchAndWrite runs searches while one writer adds and
// removes entries; run with -race.
func TestConcurrentSearchAndWrite(t *testing.T) {
	ix := fixture(t)
	names := benchNames(300, nil)
	var wg sync.WaitGroup
	for r := range 4 {
		wg.Go(func() {
			for i := range 200 {
				for _, res := range ix.Search(names[(i*7+r)%len(names)], Options{}) {
					if res.Score < 0 || res.Score > 1 {
						t.Errorf("score %v out of range", res.Score)
					}
				}
			}
		})
	}
	for i, n := range names {
		must(t, ix.Add(Entry{ID: "g" + strconv.Itoa(i), Names: []string{n}}))
		if i%3 == 0 {
			ix.Remove("g" + strconv.Itoa(i/2))
		}
	}
	wg.Wait()
}

// TestRetrievalKeepsBestMatch compares Search with ScanSearch on generated
// names and misspelt queries: whenever the exhaustive scan finds a match
// above the threshold, the indexed search must find one as good.
func TestRetrievalKeepsBestMatch(t *testing.T) {
	names := benchNames(3000, nil)
	ix := NewIndex()
	for i, n := range names {
		must(t, ix.Add(Entry{ID: strconv.Itoa(i), Names: []string{n}}))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	checked, lost := 0, 0
	for range 300 {
		q := typo(rng, names[rng.IntN(len(names))])
		scan := ix.ScanSearch(q, Options{Limit: 1})
		if len(scan) == 0 || scan[0].Score < MatchThreshold {
			continue
		}
		checked++
		if s := ix.Search(q, Options{Limit: 1}); len(s) == 0 || s[0].Score < scan[0].Score-1e-9 {
			lost++
			t.Logf("%q: scan %+v search %+v", q, scan[0], s)
		}
	}
	if checked < 200 || lost > checked/100 {
		t.Errorf("retrieval lost %d of %d best matches", lost, checked)
	}
}
