package gateway_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/fixtures"
)

// members is the demo roster's member delegations.
var members = []string{"DEU", "FRA", "GBR", "ITA", "JPN", "KOR", "USA"}

// seed is one item the tests share, and who may see it.
type seed struct {
	kind    string   // denial, procurement or alert, as the trends key them
	by      string   // originator
	to      []string // releasable to; nil means every member
	dest    string
	code    string // MTCR code
	at      time.Time
	parties []fixtures.Party
	title   string
	id      string // set once shared
}

// names reports whether a denial names country, as the API's country
// filter reads it: its destination or a party's country (the seeded
// denials name no other country).
func (s seed) names(country string) bool {
	if s.dest == country {
		return true
	}
	return slices.ContainsFunc(s.parties, func(p fixtures.Party) bool { return p.Country == country })
}

// visibleTo reports whether member may see s: its own, or released to it.
func (s seed) visibleTo(member string) bool {
	return s.by == member || s.to == nil || slices.Contains(s.to, member)
}

// restrictedParty names only the restricted item's party, so that its
// appearance anywhere would show a leak.
const restrictedParty = "RESTRICTED CANARY TRADING LLC"

// seedPlan returns n generated items over two years, more of them
// recent, across eight destinations and eight Annex items, with parties
// drawn from a pool where a few recur often; each is releasable to every
// member or to one to three others. Last comes the restricted item: FRA's
// denial released to JPN alone, naming a party no other item names. The
// plan is the same on every run.
func seedPlan(t testing.TB, n int) []seed {
	t.Helper()
	pool, err := fixtures.Parties()
	if err != nil {
		t.Fatal(err)
	}
	pool = pool[:24]
	r := rand.New(rand.NewPCG(2026, 11))
	kinds := weighted{"denial": 40, "procurement": 35, "alert": 25}
	dests := weighted{"IRN": 26, "PRK": 20, "CHN": 12, "SYR": 10, "PAK": 10, "RUS": 10, "ARE": 8, "HKG": 4}
	codes := weighted{"3.A.1": 18, "9.A.6.a": 16, "4.C.2.a": 14, "6.C.2": 12, "11.A.3": 12, "10.A.1": 10, "15.B.1": 10, "16.D.1": 8}
	var out []seed
	for i := range n {
		by := members[r.IntN(len(members))]
		kind := kinds.pick(r)
		s := seed{
			kind: kind, by: by, dest: dests.pick(r), code: codes.pick(r),
			at:    testNow.AddDate(0, -int(24*(1-math.Sqrt(r.Float64()))), -r.IntN(28)),
			title: fmt.Sprintf("Seeded %s %03d", kind, i),
		}
		for _, k := range distinct(r, 2+r.IntN(2), len(pool)) {
			s.parties = append(s.parties, pool[k])
		}
		if r.IntN(100) >= 55 {
			s.to = others(by, 1+r.IntN(3), r.IntN(100))
		}
		out = append(out, s)
	}
	out = append(out, seed{kind: "denial", by: "FRA", to: []string{"JPN"}, dest: "PRK", code: "16.D.1",
		at: testNow.AddDate(0, -1, 0), title: "Restricted canary notice",
		parties: []fixtures.Party{{Name: restrictedParty, Country: "PRK"}, pool[0]}})
	return out
}

// weighted picks keys with the given relative weights.
type weighted map[string]int

// pick draws a key; keys are visited in sorted order so that the draw
// depends only on r.
func (w weighted) pick(r *rand.Rand) string {
	keys := slices.Sorted(maps.Keys(w))
	total := 0
	for _, k := range keys {
		total += w[k]
	}
	x := r.IntN(total)
	for _, k := range keys {
		if x -= w[k]; x < 0 {
			return k
		}
	}
	return keys[len(keys)-1]
}

// distinct draws k different indexes below n, small ones more often, so
// that a few parties recur in many items.
func distinct(r *rand.Rand, k, n int) []int {
	var out []int
	for len(out) < k {
		i := int(float64(n) * math.Pow(r.Float64(), 1.8))
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// others picks n members other than by, varying with i.
func others(by string, n, i int) []string {
	var rest []string
	for _, m := range members {
		if m != by {
			rest = append(rest, m)
		}
	}
	var out []string
	for k := range n {
		out = append(out, rest[(i+k*2)%len(rest)])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// example loads examples/<name>.json as a generic JSON object.
func example(t testing.TB, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// releasability is the JSON releasability of s.
func (s seed) releasability() map[string]any {
	if s.to == nil {
		return map[string]any{"allMembers": true}
	}
	return map[string]any{"members": s.to}
}

// partiesJSON gives s's parties the two roles.
func (s seed) partiesJSON(roles ...string) []any {
	var out []any
	for i, p := range s.parties {
		out = append(out, map[string]any{"role": roles[i%len(roles)], "name": p.Name, "aliases": p.Aliases, "country": p.Country})
	}
	return out
}

// share sends s through the JSON API as its originator (with the
// originator's client certificate) at s.at, and returns the log
// position. It records the new item's id in s.
func (s *seed) share(t testing.TB, st *stack, c *http.Client, n int) uint64 {
	t.Helper()
	st.clock.Set(s.at)
	date := s.at.Format(time.DateOnly)
	entries := []any{map[string]any{"mtcrCode": s.code}}
	var res commandResult
	switch s.kind {
	case "denial":
		d := example(t, "denial")
		d["reference"], d["denialDate"], d["destinationCountry"] = fmt.Sprintf("%s-SEED-%03d", s.by, n), date, s.dest
		d["controlEntries"], d["itemDescription"], d["releasability"] = entries, s.title, s.releasability()
		d["parties"] = s.partiesJSON("PARTY_ROLE_END_USER", "PARTY_ROLE_CONSIGNEE")
		mustCall(t, c, st.gw.URL(), "DenialsService/NotifyDenial", map[string]any{"requestId": fmt.Sprintf("seed-%d", n), "notice": d}, &res)
	case "procurement":
		r := example(t, "procurement")
		r["reference"], r["firstContactDate"], r["lastContactDate"] = fmt.Sprintf("%s-SEED-%03d", s.by, n), date, date
		r["destinationCountry"], r["summary"], r["releasability"] = s.dest, s.title, s.releasability()
		r["items"] = []any{map[string]any{"controlEntries": entries, "description": "Sought item " + s.code}}
		r["parties"] = s.partiesJSON("PARTY_ROLE_ENQUIRING_PARTY", "PARTY_ROLE_END_USER")
		mustCall(t, c, st.gw.URL(), "ProcurementService/ReportAttempt", map[string]any{"requestId": fmt.Sprintf("seed-%d", n), "report": r}, &res)
	case "alert":
		a := example(t, "alert")
		addressed := s.to
		if addressed == nil {
			addressed = others(s.by, 2, n)
		}
		a["reference"], a["destinationCountry"], a["summary"] = fmt.Sprintf("%s-SEED-%03d", s.by, n), s.dest, s.title
		a["releasability"], a["addressedMembers"] = s.releasability(), addressed
		a["responseDeadline"] = s.at.Add(30 * 24 * time.Hour).Format(time.RFC3339)
		a["cargo"].(map[string]any)["suspectedEntries"] = entries
		a["parties"] = s.partiesJSON("PARTY_ROLE_BROKER", "PARTY_ROLE_CONSIGNEE")
		mustCall(t, c, st.gw.URL(), "BrokeringService/RaiseAlert", map[string]any{"requestId": fmt.Sprintf("seed-%d", n), "alert": a}, &res)
	default:
		t.Fatalf("unknown kind %q", s.kind)
	}
	s.id = res.Result.ID
	return res.position(t)
}

// seedAll shares every item of plan with its originator's certificate,
// waits until the views have applied them, and resets the clock.
func seedAll(t testing.TB, st *stack, plan []seed) {
	t.Helper()
	clients := map[string]*http.Client{}
	for _, m := range members {
		clients[m] = st.client(t, m)
	}
	var last uint64
	for i := range plan {
		last = max(last, plan[i].share(t, st, clients[plan[i].by], i))
	}
	st.clock.Set(testNow)
	mustCall(t, clients["FRA"], st.gw.URL(), "ViewsService/ListInbox", map[string]any{"minPosition": fmt.Sprint(last), "pageSize": 1}, nil)
}

// expected is what a member should see of plan under a filter.
type expected struct {
	total   int
	kinds   map[string]int
	dests   map[string]int
	items   map[string]int            // by Annex item number
	monthly map[string]map[string]int // kind -> "YYYY-MM" -> count
	ids     map[string]bool
}

// expect computes, independently of the services, member's counts over
// the items of plan that keep accepts.
func expect(plan []seed, member string, keep func(seed) bool) expected {
	e := expected{kinds: map[string]int{}, dests: map[string]int{}, items: map[string]int{}, monthly: map[string]map[string]int{}, ids: map[string]bool{}}
	for _, s := range plan {
		if !s.visibleTo(member) || (keep != nil && !keep(s)) {
			continue
		}
		e.total++
		e.kinds[s.kind]++
		e.dests[s.dest]++
		e.items[annexItem(s.code)]++
		if e.monthly[s.kind] == nil {
			e.monthly[s.kind] = map[string]int{}
		}
		e.monthly[s.kind][s.at.Format("2006-01")]++
		e.ids[s.id] = true
	}
	return e
}

// annexItem is the Annex item number of an MTCR code ("9.A.6.a" -> "9").
func annexItem(code string) string {
	for i, r := range code {
		if r == '.' {
			return code[:i]
		}
	}
	return code
}

// trendsResponse is the part of GetTrendsResponse the tests read.
type trendsResponse struct {
	Totals []struct {
		Key   string `json:"key"`
		Label string `json:"label"`
		Count string `json:"count"`
	} `json:"totals"`
	Series []struct {
		Key    string `json:"key"`
		Points []struct {
			Period string `json:"period"`
			Count  string `json:"count"`
		} `json:"points"`
	} `json:"series"`
	Periods    []string `json:"periods"`
	TotalItems string   `json:"totalItems"`
}

// totals returns the response's counts by key.
func (r trendsResponse) totals() map[string]int {
	out := map[string]int{}
	for _, c := range r.Totals {
		var n int
		_, _ = fmt.Sscan(c.Count, &n)
		out[c.Key] = n
	}
	return out
}

// mapsEqual compares counts, treating a missing key as zero.
func mapsEqual(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}
