package storetest

import (
	"context"
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// appendSpread appends n single events round-robin over k new streams and
// returns them in append order with their results.
func appendSpread(t *testing.T, s eventstore.Store, n, k int) ([]eventstore.Event, []eventstore.AppendResult) {
	t.Helper()
	streams := make([]string, k)
	for i := range streams {
		streams[i] = newStream("notice")
	}
	evs := make([]eventstore.Event, 0, n)
	res := make([]eventstore.AppendResult, 0, n)
	for i := range n {
		ev := events(1)
		r := mustAppend(t, s, eventstore.AppendRequest{Stream: streams[i%k], ExpectedVersion: int64(i / k), Events: ev})
		evs, res = append(evs, ev[0]), append(res, r)
	}
	return evs, res
}

// testReadAllPaging: the global log reads back in append order, with any
// page size, from the start and from a middle position.
func testReadAllPaging(t *testing.T, s eventstore.Store) {
	start := lastPosition(t, s)
	evs, res := appendSpread(t, s, 10, 3)
	for _, limit := range []int{1, 3, 10, 100} {
		got := readAll(t, s, start, limit)
		checkSequence(t, got, evs, res)
	}
	mid := res[4].LastPosition
	got := readAll(t, s, mid, 4)
	checkSequence(t, got, evs[5:], res[5:])
	page, err := s.ReadAll(t.Context(), res[9].LastPosition, 10)
	if err != nil || len(page) != 0 {
		t.Fatalf("read all after the end: %d events, %v; want none", len(page), err)
	}
}

// checkSequence checks that got is exactly evs, at the positions of res.
func checkSequence(t *testing.T, got []eventstore.RecordedEvent, evs []eventstore.Event, res []eventstore.AppendResult) {
	t.Helper()
	if len(got) != len(evs) {
		t.Fatalf("got %d events, want %d", len(got), len(evs))
	}
	for i, ev := range got {
		if err := sameEvent(evs[i], ev); err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if ev.Position != res[i].LastPosition {
			t.Fatalf("event %d at position %d, append said %d", i, ev.Position, res[i].LastPosition)
		}
	}
}

// testLastPosition: LastPosition follows appends and is the position of
// the newest event.
func testLastPosition(t *testing.T, s eventstore.Store) {
	before := lastPosition(t, s)
	res := mustAppend(t, s, eventstore.AppendRequest{Stream: newStream("order"), ExpectedVersion: eventstore.NoStream, Events: events(2)})
	after := lastPosition(t, s)
	if after != res.LastPosition || after <= before {
		t.Fatalf("last position %d -> %d, want %d", before, after, res.LastPosition)
	}
}

// testLoadMissing: Load of a stream that has no events.
func testLoadMissing(t *testing.T, s eventstore.Store) {
	_, err := s.Load(t.Context(), newStream("order"))
	wantErr(t, "load missing stream", err, eventstore.ErrStreamNotFound)
}

// testInvalidAppend: malformed requests fail with ErrInvalidAppend and
// write nothing.
func testInvalidAppend(t *testing.T, s eventstore.Store) {
	ok := func(mut func(r *eventstore.AppendRequest)) eventstore.AppendRequest {
		r := eventstore.AppendRequest{Stream: newStream("order"), ExpectedVersion: eventstore.AnyVersion, Events: events(2)}
		mut(&r)
		return r
	}
	long := make([]byte, 201)
	for i := range long {
		long[i] = 'a'
	}
	long[3] = '.'
	cases := map[string]eventstore.AppendRequest{
		"EmptyStream":      ok(func(r *eventstore.AppendRequest) { r.Stream = "" }),
		"NoDot":            ok(func(r *eventstore.AppendRequest) { r.Stream = "order" }),
		"TwoDots":          ok(func(r *eventstore.AppendRequest) { r.Stream = "order.a.b" }),
		"EmptyID":          ok(func(r *eventstore.AppendRequest) { r.Stream = ".abc" }),
		"EmptyType":        ok(func(r *eventstore.AppendRequest) { r.Stream = "order." }),
		"Wildcard":         ok(func(r *eventstore.AppendRequest) { r.Stream = "order.*" }),
		"Space":            ok(func(r *eventstore.AppendRequest) { r.Stream = "order.a b" }),
		"TooLong":          ok(func(r *eventstore.AppendRequest) { r.Stream = string(long) }),
		"NoEvents":         ok(func(r *eventstore.AppendRequest) { r.Events = nil }),
		"EmptyEventID":     ok(func(r *eventstore.AppendRequest) { r.Events[1].ID = "" }),
		"EmptyEventType":   ok(func(r *eventstore.AppendRequest) { r.Events[0].Type = "" }),
		"Oversized":        ok(func(r *eventstore.AppendRequest) { r.Events[1].Data = make([]byte, eventstore.MaxEventSize+1) }),
		"BadExpectVersion": ok(func(r *eventstore.AppendRequest) { r.ExpectedVersion = -2 }),
	}
	before := lastPosition(t, s)
	for name, req := range cases {
		_, err := s.Append(t.Context(), req)
		wantErr(t, name, err, eventstore.ErrInvalidAppend)
	}
	if after := lastPosition(t, s); after != before {
		t.Fatalf("last position moved from %d to %d", before, after)
	}
	max := ok(func(r *eventstore.AppendRequest) { r.Events[0].Data = make([]byte, eventstore.MaxEventSize) })
	mustAppend(t, s, max)
}

// testClose: calls after Close fail with ErrClosed; Close is idempotent.
func testClose(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: events(1)})
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
	_, err := s.Append(t.Context(), eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.AnyVersion, Events: events(1)})
	wantErr(t, "append after close", err, eventstore.ErrClosed)
	_, err = s.Load(t.Context(), stream)
	wantErr(t, "load after close", err, eventstore.ErrClosed)
	_, err = s.ReadAll(t.Context(), 0, 10)
	wantErr(t, "read all after close", err, eventstore.ErrClosed)
	_, err = s.LastPosition(t.Context())
	wantErr(t, "last position after close", err, eventstore.ErrClosed)
	err = s.Subscribe(t.Context(), 0, func(context.Context, eventstore.RecordedEvent) error { return nil })
	wantErr(t, "subscribe after close", err, eventstore.ErrClosed)
}
