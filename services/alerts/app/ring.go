package app

import (
	"sort"

	"github.com/vigil-org/vigil/services/alerts/adapters"
)

// ring keeps the latest changes, oldest first, and the position after
// which it holds every change: floor is 0 until the first eviction, then
// the position of the last change evicted.
type ring struct {
	buf   []*adapters.Change
	head  int // index of the oldest
	n     int
	floor uint64
}

func newRing(size int) ring { return ring{buf: make([]*adapters.Change, size)} }

// push appends c, evicting the oldest change when full.
func (r *ring) push(c *adapters.Change) {
	if r.n == len(r.buf) {
		r.floor = r.buf[r.head].Position()
		r.buf[r.head] = nil
		r.head = (r.head + 1) % len(r.buf)
		r.n--
	}
	r.buf[(r.head+r.n)%len(r.buf)] = c
	r.n++
}

// since returns the changes after position after, oldest first, and
// whether the ring holds all of them.
func (r *ring) since(after uint64) ([]*adapters.Change, bool) {
	if after < r.floor {
		return nil, false
	}
	// Positions rise from the oldest on: find the first one after.
	at := func(i int) *adapters.Change { return r.buf[(r.head+i)%len(r.buf)] }
	first := sort.Search(r.n, func(i int) bool { return at(i).Position() > after })
	if first == r.n {
		return nil, true
	}
	out := make([]*adapters.Change, 0, r.n-first)
	for i := first; i < r.n; i++ {
		out = append(out, at(i))
	}
	return out, true
}
