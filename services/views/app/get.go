package app

import (
	"context"
	"errors"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// Detail is one item as a member may see it.
type Detail struct {
	Item       *adapters.Item
	Summary    *vigilv1.ItemSummary
	Content    proto.Message
	Recipients []*vigilv1.RecipientStatus
	History    []*vigilv1.HistoryEntry
	Links      []*vigilv1.Link
	Position   uint64
}

// Get returns item id if it is releasable to member. The originator sees
// every recipient's status; a recipient sees its own. Links show only when
// member can see the other end too.
func (s *Service) Get(ctx context.Context, member, id string, minPosition uint64) (Detail, error) {
	return s.GetFor(ctx, identity.Principal{Member: member}, id, minPosition)
}

// GetFor is Get for a principal: an agency sees only its role's kinds and
// parts (NotFound for other kinds), and history without payloads.
func (s *Service) GetFor(ctx context.Context, p identity.Principal, id string, minPosition uint64) (Detail, error) {
	member := p.Member
	if err := s.catchUp(ctx, minPosition); err != nil {
		return Detail{}, err
	}
	pos := s.proj.Position()
	n, err := s.visible(member, id)
	if err != nil {
		return Detail{}, err
	}
	sum, content, ok, err := summarizeFor(n, member, identity.NeedToKnow(p))
	if err != nil {
		return Detail{}, err
	}
	if !ok {
		return Detail{}, ErrNotFound
	}
	d := Detail{Item: n, Summary: sum, Content: content, Position: pos}
	d.Recipients = recipientStatus(n, s.recipients(n, content), member)
	if d.History, err = s.history(n, member); err != nil {
		return Detail{}, err
	}
	if p.IsAgency() {
		d.History = withoutPayloads(d.History)
	}
	d.Links = s.links(n, member)
	return d, nil
}

// RecipientsOf returns the recipient rows of a listed item, from the
// content the list already decoded, without reading its history (for
// lists of own items).
func (s *Service) RecipientsOf(r Row, member string) []*vigilv1.RecipientStatus {
	return recipientStatus(r.Item, s.recipients(r.Item, r.Content), member)
}

// visible returns item id when member may see it, else ErrNotFound.
func (s *Service) visible(member, id string) (*adapters.Item, error) {
	n, err := s.store.Get(id)
	if errors.Is(err, adapters.ErrNotFound) || (err == nil && !n.VisibleTo(member)) {
		return nil, ErrNotFound
	}
	return n, err
}

// recipients are the members addressed by an item: an alert's addressed
// members; otherwise everyone it is released to but the originator.
func (s *Service) recipients(n *adapters.Item, content proto.Message) []string {
	var rel *vigilv1.Releasability
	switch c := content.(type) {
	case *vigilv1.BrokeringAlert:
		return c.GetAddressedMembers()
	case *vigilv1.DenialNotice:
		rel = c.GetReleasability()
	case *vigilv1.ProcurementReport:
		rel = c.GetReleasability()
	}
	all := rel.GetMembers()
	if rel.GetAllMembers() {
		all = s.roster.Members()
	}
	var out []string
	for _, m := range all {
		if m != n.Originator {
			out = append(out, m)
		}
	}
	return out
}

func recipientStatus(n *adapters.Item, recipients []string, member string) []*vigilv1.RecipientStatus {
	var out []*vigilv1.RecipientStatus
	for _, r := range recipients {
		if member != n.Originator && r != member {
			continue
		}
		rs := &vigilv1.RecipientStatus{Member: r}
		if at, ok := n.Acks[r]; ok {
			rs.Acknowledged, rs.AcknowledgedAt = true, ts(at)
		}
		if resp, ok := n.Responses[r]; ok {
			rs.Responded, rs.RespondedAt, rs.Response = true, ts(resp.At), &vigilv1.AlertResponse{}
			_ = proto.Unmarshal(resp.Response, rs.Response)
		}
		_, rs.Lapsed = n.Lapsed[r]
		out = append(out, rs)
	}
	return out
}

// history returns n's events that member may see: everything for the
// originator; for others, not other members' receipts, responses or
// lapses, nor links to items they cannot see.
func (s *Service) history(n *adapters.Item, member string) ([]*vigilv1.HistoryEntry, error) {
	positions, envs, err := s.store.History(n.ID)
	if err != nil {
		return nil, err
	}
	var out []*vigilv1.HistoryEntry
	for i, e := range envs {
		if s.showEvent(n, e, member) {
			out = append(out, &vigilv1.HistoryEntry{Position: positions[i], Event: e})
		}
	}
	return out, nil
}

func (s *Service) showEvent(n *adapters.Item, e *vigilv1.EventEnvelope, member string) bool {
	if l := e.GetItemLinked(); l != nil {
		other := l.GetTo()
		if other.GetId() == n.ID {
			other = l.GetFrom()
		}
		_, err := s.visible(member, other.GetId())
		return err == nil
	}
	if member == n.Originator {
		return true
	}
	if who := perMember(e); who != "" {
		return who == member
	}
	return true
}

// perMember names the member a per-recipient event is about, "" if none.
func perMember(e *vigilv1.EventEnvelope) string {
	switch p := e.GetPayload().(type) {
	case *vigilv1.EventEnvelope_DenialAcknowledged:
		return p.DenialAcknowledged.GetMember()
	case *vigilv1.EventEnvelope_ProcurementAcknowledged:
		return p.ProcurementAcknowledged.GetMember()
	case *vigilv1.EventEnvelope_AlertAcknowledged:
		return p.AlertAcknowledged.GetMember()
	case *vigilv1.EventEnvelope_AlertResponded:
		return p.AlertResponded.GetMember()
	case *vigilv1.EventEnvelope_AlertResponseLapsed:
		return p.AlertResponseLapsed.GetMember()
	}
	return ""
}

func (s *Service) links(n *adapters.Item, member string) []*vigilv1.Link {
	var out []*vigilv1.Link
	for _, l := range n.Links {
		if _, err := s.visible(member, l.OtherID); err != nil {
			continue
		}
		out = append(out, &vigilv1.Link{Other: &vigilv1.ItemRef{Kind: pbconv.ItemKindPB(l.OtherKind), Id: l.OtherID},
			LinkedBy: l.By, LinkedAt: ts(l.At), Comment: l.Comment})
	}
	return out
}
