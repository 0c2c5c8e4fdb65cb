package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// ConsultationQuery selects the consultations of one member.
type ConsultationQuery struct {
	Member      string
	MinPosition uint64
	// OpenOnly keeps the consultations still awaiting an answer or a
	// close: not closed, lapsed or ended by a grant.
	OpenOnly bool
	// Now is the clock "overdue" is judged against; nil means time.Now.
	// The projection holds only what the events say (a lapse is an
	// event); overdue is computed at query time.
	Now func() time.Time
}

// ConsultationList is the member's consultations with the position the
// answer reflects.
type ConsultationList struct {
	Consultations []*vigilv1.ConsultationSummary
	Position      uint64
}

// ListConsultations returns the consultations q.Member requested or was
// asked: open ones first, overdue ones first among those, then by due
// date, earliest first (ties by id).
func (s *Service) ListConsultations(ctx context.Context, q ConsultationQuery) (ConsultationList, error) {
	if err := s.catchUp(ctx, q.MinPosition); err != nil {
		return ConsultationList{}, err
	}
	pos := s.proj.Position()
	all, err := s.store.ConsultationsOf(q.Member)
	if err != nil {
		return ConsultationList{}, err
	}
	now := clock(q.Now)()
	var keep []*adapters.Consultation
	for _, c := range all {
		if c.VisibleTo(q.Member) && (!q.OpenOnly || c.Open()) {
			keep = append(keep, c)
		}
	}
	slices.SortFunc(keep, consultationOrder(now))
	out := ConsultationList{Position: pos}
	for _, c := range keep {
		sum, err := consultationSummary(c, now)
		if err != nil {
			return ConsultationList{}, err
		}
		out.Consultations = append(out.Consultations, sum)
	}
	return out, nil
}

// GetConsultation returns consultation id as member sees it, or
// ErrNotFound when it does not exist or member is not one of its two
// parties.
func (s *Service) GetConsultation(ctx context.Context, member, id string, minPosition uint64, now func() time.Time) (*vigilv1.ConsultationSummary, error) {
	if err := s.catchUp(ctx, minPosition); err != nil {
		return nil, err
	}
	c, err := s.store.Consultation(id)
	if errors.Is(err, adapters.ErrNotFound) || (err == nil && !c.VisibleTo(member)) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return consultationSummary(c, clock(now)())
}

func clock(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}

// consultationOrder sorts open before ended, overdue before not, then by
// due date and id.
func consultationOrder(now time.Time) func(a, b *adapters.Consultation) int {
	return func(a, b *adapters.Consultation) int {
		if c := cmpTrueFirst(a.Open(), b.Open()); c != 0 {
			return c
		}
		if c := cmpTrueFirst(a.Overdue(now), b.Overdue(now)); c != 0 {
			return c
		}
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	}
}

func cmpTrueFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// consultationSummary builds the row of c, with overdue judged at now.
func consultationSummary(c *adapters.Consultation, now time.Time) (*vigilv1.ConsultationSummary, error) {
	application := &vigilv1.LicenceApplication{}
	if err := proto.Unmarshal(c.Application, application); err != nil {
		return nil, fmt.Errorf("decode consultation %s: %w", c.ID, err)
	}
	return &vigilv1.ConsultationSummary{
		Id: c.ID, DenialId: c.DenialID, RequestingMember: c.Requester, DenyingMember: c.Denier,
		Status: c.Status, Answer: c.Answer, AnswerText: c.AnswerText, Question: c.Question,
		Application: application, RequestedAt: ts(c.RequestedAt), Due: ts(c.Due),
		Overdue: c.Overdue(now), Version: c.Version,
	}, nil
}
