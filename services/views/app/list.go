package app

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"slices"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// Filter narrows a list; zero fields do not filter. Ports validate it.
type Filter struct {
	Kind               vigilv1.ItemKind
	Status             vigilv1.ItemStatus
	Country            string
	ControlCode        *annex.Code
	From, To           time.Time
	UnacknowledgedOnly bool
}

// ListQuery selects a page of items.
type ListQuery struct {
	Member string
	// Access is the caller's need-to-know; the zero Access shows nothing.
	Access      identity.Access
	MinPosition uint64
	Filter      Filter
	PageSize    int
	PageToken   string
}

// Row is one listed item with the caller's summary of it.
type Row struct {
	Item    *adapters.Item
	Summary *vigilv1.ItemSummary
	// Content is the item's content as the caller may see it.
	Content proto.Message
}

// ListResult is a page of items.
type ListResult struct {
	Rows          []Row
	NextPageToken string
	Position      uint64
}

// Inbox lists items releasable to the member from others.
func (s *Service) Inbox(ctx context.Context, q ListQuery) (ListResult, error) {
	return s.list(ctx, q, s.store.Inbox)
}

// Own lists the member's own items.
func (s *Service) Own(ctx context.Context, q ListQuery) (ListResult, error) {
	return s.list(ctx, q, s.store.Own)
}

func (s *Service) list(ctx context.Context, q ListQuery, from func(string, adapters.Page) ([]*adapters.Item, uint64, error)) (ListResult, error) {
	before, err := decodeToken(q.PageToken)
	if err != nil {
		return ListResult{}, err
	}
	if err := s.catchUp(ctx, q.MinPosition); err != nil {
		return ListResult{}, err
	}
	pos := s.proj.Position()
	rows := map[string]Row{}
	var sumErr error
	keep := func(n *adapters.Item) bool {
		sum, content, ok, err := summarizeFor(n, q.Member, q.Access)
		if err != nil {
			sumErr = err
			return false
		}
		if !ok {
			return false
		}
		rows[n.ID] = Row{Item: n, Summary: sum, Content: content}
		return q.Filter.keep(sum)
	}
	items, next, err := from(q.Member, adapters.Page{Before: before, Limit: pageSize(q.PageSize), Keep: keep})
	if err == nil {
		err = sumErr
	}
	if err != nil {
		return ListResult{}, err
	}
	res := ListResult{NextPageToken: encodeToken(next), Position: pos}
	for _, n := range items {
		res.Rows = append(res.Rows, rows[n.ID])
	}
	return res, nil
}

// keep reports whether a summary passes the filter.
func (f Filter) keep(s *vigilv1.ItemSummary) bool {
	switch {
	case f.Kind != vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED && s.GetKind() != f.Kind,
		f.Status != vigilv1.ItemStatus_ITEM_STATUS_UNSPECIFIED && s.GetStatus() != f.Status,
		f.Country != "" && !slices.Contains(s.GetCountries(), f.Country),
		f.UnacknowledgedOnly && s.GetAcknowledged(),
		!f.From.IsZero() && s.GetCreatedAt().AsTime().Before(f.From),
		!f.To.IsZero() && !s.GetCreatedAt().AsTime().Before(f.To):
		return false
	}
	return f.ControlCode == nil || covers(*f.ControlCode, s.GetControlCodes())
}

func covers(prefix annex.Code, codes []string) bool {
	for _, c := range codes {
		if code, err := annex.Parse(c); err == nil && prefix.Covers(code) {
			return true
		}
	}
	return false
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
