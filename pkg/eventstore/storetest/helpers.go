package storetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// waitTimeout bounds every wait of the suite.
const waitTimeout = 30 * time.Second

// newID returns a random hex identifier.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// newStream returns a fresh "<type>.<id>" stream name.
func newStream(typ string) string { return typ + "." + newID() }

// events returns n events with unique IDs and recognisable data.
func events(n int) []eventstore.Event {
	out := make([]eventstore.Event, n)
	for i := range out {
		id := newID()
		out[i] = eventstore.Event{ID: "ev-" + id, Type: fmt.Sprintf("vigil.test.v1.Event%d", i), Data: []byte("data-" + id)}
	}
	return out
}

// mustAppend appends and fails the test on error.
func mustAppend(t *testing.T, s eventstore.Store, req eventstore.AppendRequest) eventstore.AppendResult {
	t.Helper()
	res, err := s.Append(t.Context(), req)
	if err != nil {
		t.Fatalf("append %s (expected version %d): %v", req.Stream, req.ExpectedVersion, err)
	}
	return res
}

// mustLoad loads and fails the test on error.
func mustLoad(t *testing.T, s eventstore.Store, stream string) []eventstore.RecordedEvent {
	t.Helper()
	got, err := s.Load(t.Context(), stream)
	if err != nil {
		t.Fatalf("load %s: %v", stream, err)
	}
	return got
}

// lastPosition reads the log's last position and fails the test on error.
func lastPosition(t *testing.T, s eventstore.Store) uint64 {
	t.Helper()
	p, err := s.LastPosition(t.Context())
	if err != nil {
		t.Fatalf("last position: %v", err)
	}
	return p
}

// readAll reads every event after `after` in pages of limit.
func readAll(t *testing.T, s eventstore.Store, after uint64, limit int) []eventstore.RecordedEvent {
	t.Helper()
	var all []eventstore.RecordedEvent
	for {
		page, err := s.ReadAll(t.Context(), after, limit)
		if err != nil {
			t.Fatalf("read all after %d: %v", after, err)
		}
		if len(page) > limit {
			t.Fatalf("read all after %d limit %d: got %d events", after, limit, len(page))
		}
		if len(page) == 0 {
			return all
		}
		all = append(all, page...)
		after = page[len(page)-1].Position
	}
}

// sameEvent reports the differences between a written and a read event.
func sameEvent(want eventstore.Event, got eventstore.RecordedEvent) error {
	if got.ID != want.ID || got.Type != want.Type || !bytes.Equal(got.Data, want.Data) {
		return fmt.Errorf("got event {%s %s %q}, want {%s %s %q}", got.ID, got.Type, got.Data, want.ID, want.Type, want.Data)
	}
	return nil
}

// checkOrdered fails unless positions strictly increase.
func checkOrdered(t *testing.T, evs []eventstore.RecordedEvent) {
	t.Helper()
	for i := 1; i < len(evs); i++ {
		if evs[i].Position <= evs[i-1].Position {
			t.Fatalf("event %d at position %d after position %d", i, evs[i].Position, evs[i-1].Position)
		}
	}
}

// wantErr fails unless err matches target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want %v", what, err, target)
	}
}

// subscription runs Subscribe in a goroutine and forwards events on a
// channel; stop cancels it and returns Subscribe's error.
type subscription struct {
	events chan eventstore.RecordedEvent
	cancel context.CancelFunc
	done   chan error
}

func subscribe(t *testing.T, s eventstore.Store, after uint64) *subscription {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	sub := &subscription{events: make(chan eventstore.RecordedEvent, 1024), cancel: cancel, done: make(chan error, 1)}
	go func() {
		sub.done <- s.Subscribe(ctx, after, func(ctx context.Context, ev eventstore.RecordedEvent) error {
			select {
			case sub.events <- ev:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	t.Cleanup(func() { sub.stop(t) })
	return sub
}

// next waits for n events.
func (sub *subscription) next(t *testing.T, n int) []eventstore.RecordedEvent {
	t.Helper()
	deadline := time.NewTimer(waitTimeout)
	defer deadline.Stop()
	out := make([]eventstore.RecordedEvent, 0, n)
	for len(out) < n {
		select {
		case ev := <-sub.events:
			out = append(out, ev)
		case err := <-sub.done:
			t.Fatalf("subscription ended after %d of %d events: %v", len(out), n, err)
		case <-deadline.C:
			t.Fatalf("subscription: got %d of %d events within %s", len(out), n, waitTimeout)
		}
	}
	return out
}

// stop cancels the subscription and checks that it ends with
// context.Canceled. It is safe to call twice.
func (sub *subscription) stop(t *testing.T) {
	t.Helper()
	if sub.cancel == nil {
		return
	}
	sub.cancel()
	sub.cancel = nil
	select {
	case err := <-sub.done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("subscription ended with %v, want context.Canceled", err)
		}
	case <-time.After(waitTimeout):
		t.Errorf("subscription did not end within %s of cancel", waitTimeout)
	}
}
