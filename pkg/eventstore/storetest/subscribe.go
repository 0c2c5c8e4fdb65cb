package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// testSubscribeCatchUpAndFollow: a subscription from the start catches up
// with N events, then follows M appended concurrently, without gap or
// duplicate, in position order.
func testSubscribeCatchUpAndFollow(t *testing.T, s eventstore.Store) {
	const n, m, writers = 20, 40, 4
	start := lastPosition(t, s)
	_, res := appendSpread(t, s, n, 4)
	sub := subscribe(t, s, start)
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			stream := newStream("live")
			for i := range m / writers {
				_, err := s.Append(t.Context(), eventstore.AppendRequest{Stream: stream, ExpectedVersion: int64(i), Events: events(1)})
				if err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	got := sub.next(t, n+m)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("live appends: %v", err)
	}
	checkOrdered(t, got)
	for i := range n {
		if got[i].Position != res[i].LastPosition {
			t.Fatalf("catch-up event %d at %d, want %d", i, got[i].Position, res[i].LastPosition)
		}
	}
	if log := readAll(t, s, start, 100); len(log) != n+m || log[n+m-1].Position != got[n+m-1].Position {
		t.Fatalf("log has %d events, subscription got %d", len(log), len(got))
	}
	sub.stop(t)
}

// testSubscribeFromMiddle: a subscription after position p starts with
// the first event after p.
func testSubscribeFromMiddle(t *testing.T, s eventstore.Store) {
	evs, res := appendSpread(t, s, 10, 2)
	sub := subscribe(t, s, res[4].LastPosition)
	got := sub.next(t, 5)
	checkSequence(t, got, evs[5:], res[5:])
	sub.stop(t)
}

// testSubscribeFromEnd: a subscription after the newest event waits for
// the next append and delivers exactly it.
func testSubscribeFromEnd(t *testing.T, s eventstore.Store) {
	_, res := appendSpread(t, s, 3, 1)
	sub := subscribe(t, s, res[2].LastPosition)
	evs, next := appendSpread(t, s, 1, 1)
	got := sub.next(t, 1)
	checkSequence(t, got, evs, next)
	select {
	case ev := <-sub.events:
		t.Fatalf("unexpected event at %d", ev.Position)
	default:
	}
	sub.stop(t)
}

// testSubscribeHandlerError: a handler error stops the subscription and
// is returned.
func testSubscribeHandlerError(t *testing.T, s eventstore.Store) {
	start := lastPosition(t, s)
	appendSpread(t, s, 3, 1)
	stop := errors.New("handler stop")
	seen := 0
	err := s.Subscribe(t.Context(), start, func(context.Context, eventstore.RecordedEvent) error {
		seen++
		if seen == 2 {
			return stop
		}
		return nil
	})
	wantErr(t, "subscribe with failing handler", err, stop)
	if seen != 2 {
		t.Fatalf("handler called %d times, want 2", seen)
	}
}
