package app

import (
	"fmt"
	"time"
)

// Period is the bucket of a trends time series.
type Period int

// Periods. The zero Period is PeriodMonth.
const (
	PeriodMonth Period = iota
	PeriodQuarter
	PeriodYear
)

// index numbers the period holding t (in UTC) so that consecutive periods
// have consecutive indexes.
func (p Period) index(t time.Time) int {
	t = t.UTC()
	switch p {
	case PeriodQuarter:
		return t.Year()*4 + (int(t.Month())-1)/3
	case PeriodYear:
		return t.Year()
	}
	return t.Year()*12 + int(t.Month()) - 1
}

// key names the period of index i: "2026-03", "2026-Q1" or "2026".
func (p Period) key(i int) string {
	switch p {
	case PeriodQuarter:
		return fmt.Sprintf("%04d-Q%d", i/4, i%4+1)
	case PeriodYear:
		return fmt.Sprintf("%04d", i)
	}
	return fmt.Sprintf("%04d-%02d", i/12, i%12+1)
}

// keys names every period from index first to last, in order.
func (p Period) keys(first, last int) []string {
	out := make([]string, 0, max(last-first+1, 0))
	for i := first; i <= last; i++ {
		out = append(out, p.key(i))
	}
	return out
}
