package adapters

import (
	"sync"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// Change is one item event with the item as it was right after it. The
// Event and Snapshot are immutable; StreamItem renders (and caches) what
// one audience may see. A Change is safe for concurrent use.
type Change struct {
	Event      *domain.Event
	Snapshot   *Snapshot
	OccurredAt time.Time

	mu       sync.RWMutex
	rendered map[renderKey]*vigilv1.StreamItem
}

// renderKey is what a rendering depends on: the parts the audience may
// see and the two member-specific fields of the summary (its
// acknowledgement and whether the alert addresses it). Members that agree
// on these share one rendering.
type renderKey struct {
	parts     identity.Parts
	ack       time.Time
	addressed bool
}

// Position is the event's log position.
func (c *Change) Position() uint64 { return c.Event.Position }

// StreamItem returns the event as member sees it with parts of the item:
// the summary always, parties and route only when parts allows them. The
// result is shared by every caller that would get the same rendering and
// must not be modified. The caller has checked that the audience may
// receive the event at all.
func (c *Change) StreamItem(member string, parts identity.Parts) *vigilv1.StreamItem {
	k := renderKey{parts: parts, ack: c.Snapshot.Acks[member], addressed: c.Snapshot.addresses(member)}
	c.mu.RLock()
	si, ok := c.rendered[k]
	c.mu.RUnlock()
	if ok {
		return si
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if si, ok := c.rendered[k]; ok {
		return si
	}
	si = render(c, member, parts)
	if c.rendered == nil {
		c.rendered = map[renderKey]*vigilv1.StreamItem{}
	}
	c.rendered[k] = si
	return si
}
