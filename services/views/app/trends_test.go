package app_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/annex"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

// totals renders Totals as "key=count ...".
func totals(t app.Trends) string {
	var out []string
	for _, c := range t.Totals {
		out = append(out, fmt.Sprintf("%s=%d", c.Key, c.Count))
	}
	return strings.Join(out, " ")
}

// series renders Series as "key:n,n,n ...".
func series(t app.Trends) string {
	var out []string
	for _, s := range t.Series {
		out = append(out, fmt.Sprintf("%s:%s", s.Key, strings.Trim(strings.Join(strings.Fields(fmt.Sprint(s.Counts)), ","), "[]")))
	}
	return strings.Join(out, " ")
}

func (v *views) trends(q app.TrendsQuery) app.Trends {
	v.t.Helper()
	res, err := v.app.GetTrends(v.t.Context(), q)
	if err != nil {
		v.t.Fatal(err)
	}
	return res
}

func TestTrendsByDimension(t *testing.T) {
	v := seed(t)
	tests := []struct {
		name   string
		member string
		dim    app.Dimension
		want   string
	}{
		{"kind", "FRA", app.DimensionKind, "denial=3 alert=1 procurement=1"},
		{"control item counts an item once per item number", "FRA", app.DimensionControlItem, "3=2 9=2 1=1 2=1 4=1"},
		{"category", "FRA", app.DimensionCategory, "II=4 I=1"},
		{"destination", "FRA", app.DimensionDestination, "IRN=3 PAK=1 SYR=1"},
		{"transit country leaves out the destination and loading ports", "FRA", app.DimensionTransitCountry, "ARE=2 EGY=1"},
		{"port joins a named place to the LOCODE of the same name", "FRA", app.DimensionPort, "AEJEA=2 BANDAR ABBAS=1 CNSHA=1 EGPSD=1 SYLTK=1"},
		{"red flag", "FRA", app.DimensionRedFlag, "RED_FLAG_END_USER_IS_TRADER=1 RED_FLAG_THIN_WEB_PRESENCE=1"},
		{"originator", "FRA", app.DimensionOriginator, "FRA=2 JPN=1 KOR=1 USA=1"},
		{"JPN does not see KOR's report", "JPN", app.DimensionKind, "denial=3 alert=1"},
		{"KOR does not see FRA's denial released to JPN", "KOR", app.DimensionKind, "denial=2 alert=1 procurement=1"},
		{"USA sees only what is released to all", "USA", app.DimensionKind, "denial=2 alert=1"},
		{"JPN sees no red flag", "JPN", app.DimensionRedFlag, ""},
		{"JPN's ports are the alert's", "JPN", app.DimensionPort, "AEJEA=1 CNSHA=1 EGPSD=1 SYLTK=1"},
		{"JPN's transit countries", "JPN", app.DimensionTransitCountry, "ARE=1 EGY=1"},
		{"KOR's destinations", "KOR", app.DimensionDestination, "IRN=2 PAK=1 SYR=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := totals(v.trends(app.TrendsQuery{Access: delegation, Member: tt.member, Dimension: tt.dim})); got != tt.want {
				t.Errorf("totals = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTrendsLabels(t *testing.T) {
	v := seed(t)
	tests := []struct {
		dim       app.Dimension
		key, want string
	}{
		{app.DimensionKind, "procurement", "Procurement-attempt report"},
		{app.DimensionControlItem, "9", annex.ItemTitle(9)},
		{app.DimensionCategory, "I", "Category I"},
		{app.DimensionDestination, "IRN", "Iran (Islamic Republic of)"},
		{app.DimensionTransitCountry, "EGY", "Egypt"},
		{app.DimensionPort, "AEJEA", "Jebel Ali"},
		{app.DimensionRedFlag, "RED_FLAG_THIN_WEB_PRESENCE", "Thin web presence"},
		{app.DimensionOriginator, "KOR", "Korea (Republic of)"},
	}
	for _, tt := range tests {
		res := v.trends(app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: tt.dim})
		i := slices.IndexFunc(res.Totals, func(c app.GroupCount) bool { return c.Key == tt.key })
		if i < 0 || res.Totals[i].Label != tt.want || res.Series[i].Label != tt.want {
			t.Errorf("dimension %d: no group %q labelled %q in %+v", tt.dim, tt.key, tt.want, res.Totals)
		}
	}
}

func TestTrendsReleasability(t *testing.T) {
	v := seed(t)
	q := app.TrendsQuery{Access: delegation, Dimension: app.DimensionDestination, Filter: app.Filter{Country: "IRN"}}
	want := map[string]struct {
		totals string
		items  int
	}{
		"FRA": {"IRN=3", 3}, // D1, P1, D3
		"JPN": {"IRN=2", 2}, // D1, D3
		"KOR": {"IRN=2", 2}, // D1, P1
		"USA": {"IRN=1", 1}, // D1
	}
	for member, w := range want {
		q.Member = member
		res := v.trends(q)
		if got := totals(res); got != w.totals || res.TotalItems != w.items {
			t.Errorf("%s: totals %q over %d items, want %q over %d", member, got, res.TotalItems, w.totals, w.items)
		}
	}
}

func TestTrendsPeriods(t *testing.T) {
	v := seed(t)
	tests := []struct {
		name    string
		period  app.Period
		member  string
		periods string
		series  string
	}{
		{"months are zero-filled from first to last", app.PeriodMonth, "FRA",
			"2025-11 2025-12 2026-01 2026-02 2026-03 2026-04",
			"denial:1,0,1,1,0,0 alert:0,0,0,0,0,1 procurement:0,0,0,0,1,0"},
		{"quarters split at midnight UTC on 1 April", app.PeriodQuarter, "FRA",
			"2025-Q4 2026-Q1 2026-Q2", "denial:1,2,0 alert:0,0,1 procurement:0,1,0"},
		{"years", app.PeriodYear, "FRA", "2025 2026", "denial:1,2 alert:0,1 procurement:0,1"},
		{"a member's range is its own items'", app.PeriodMonth, "USA",
			"2026-01 2026-02 2026-03 2026-04", "denial:1,1,0,0 alert:0,0,0,1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := v.trends(app.TrendsQuery{Access: delegation, Member: tt.member, Dimension: app.DimensionKind, Period: tt.period})
			if got := strings.Join(res.Periods, " "); got != tt.periods {
				t.Errorf("periods = %q, want %q", got, tt.periods)
			}
			if got := series(res); got != tt.series {
				t.Errorf("series = %q, want %q", got, tt.series)
			}
		})
	}
}

func TestTrendsOther(t *testing.T) {
	v := seed(t)
	res := v.trends(app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: app.DimensionControlItem, Limit: 2})
	if got, want := totals(res), "3=2 9=2 other=3"; got != want {
		t.Errorf("totals = %q, want %q", got, want)
	}
	// other: item 4 in 2025-11 (D3), items 1 and 2 in 2026-02 (D2).
	if got, want := series(res), "3:0,0,1,0,1,0 9:0,0,1,0,0,1 other:1,0,0,2,0,0"; got != want {
		t.Errorf("series = %q, want %q", got, want)
	}
	if res.TotalItems != 5 {
		t.Errorf("total items = %d, want 5", res.TotalItems)
	}
	if all := v.trends(app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: app.DimensionControlItem, Limit: 5}); strings.Contains(totals(all), app.OtherKey) {
		t.Errorf("no group should fold into other at the limit: %q", totals(all))
	}
}

func TestTrendsFilter(t *testing.T) {
	v := seed(t)
	tests := []struct {
		name   string
		filter app.Filter
		dim    app.Dimension
		want   string
		items  int
	}{
		{"kind", app.Filter{Kind: vigilv1.ItemKind_ITEM_KIND_DENIAL}, app.DimensionDestination, "IRN=2 PAK=1", 3},
		{"control code prefix", app.Filter{ControlCode: ptr(annex.MustParse("3.A"))}, app.DimensionKind, "denial=1 procurement=1", 2},
		{"created from", app.Filter{From: utc("2026-03-01T00:00:00Z")}, app.DimensionKind, "alert=1 procurement=1", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := v.trends(app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: tt.dim, Filter: tt.filter})
			if got := totals(res); got != tt.want || res.TotalItems != tt.items {
				t.Errorf("totals %q over %d items, want %q over %d", got, res.TotalItems, tt.want, tt.items)
			}
		})
	}
}

func TestTrendsEmpty(t *testing.T) {
	v := newViews(t)
	res := v.trends(app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: app.DimensionKind})
	if len(res.Totals) != 0 || len(res.Series) != 0 || len(res.Periods) != 0 || res.TotalItems != 0 {
		t.Errorf("empty views gave %+v", res)
	}
}

func TestTrendsMinPosition(t *testing.T) {
	v := seed(t)
	res, err := v.app.GetTrends(t.Context(), app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: app.DimensionKind, MinPosition: 5})
	if err != nil || res.Position != 5 {
		t.Errorf("at the projected position: %v, position %d", err, res.Position)
	}
	if _, err := v.app.GetTrends(t.Context(), app.TrendsQuery{Access: delegation, Member: "FRA", Dimension: app.DimensionKind, MinPosition: 6}); !errors.Is(err, app.ErrBehind) {
		t.Errorf("beyond the projected position: %v, want ErrBehind", err)
	}
	if _, err := v.app.TopParties(t.Context(), app.PartiesQuery{Access: delegation, Member: "FRA", MinPosition: 6}); !errors.Is(err, app.ErrBehind) {
		t.Errorf("TopParties beyond the projected position: %v, want ErrBehind", err)
	}
	if _, err := v.app.PartyNetwork(t.Context(), app.PartiesQuery{Access: delegation, Member: "FRA", MinPosition: 6}); !errors.Is(err, app.ErrBehind) {
		t.Errorf("PartyNetwork beyond the projected position: %v, want ErrBehind", err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestTrendsCountsEachItemOnce(t *testing.T) {
	v := newViews(t)
	// Released to its own originator too: indexed as FRA's own and in
	// FRA's inbox.
	v.add("D9", "FRA", utc("2026-06-01T00:00:00Z"), &vigilv1.DenialNotice{
		DestinationCountry: "IRN", ControlEntries: screeningtest.Entries("3.A.1"), Releasability: screeningtest.Only("FRA", "JPN")})
	for _, m := range []string{"FRA", "JPN"} {
		if got := totals(v.trends(app.TrendsQuery{Access: delegation, Member: m, Dimension: app.DimensionKind})); got != "denial=1" {
			t.Errorf("%s: totals = %q, want denial=1", m, got)
		}
	}
	if got := totals(v.trends(app.TrendsQuery{Access: delegation, Member: "KOR", Dimension: app.DimensionKind})); got != "" {
		t.Errorf("KOR: totals = %q, want none", got)
	}
}
