package app

import (
	"context"
	"encoding/base64"
	"encoding/binary"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// ListQuery selects a page of notices.
type ListQuery struct {
	Member             string
	MinPosition        uint64
	Status             vigilv1.NoticeStatus
	UnacknowledgedOnly bool
	PageSize           int
	PageToken          string
}

// ListResult is a page of notices.
type ListResult struct {
	Notices       []*adapters.Notice
	NextPageToken string
	Position      uint64
}

// Inbox lists the notices releasable to the member from others.
func (s *Service) Inbox(ctx context.Context, q ListQuery) (ListResult, error) {
	return s.list(ctx, q, s.store.Inbox)
}

// Own lists the member's own notices.
func (s *Service) Own(ctx context.Context, q ListQuery) (ListResult, error) {
	return s.list(ctx, q, s.store.Own)
}

func (s *Service) list(ctx context.Context, q ListQuery, from func(string, adapters.Page) ([]*adapters.Notice, uint64, error)) (ListResult, error) {
	before, err := decodeToken(q.PageToken)
	if err != nil {
		return ListResult{}, err
	}
	if err := s.catchUp(ctx, q.MinPosition); err != nil {
		return ListResult{}, err
	}
	pos := s.proj.Position()
	page := adapters.Page{Before: before, Limit: pageSize(q.PageSize), Keep: filter(q)}
	ns, next, err := from(q.Member, page)
	if err != nil {
		return ListResult{}, err
	}
	return ListResult{Notices: ns, NextPageToken: encodeToken(next), Position: pos}, nil
}

func filter(q ListQuery) func(*adapters.Notice) bool {
	return func(n *adapters.Notice) bool {
		if q.Status != vigilv1.NoticeStatus_NOTICE_STATUS_UNSPECIFIED && n.Status != q.Status {
			return false
		}
		_, acked := n.Acks[q.Member]
		return !q.UnacknowledgedOnly || !acked
	}
}

func pageSize(n int) int {
	switch {
	case n <= 0:
		return 100
	case n > 1000:
		return 1000
	}
	return n
}

func encodeToken(pos uint64) string {
	if pos == 0 {
		return ""
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], pos)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func decodeToken(t string) (uint64, error) {
	if t == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(t)
	if err != nil || len(b) != 8 {
		return 0, ErrBadPageToken
	}
	return binary.BigEndian.Uint64(b), nil
}
