package app

import (
	"cmp"
	"context"
	"github.com/vigil-org/vigil/pkg/identity"
	"slices"
	"strconv"

	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// Trends are computed from the views' read model at query time, over the
// items the caller may see: every figure is a count of items releasable
// to the caller and nothing else.

// Limits of the trends queries. A zero limit means the default; a larger
// one is capped at the maximum.
const (
	DefaultTrendGroups = 10
	MaxTrendGroups     = 50
	DefaultTopParties  = 20
	MaxTopParties      = 200
	DefaultNetworkSize = 50
	MaxNetworkSize     = 200
)

// OtherKey is the key of the group that sums every group beyond the limit.
const OtherKey = "other"

// TrendsQuery asks for item counts grouped by a dimension, overall and
// per period.
type TrendsQuery struct {
	Member string
	// Access is the caller's need-to-know; the zero Access counts nothing.
	Access      identity.Access
	MinPosition uint64
	Filter      Filter
	Dimension   Dimension
	Period      Period
	// Limit is the number of groups kept (0: DefaultTrendGroups); the
	// rest are summed as the group OtherKey.
	Limit int
}

// GroupCount is the number of items in one group.
type GroupCount struct {
	Key, Label string
	Count      int
}

// Series is one group's item counts per period, one count for every
// period of Trends.Periods (zero-filled).
type Series struct {
	Key, Label string
	Counts     []int
}

// Trends is the answer to a TrendsQuery.
type Trends struct {
	// Totals are the kept groups by count (descending), then key, and
	// last the OtherKey group when some groups were folded into it.
	Totals []GroupCount
	// Series has one entry per element of Totals, in the same order.
	Series []Series
	// Periods are the keys of every period from the first matching item's
	// to the last one's, in order.
	Periods []string
	// TotalItems is the number of matching items. An item may fall in
	// several groups, or in none, so Totals need not add up to it.
	TotalItems int
	Position   uint64
}

// GetTrends counts the items q.Member may see that pass q.Filter, per
// group of q.Dimension, overall and per q.Period. An item counts once per
// distinct group it falls in. It returns ErrBehind when the views do not
// reach q.MinPosition in time.
func (s *Service) GetTrends(ctx context.Context, q TrendsQuery) (Trends, error) {
	var rows []trendRow
	pos, err := s.scan(ctx, q.Member, q.Access, q.MinPosition, q.Filter, func(n *adapters.Item, sum *vigilv1.ItemSummary, c proto.Message) {
		rows = append(rows, trendRow{period: q.Period.index(n.CreatedAt), groups: groupsOf(q.Dimension, n, sum, c)})
	})
	if err != nil {
		return Trends{}, err
	}
	if q.Dimension == DimensionPort {
		resolvePorts(rows)
	}
	t := tally(rows, q.Period, limit(q.Limit, DefaultTrendGroups, MaxTrendGroups))
	t.Position = pos
	return t, nil
}

// trendRow is one matching item: its period index and distinct groups.
type trendRow struct {
	period int
	groups []group
}

// group is one value of a dimension. For ports, name is the normalised
// port name, so that a place named without a LOCODE can join the group of
// a port call that gave one.
type group struct{ key, label, name string }

// scan calls visit for every item member may see, of a kind access
// allows, that passes f, with the item's summary and content as the
// caller may see them (an agency's need-to-know applied, as in lists), in
// one read of the store, after catching up with minPos. It returns the
// position the answer reflects.
func (s *Service) scan(ctx context.Context, member string, access identity.Access, minPos uint64, f Filter,
	visit func(*adapters.Item, *vigilv1.ItemSummary, proto.Message)) (uint64, error) {
	if err := s.catchUp(ctx, minPos); err != nil {
		return 0, err
	}
	pos := s.proj.Position()
	err := s.store.EachVisible(member, func(n *adapters.Item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		sum, c, ok, err := summarizeFor(n, member, access)
		if err != nil {
			return err
		}
		if ok && f.keep(sum) {
			visit(n, sum, c)
		}
		return nil
	})
	return pos, err
}

// tally counts rows per group and period, keeping the top keep groups.
func tally(rows []trendRow, p Period, keep int) Trends {
	first, last := periodRange(rows)
	t := Trends{TotalItems: len(rows), Periods: p.keys(first, last)}
	totals, labels, perPeriod := map[string]int{}, map[string]string{}, map[string][]int{}
	for _, r := range rows {
		for _, g := range r.groups {
			if _, ok := labels[g.key]; !ok {
				labels[g.key], perPeriod[g.key] = g.label, make([]int, len(t.Periods))
			}
			totals[g.key]++
			perPeriod[g.key][r.period-first]++
		}
	}
	keys := ranked(totals)
	for _, k := range keys[:min(keep, len(keys))] {
		t.Totals = append(t.Totals, GroupCount{Key: k, Label: labels[k], Count: totals[k]})
		t.Series = append(t.Series, Series{Key: k, Label: labels[k], Counts: perPeriod[k]})
	}
	if rest := keys[len(t.Totals):]; len(rest) > 0 {
		foldOther(&t, rest, totals, perPeriod)
	}
	return t
}

// foldOther appends the OtherKey group summing the groups in rest.
func foldOther(t *Trends, rest []string, totals map[string]int, perPeriod map[string][]int) {
	other := GroupCount{Key: OtherKey, Label: "Other"}
	series := Series{Key: OtherKey, Label: "Other", Counts: make([]int, len(t.Periods))}
	for _, k := range rest {
		other.Count += totals[k]
		for i, c := range perPeriod[k] {
			series.Counts[i] += c
		}
	}
	t.Totals, t.Series = append(t.Totals, other), append(t.Series, series)
}

// ranked returns the keys of counts by count (descending), then key.
func ranked(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return compareKeys(a, b)
	})
	return keys
}

// compareKeys orders numeric keys (Annex item numbers) by value, before
// any other key, and other keys as strings.
func compareKeys(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(x, y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Compare(a, b)
}

// periodRange returns the first and last period index of rows (0, -1
// when there are none, giving no periods).
func periodRange(rows []trendRow) (first, last int) {
	if len(rows) == 0 {
		return 0, -1
	}
	first, last = rows[0].period, rows[0].period
	for _, r := range rows[1:] {
		first, last = min(first, r.period), max(last, r.period)
	}
	return first, last
}

// limit applies a query's default and maximum to n.
func limit(n, def, most int) int {
	switch {
	case n <= 0:
		return def
	case n > most:
		return most
	}
	return n
}
