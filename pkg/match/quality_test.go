package match

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestQuality measures recall and false positives on the OFAC SDN list. It
// runs only when VIGIL_DATA names the reference data directory:
//
//	VIGIL_DATA=../../shared/data go test -run TestQuality -v ./match/
//
// Recall: every alias is queried as written, with one injected typo and
// with two (deterministic RNG), in three set-ups:
//
//   - primary-only: only primary names are indexed, as the task describes;
//     many OFAC aliases are unrelated names (a vessel's former name, a
//     front company, a nom de guerre) that no spelling matcher can link to
//     the primary, which bounds recall here; the "alias shares a word" rows
//     keep the aliases with a word that is a spelling variant of a word of
//     the primary name (see sharesWord);
//   - all-names: primary names and aliases are indexed, the usual
//     screening set-up; the typo rows measure robustness;
//   - leave-one-out: all names but the queried alias are indexed, which
//     measures matching a new spelling against the spellings already known.
//
// False positives: the primary names of a held-out tenth of the SDN entries
// are queried against an index of the other nine tenths, and the names of
// the BIS Denied Persons List and the Consolidated Screening List extract
// that are not SDN names are queried against the full index; a query counts
// when its best result reaches the threshold. Held-out SDN names include
// relatives and related companies that share names with indexed entries,
// so that rate overstates true false positives.
//
// Set VIGIL_QUALITY_MISSES=N to print N misses per set-up.
func TestQuality(t *testing.T) {
	dir := dataDir(t)
	parties := loadSDN(t, dir)
	dpl, csl := loadOtherNames(t, dir)
	var out strings.Builder
	fmt.Fprintf(&out, "\n%d SDN entries, %d aliases, threshold %.2f\n\n", len(parties), countAliases(parties), MatchThreshold)
	out.WriteString("| set-up | query | queries | recall@1 | recall@10 | top-1 >= threshold | Search lost best (sampled) |\n")
	out.WriteString("|---|---|---:|---:|---:|---:|---:|\n")
	var rows []recallRow
	rows = append(rows, recallPrimaryOnly(t, parties)...)
	rows = append(rows, recallAllNames(t, parties)...)
	rows = append(rows, recallLeaveOneOut(t, parties)...)
	for _, r := range rows {
		out.WriteString(r.markdown())
	}
	out.WriteString("\n| false-positive query set | queries | >= 0.80 | >= 0.85 | >= 0.90 | >= 0.95 |\n")
	out.WriteString("|---|---:|---:|---:|---:|---:|\n")
	for _, f := range falsePositives(t, parties, dpl, csl) {
		out.WriteString(f.markdown())
	}
	fmt.Print(out.String())
	checkTargets(t, rows)
}

// checkTargets fails the test when the all-names set-up misses the targets
// (recall@10 >= 0.98 exact, >= 0.95 with one typo).
func checkTargets(t *testing.T, rows []recallRow) {
	t.Helper()
	for _, r := range rows {
		if r.setup != "all-names" {
			continue
		}
		if want := map[int]float64{0: 0.98, 1: 0.95}[r.typos]; r.typos < 2 && r.rate(r.at10) < want {
			t.Errorf("%s, %d typos: recall@10 %.4f, target %.2f", r.setup, r.typos, r.rate(r.at10), want)
		}
	}
}

func countAliases(ps []*sdnParty) int {
	n := 0
	for _, p := range ps {
		n += len(p.aliases)
	}
	return n
}

// recallRow tallies one set-up and typo count.
type recallRow struct {
	setup                 string
	typos                 int
	n, at1, at10, atThr   int
	checked, lost         int
	misses                []string
	missLimit, checkEvery int
}

func (r *recallRow) rate(k int) float64 {
	if r.n == 0 {
		return 0
	}
	return float64(k) / float64(r.n)
}

func (r *recallRow) markdown() string {
	lost := "-"
	if r.checked > 0 {
		lost = fmt.Sprintf("%d / %d", r.lost, r.checked)
	}
	s := fmt.Sprintf("| %s | %s | %d | %.4f | %.4f | %.4f | %s |\n", r.setup, typoLabel(r.typos),
		r.n, r.rate(r.at1), r.rate(r.at10), r.rate(r.atThr), lost)
	for _, m := range r.misses {
		s += "  miss: " + m + "\n"
	}
	return s
}

func typoLabel(n int) string {
	return [...]string{"alias as written", "alias, 1 typo", "alias, 2 typos"}[n]
}

// newRows returns the three rows (0, 1, 2 typos) of a set-up.
func newRows(setup string) []*recallRow {
	limit := 0
	fmt.Sscan(os.Getenv("VIGIL_QUALITY_MISSES"), &limit)
	rows := make([]*recallRow, 3)
	for i := range rows {
		rows[i] = &recallRow{setup: setup, typos: i, missLimit: limit, checkEvery: 50}
	}
	return rows
}

// query runs one alias query and records it in the row.
func (r *recallRow) query(ix *Index, q, wantID string) {
	res := ix.Search(q, Options{Limit: 10})
	r.n++
	rank := slices.IndexFunc(res, func(x Result) bool { return x.EntryID == wantID })
	switch {
	case rank == 0:
		r.at1++
		if res[0].Score >= MatchThreshold {
			r.atThr++
		}
	case rank < 0 && len(r.misses) < r.missLimit:
		want, _ := ix.Get(wantID)
		r.misses = append(r.misses, fmt.Sprintf("%q want %s %q got %s", q, wantID, want.Names, topIDs(res, 3)))
	}
	if rank >= 0 {
		r.at10++
	}
	if r.checkEvery > 0 && r.n%r.checkEvery == 0 {
		r.checkRetrieval(ix, q, res)
	}
}

// lostFloor: a search "loses" the best match when ScanSearch finds a better
// one scoring at least this.
const lostFloor = 0.7

// checkRetrieval compares Search's best score with ScanSearch's.
func (r *recallRow) checkRetrieval(ix *Index, q string, res []Result) {
	scan := ix.ScanSearch(q, Options{Limit: 1})
	r.checked++
	if len(scan) > 0 && scan[0].Score >= lostFloor && (len(res) == 0 || scan[0].Score > res[0].Score+1e-9) {
		r.lost++
		if os.Getenv("VIGIL_QUALITY_LOST") != "" {
			fmt.Printf("lost: %q scan %s search %s\n", q, topIDs(scan, 1), topIDs(res, 1))
		}
	}
}

func topIDs(res []Result, k int) string {
	var parts []string
	for _, x := range res[:min(k, len(res))] {
		parts = append(parts, fmt.Sprintf("%s(%.2f %q)", x.EntryID, x.Score, x.Explanation.MatchedName))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// queryAliases queries every alias of p with 0, 1 and 2 typos.
func queryAliases(ix *Index, rows []*recallRow, p *sdnParty, alias string, seq int) {
	rng := rand.New(rand.NewPCG(20240611, uint64(seq)))
	q := alias
	for typos := range rows {
		if typos > 0 {
			q = typo(rng, q)
		}
		rows[typos].query(ix, q, p.id)
	}
}

func addAll(t *testing.T, ix *Index, parties []*sdnParty, withAliases bool) {
	t.Helper()
	for _, p := range parties {
		names := []string{p.primary}
		if withAliases {
			names = append(names, p.aliases...)
		}
		if err := ix.Add(Entry{ID: p.id, Names: names}); err != nil {
			t.Fatal(err)
		}
	}
}

func recallPrimaryOnly(t *testing.T, parties []*sdnParty) []recallRow {
	ix := NewIndex()
	addAll(t, ix, parties, false)
	rows, related, seq := newRows("primary-only"), newRows("primary-only, alias shares a word"), 0
	for _, p := range parties {
		for _, a := range p.aliases {
			queryAliases(ix, rows, p, a, seq)
			if sharesWord(a, p.primary) {
				queryAliases(ix, related, p, a, seq)
			}
			seq++
		}
	}
	return append(deref(rows), deref(related)...)
}

// sharesWord reports whether some word of a (at least four letters, not a
// particle, honorific or legal form) has the same phonetic key as, or a
// trigram Dice coefficient of at least 0.5 with, some word of b. It
// separates spelling variants from aliases that are different names, and
// it does not use the scorer.
func sharesWord(a, b string) bool {
	for _, x := range Normalize(a).Tokens {
		if x.Kind != KindWord || len(x.Core) < 4 {
			continue
		}
		for _, y := range Normalize(b).Tokens {
			if y.Kind == KindWord && (x.Key == y.Key || dice(x.Core, y.Core) >= 0.5) {
				return true
			}
		}
	}
	return false
}

func dice(a, b string) float64 {
	ga, gb := distinctGrams(nil, a), distinctGrams(nil, b)
	shared := 0
	for _, g := range ga {
		if slices.Contains(gb, g) {
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(ga)+len(gb))
}

func recallAllNames(t *testing.T, parties []*sdnParty) []recallRow {
	ix := NewIndex()
	addAll(t, ix, parties, true)
	rows, seq := newRows("all-names"), 0
	for _, p := range parties {
		for _, a := range p.aliases {
			queryAliases(ix, rows, p, a, seq)
			seq++
		}
	}
	return deref(rows)
}

func recallLeaveOneOut(t *testing.T, parties []*sdnParty) []recallRow {
	ix := NewIndex()
	addAll(t, ix, parties, true)
	rows, seq := newRows("leave-one-out"), 0
	for _, p := range parties {
		for i, a := range p.aliases {
			others := append([]string{p.primary}, slices.Delete(slices.Clone(p.aliases), i, i+1)...)
			if err := ix.Add(Entry{ID: p.id, Names: others}); err != nil {
				t.Fatal(err)
			}
			queryAliases(ix, rows, p, a, seq)
			seq++
		}
		if len(p.aliases) > 0 {
			if err := ix.Add(Entry{ID: p.id, Names: append([]string{p.primary}, p.aliases...)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return deref(rows)
}

func deref(rows []*recallRow) []recallRow {
	out := make([]recallRow, len(rows))
	for i, r := range rows {
		out[i] = *r
	}
	return out
}

// fpRow tallies false positives at several thresholds.
type fpRow struct {
	set   string
	n     int
	above [4]int
}

var fpThresholds = [4]float64{0.80, 0.85, 0.90, 0.95}

func (f *fpRow) query(ix *Index, q string) {
	f.n++
	res := ix.Search(q, Options{Limit: 1})
	if os.Getenv("VIGIL_QUALITY_FP") != "" && len(res) > 0 && res[0].Score >= MatchThreshold {
		fmt.Printf("fp: %q -> %s %+v\n", q, topIDs(res, 1), res[0].Explanation.Parts)
	}
	for i, thr := range fpThresholds {
		if len(res) > 0 && res[0].Score >= thr {
			f.above[i]++
		}
	}
}

func (f *fpRow) markdown() string {
	s := fmt.Sprintf("| %s | %d |", f.set, f.n)
	for _, a := range f.above {
		s += fmt.Sprintf(" %.4f |", float64(a)/float64(max(f.n, 1)))
	}
	return s + "\n"
}

func falsePositives(t *testing.T, parties []*sdnParty, dpl, csl []string) []fpRow {
	held := fpRow{set: "held-out 10% of SDN primaries vs other 90%"}
	ix := NewIndex()
	var out []*sdnParty
	for i, p := range parties {
		if i%10 == 0 {
			out = append(out, p)
			continue
		}
		addAll(t, ix, []*sdnParty{p}, true)
	}
	for _, p := range out {
		held.query(ix, p.primary)
	}
	full := NewIndex()
	addAll(t, full, parties, true)
	known := sdnNameSet(parties)
	return []fpRow{held, unknownNames(full, known, "BIS DPL names not in SDN", dpl),
		unknownNames(full, known, "CSL extract names not in SDN", csl)}
}

func unknownNames(ix *Index, known map[string]bool, set string, names []string) fpRow {
	f := fpRow{set: set}
	for _, n := range names {
		if !known[Normalize(n).GivenFirst().String()] {
			f.query(ix, n)
		}
	}
	return f
}

func sdnNameSet(parties []*sdnParty) map[string]bool {
	known := map[string]bool{}
	for _, p := range parties {
		for _, n := range append([]string{p.primary}, p.aliases...) {
			known[Normalize(n).GivenFirst().String()] = true
		}
	}
	return known
}
