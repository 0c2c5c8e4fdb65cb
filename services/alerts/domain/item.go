package domain

import (
	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
)

// Item is what the stream knows of one shared item after an event: the
// facts that decide who may receive the event and which filters it
// matches. An Item is never changed once built; the next event makes a
// new one.
type Item struct {
	// Kind is identity.KindDenial, KindProcurement or KindAlert.
	Kind string
	ID   string
	// Originator is the member that shared the item.
	Originator string
	// Release is the item's releasability after the event, as its
	// envelope carries it.
	Release model.Releasability
	// Destination is the declared destination country.
	Destination string
	// Transit are the countries on the route: an alert's port calls, a
	// report's shipping route. Part identity.Parts.Route.
	Transit []string
	// Codes are the control entries (hierarchy-aware matching).
	Codes []annex.Code
	// Parties are the party names with their aliases, normalised. Part
	// identity.Parts.Parties.
	Parties [][]NameKey
	// RedFlags are a procurement report's red flags (enum numbers).
	RedFlags []int32
	// Urgency is an alert's urgency (enum number, higher is more urgent);
	// 0 for other kinds.
	Urgency int32
}

// VisibleTo reports whether member may see the item: it is the
// originator or the item is releasable to it.
func (it *Item) VisibleTo(member string) bool {
	return it != nil && it.Release.VisibleTo(member, it.Originator)
}

// Event is one item event as the stream delivers it: its log position,
// its type, the item after it and, for events that concern one member or
// another item, what visibility also depends on.
type Event struct {
	Position uint64
	// Type is the envelope's event type, such as "vigil.v1.AlertRaised".
	Type string
	Item *Item
	// Concerns is the member an acknowledgement, response or lapse is
	// about; empty for events about the item itself. Only the originator
	// and that member receive such an event (as the views show a
	// recipient's status only to the originator and the recipient).
	Concerns string
	// Link is set on an ItemLinked event: the item at the other end, nil
	// when the stream does not know it.
	Link *Item
	// IsLink reports whether the event links the item to another.
	IsLink bool
}

// Audience is who receives an event: a member and what its role may
// receive.
type Audience struct {
	Member string
	Access identity.Access
}

// Receives reports whether the audience may receive the event at all,
// before any filter: the item is releasable to the member, the member may
// see this kind of event about it, and the role's need-to-know allows the
// kind.
func (a Audience) Receives(e *Event) bool {
	it := e.Item
	switch {
	case !it.VisibleTo(a.Member), !a.Access.Allows(it.Kind):
		return false
	case e.Concerns != "" && a.Member != it.Originator && a.Member != e.Concerns:
		return false
	case e.IsLink && !e.Link.VisibleTo(a.Member):
		return false
	}
	return true
}
