// Package app holds the queries of the views service. Every query is for
// one member and returns only what is releasable to it.
package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/views/adapters"
)

// Errors queries return.
var (
	// ErrNotFound: no such item, or not releasable to the caller.
	ErrNotFound = errors.New("not found")
	// ErrBehind: the projection did not reach the requested position in time.
	ErrBehind = errors.New("the view has not caught up with the requested position yet; retry")
	// ErrBadPageToken: the page token is not one this service issued.
	ErrBadPageToken = errors.New("invalid page_token")
)

// Waiter is the projection's progress.
type Waiter interface {
	WaitFor(ctx context.Context, pos uint64) error
	Position() uint64
}

// Service answers queries from the read models.
type Service struct {
	store  *adapters.Store
	proj   Waiter
	roster model.Roster
	wait   time.Duration
}

// New returns the query service.
func New(store *adapters.Store, proj Waiter, roster model.Roster) *Service {
	return &Service{store: store, proj: proj, roster: roster, wait: 10 * time.Second}
}

// catchUp waits until the projection reflects pos.
func (s *Service) catchUp(ctx context.Context, pos uint64) error {
	if pos == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.wait)
	defer cancel()
	if err := s.proj.WaitFor(ctx, pos); err != nil {
		return ErrBehind
	}
	return nil
}

// Position is the log position the views reflect.
func (s *Service) Position() uint64 { return s.proj.Position() }
