// Package adapters holds the views' read models: a bbolt database filled
// by a projector that follows the event log. The log position applied is
// stored in the same transaction as every change, so a restart resumes
// where it stopped and a rebuild from position zero reproduces the same
// bytes.
package adapters

import (
	"slices"
	"time"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Notice is the read model of one denial notice.
type Notice struct {
	ID               string               `json:"id"`
	Originator       string               `json:"originator"`
	Notice           []byte               `json:"notice"` // deterministic protobuf of vigilv1.DenialNotice
	Status           vigilv1.NoticeStatus `json:"status"`
	NotifiedAt       time.Time            `json:"notified_at"`
	UpdatedAt        time.Time            `json:"updated_at"`
	ReviewDue        time.Time            `json:"review_due"`
	Version          uint64               `json:"version"`
	NotifiedPosition uint64               `json:"notified_position"`
	Acks             map[string]time.Time `json:"acks,omitempty"`
	// Readers are the inbox keys the notice is indexed under: member codes,
	// or AllMembers.
	Readers []string `json:"readers"`
}

// AllMembers is the reader key of notices releasable to every member.
const AllMembers = "*"

// VisibleTo reports whether member may see the notice.
func (n *Notice) VisibleTo(member string) bool {
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
