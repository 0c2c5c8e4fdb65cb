package app

import (
	"context"
	"errors"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// Detail is one notice with its history, as the member may see it.
type Detail struct {
	Notice     *adapters.Notice
	Content    *vigilv1.DenialNotice
	Recipients []string
	Positions  []uint64
	History    []*vigilv1.EventEnvelope
	Position   uint64
}

// Get returns notice id if it is releasable to member. Only the originator
// sees every recipient and every acknowledgement; a recipient sees its own.
func (s *Service) Get(ctx context.Context, member, id string, minPosition uint64) (Detail, error) {
	if err := s.catchUp(ctx, minPosition); err != nil {
		return Detail{}, err
	}
	pos := s.proj.Position()
	n, err := s.store.Get(id)
	if errors.Is(err, adapters.ErrNotFound) || (err == nil && !n.VisibleTo(member)) {
		return Detail{}, ErrNotFound
	}
	if err != nil {
		return Detail{}, err
	}
	content, err := adapters.DecodeContent(n)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Notice: n, Content: content, Position: pos}
	d.Recipients = s.recipients(n, content, member)
	d.Positions, d.History, err = s.history(n, member)
	return d, err
}

func (s *Service) recipients(n *adapters.Notice, c *vigilv1.DenialNotice, member string) []string {
	var all []string
	if c.GetReleasability().GetAllMembers() {
		all = s.roster.Members()
	} else {
		all = c.GetReleasability().GetMembers()
	}
	var out []string
	for _, m := range all {
		if m != n.Originator && (member == n.Originator || m == member) {
			out = append(out, m)
		}
	}
	return out
}

// history returns the events of n; a recipient does not see other
// recipients' acknowledgements.
func (s *Service) history(n *adapters.Notice, member string) ([]uint64, []*vigilv1.EventEnvelope, error) {
	positions, envs, err := s.store.History(n.ID)
	if err != nil || member == n.Originator {
		return positions, envs, err
	}
	var ps []uint64
	var es []*vigilv1.EventEnvelope
	for i, e := range envs {
		if ack := e.GetDenialAcknowledged(); ack != nil && ack.GetMember() != member {
			continue
		}
		ps, es = append(ps, positions[i]), append(es, e)
	}
	return ps, es, nil
}
