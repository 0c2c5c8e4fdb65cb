package adapters

import (
	"slices"
	"time"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Item is the read model of one shared item of any kind.
type Item struct {
	Kind       string `json:"kind"`
	ID         string `json:"id"`
	Originator string `json:"originator"`
	// Content is the deterministic protobuf of the item's content:
	// DenialNotice, ProcurementReport or BrokeringAlert.
	Content         []byte               `json:"content"`
	Status          vigilv1.ItemStatus   `json:"status"`
	CreatedAt       time.Time            `json:"created_at"`
	UpdatedAt       time.Time            `json:"updated_at"`
	DueAt           time.Time            `json:"due_at"`
	Version         uint64               `json:"version"`
	CreatedPosition uint64               `json:"created_position"`
	Acks            map[string]time.Time `json:"acks,omitempty"`
	Responses       map[string]Response  `json:"responses,omitempty"`
	Lapsed          map[string]time.Time `json:"lapsed,omitempty"`
	Links           []Link               `json:"links,omitempty"`
	// Readers are the inbox keys the item is indexed under: member codes,
	// or AllMembers.
	Readers []string `json:"readers"`
}

// Response is an addressed member's latest response to an alert.
type Response struct {
	At       time.Time `json:"at"`
	Response []byte    `json:"response"` // deterministic protobuf of AlertResponse
}

// Link joins two items; both ends record it.
type Link struct {
	OtherKind string    `json:"other_kind"`
	OtherID   string    `json:"other_id"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
	Comment   string    `json:"comment,omitempty"`
}

// AllMembers is the reader key of items releasable to every member.
const AllMembers = "*"

// VisibleTo reports whether member may see the item.
func (n *Item) VisibleTo(member string) bool {
	return member == n.Originator || slices.Contains(n.Readers, AllMembers) || slices.Contains(n.Readers, member)
}

// readers derives the inbox keys from releasability.
func readers(r *vigilv1.Releasability) []string {
	if r.GetAllMembers() {
		return []string{AllMembers}
	}
	out := slices.Clone(r.GetMembers())
	slices.Sort(out)
	return slices.Compact(out)
}

func (n *Item) ack(member string, at time.Time) {
	if n.Acks == nil {
		n.Acks = map[string]time.Time{}
	}
	n.Acks[member] = at
}
