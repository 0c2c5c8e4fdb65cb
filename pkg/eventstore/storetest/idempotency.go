package storetest

import (
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// testIdempotentSingle: the same single-event request twice writes one
// event; the second returns the first's result with Duplicate set. The
// retry carries the same expected version, which is stale by then.
func testIdempotentSingle(t *testing.T, s eventstore.Store) {
	for _, expected := range []int64{eventstore.NoStream, eventstore.AnyVersion} {
		stream := newStream("order")
		req := eventstore.AppendRequest{Stream: stream, ExpectedVersion: expected, RequestID: "req-" + newID(), Events: events(1)}
		checkDuplicate(t, s, req)
	}
	stream := newStream("order")
	mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: events(2)})
	checkDuplicate(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: 2, RequestID: "req-" + newID(), Events: events(1)})
}

// testIdempotentMulti: the same for a multi-event request.
func testIdempotentMulti(t *testing.T, s eventstore.Store) {
	for _, expected := range []int64{eventstore.NoStream, eventstore.AnyVersion} {
		stream := newStream("order")
		req := eventstore.AppendRequest{Stream: stream, ExpectedVersion: expected, RequestID: "req-" + newID(), Events: events(3)}
		checkDuplicate(t, s, req)
	}
}

// checkDuplicate appends req twice and checks the second is a duplicate
// of the first and wrote nothing.
func checkDuplicate(t *testing.T, s eventstore.Store, req eventstore.AppendRequest) {
	t.Helper()
	first := mustAppend(t, s, req)
	n := len(mustLoad(t, s, req.Stream))
	before := lastPosition(t, s)
	second := mustAppend(t, s, req)
	if first.Duplicate || !second.Duplicate {
		t.Fatalf("duplicate flags %v then %v, want false then true", first.Duplicate, second.Duplicate)
	}
	second.Duplicate = false
	if second != first {
		t.Fatalf("retry returned %+v, want %+v", second, first)
	}
	if after := lastPosition(t, s); after != before {
		t.Fatalf("retry moved last position from %d to %d", before, after)
	}
	if got := len(mustLoad(t, s, req.Stream)); got != n {
		t.Fatalf("stream has %d events after retry, want %d", got, n)
	}
}

// testIdempotentRetryAfterOtherWrites: a retry still finds its first
// result after other requests wrote to the same stream.
func testIdempotentRetryAfterOtherWrites(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	req := eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, RequestID: "req-" + newID(), Events: events(2)}
	first := mustAppend(t, s, req)
	mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: 2, Events: events(1)})
	second := mustAppend(t, s, req)
	if !second.Duplicate || second.FirstPosition != first.FirstPosition || second.LastPosition != first.LastPosition || second.Version != first.Version {
		t.Fatalf("retry returned %+v, want %+v as duplicate", second, first)
	}
	if got := len(mustLoad(t, s, stream)); got != 3 {
		t.Fatalf("stream has %d events, want 3", got)
	}
}
