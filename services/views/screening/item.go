package screening

import (
	"slices"
	"strings"
	"time"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Item kinds, spelled as the log's aggregate types (identity's).
const (
	KindDenial      = identity.KindDenial
	KindProcurement = identity.KindProcurement
	KindAlert       = identity.KindAlert
)

// Item is what screening knows of one shared item. Items are immutable
// once the projection stores them.
type Item struct {
	// Kind is KindDenial, KindProcurement or KindAlert.
	Kind string
	ID   string
	// Originator is the member that shared the item.
	Originator string
	// Audience is who may see the item, after its latest event.
	Audience Audience
	// Status is active until the item is revoked, expired, withdrawn or
	// closed.
	Status vigilv1.ItemStatus
	// CreatedAt is when the item was notified, reported or raised.
	CreatedAt time.Time
	// ConfirmedAt is, for a denial, the later of its notification and its
	// latest review that renewed or amended it; for other kinds CreatedAt.
	ConfirmedAt time.Time
	Reference   string
	// Destination is the ISO 3166-1 alpha-3 destination country.
	Destination string
	// Entries are the item's MTCR control entries: a denial's, the
	// entries of the items a report names, an alert's suspected entries.
	Entries []annex.Code
	// CatchAll reports a denial whose basis is catch-all.
	CatchAll bool
	Parties  []Party
}

// Party is one party an item names.
type Party struct {
	Role        model.PartyRole
	Name        string
	Aliases     []string
	Country     string
	Identifiers []model.Identifier
}

// Names returns the party's name followed by its aliases.
func (p Party) Names() []string {
	return append([]string{p.Name}, p.Aliases...)
}

// VisibleTo reports whether member may see the item.
func (n *Item) VisibleTo(member string) bool { return n.Audience.Includes(member) }

// Active reports whether the item is active (not revoked, expired,
// withdrawn or closed).
func (n *Item) Active() bool { return n.Status == vigilv1.ItemStatus_ITEM_STATUS_ACTIVE }

// Audience is the set of members that may see an item.
type Audience struct {
	// All is set when the item is released to every member.
	All bool
	// Members, when All is false, are the originator and the members the
	// item is released to, sorted and distinct.
	Members []string
}

// audienceOf is the audience of an item by originator released as rel.
func audienceOf(rel *vigilv1.Releasability, originator string) Audience {
	if rel.GetAllMembers() {
		return Audience{All: true}
	}
	ms := append([]string{originator}, rel.GetMembers()...)
	slices.Sort(ms)
	return Audience{Members: slices.Compact(ms)}
}

// Includes reports whether member belongs to the audience.
func (a Audience) Includes(member string) bool {
	return member != "" && (a.All || slices.Contains(a.Members, member))
}

// key is the audience's name among the index shards: "*" for every
// member, else the members joined by commas.
func (a Audience) key() string {
	if a.All {
		return "*"
	}
	return strings.Join(a.Members, ",")
}
