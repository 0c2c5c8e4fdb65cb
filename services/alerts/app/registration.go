package app

import (
	"github.com/vigil-org/vigil/services/alerts/adapters"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// Subscription is who subscribes, what it wants and where it starts.
type Subscription struct {
	Audience domain.Audience
	Filter   domain.Filter
	// After is the position the stream starts after: only events with a
	// greater position are delivered.
	After uint64
}

// wants reports whether the subscription receives c: after its start,
// entitled to it, and matched by its filter.
func (s Subscription) wants(c *adapters.Change) bool {
	if c.Position() <= s.After || !s.Audience.Receives(c.Event) {
		return false
	}
	parts, _ := s.Audience.Access.Parts(c.Event.Item.Kind)
	return s.Filter.Matches(c.Event, parts)
}

// registration is a subscription known to the hub: from start on, the
// hub puts every change it wants into ch, or closes cut (and forgets the
// registration) when ch is full.
type registration struct {
	Subscription
	start uint64
	ch    chan *adapters.Change
	cut   chan struct{}
}

// register adds s to the fan-out at the hub's current position and
// returns the registration with the backlog of wanted changes after
// s.After up to that position, when the hub still holds all of them
// (covered). It fails with ErrStopped when the hub is stopped.
func (h *Hub) register(s Subscription) (r *registration, backlog []*adapters.Change, covered bool, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.life.Err() != nil {
		return nil, nil, false, ErrStopped
	}
	r = &registration{Subscription: s, start: h.pos, ch: make(chan *adapters.Change, h.cfg.Buffer), cut: make(chan struct{})}
	h.subs[r] = struct{}{}
	if s.After >= h.pos {
		return r, nil, true, nil
	}
	all, covered := h.backlog.since(s.After)
	for _, c := range all {
		if s.wants(c) {
			backlog = append(backlog, c)
		}
	}
	return r, backlog, covered, nil
}

// unregister removes r from the fan-out; it may already be gone.
func (h *Hub) unregister(r *registration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, r)
}

// isCut reports whether the hub cut r off.
func (r *registration) isCut() bool {
	select {
	case <-r.cut:
		return true
	default:
		return false
	}
}
