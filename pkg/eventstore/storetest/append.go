package storetest

import (
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// testAppendLoadRoundTrip: two appends to a new stream read back with
// their IDs, types, data, versions 1..n and increasing positions, and
// the results agree with what Load returns.
func testAppendLoadRoundTrip(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	first, second := events(3), events(2)
	r1 := mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: first})
	r2 := mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: 3, Events: second})
	if r1.Version != 3 || r2.Version != 5 || r1.Duplicate || r2.Duplicate {
		t.Fatalf("results %+v %+v, want versions 3 and 5, not duplicates", r1, r2)
	}
	got := mustLoad(t, s, stream)
	want := append(first, second...)
	if len(got) != len(want) {
		t.Fatalf("loaded %d events, want %d", len(got), len(want))
	}
	for i, ev := range got {
		if err := sameEvent(want[i], ev); err != nil {
			t.Errorf("event %d: %v", i, err)
		}
		if ev.Stream != stream || ev.Version != uint64(i+1) || ev.RecordedAt.IsZero() {
			t.Errorf("event %d: stream %q version %d recorded at %v", i, ev.Stream, ev.Version, ev.RecordedAt)
		}
	}
	checkOrdered(t, got)
	checkResult(t, r1, got[:3])
	checkResult(t, r2, got[3:])
}

// checkResult compares an append result with the events it wrote.
func checkResult(t *testing.T, res eventstore.AppendResult, evs []eventstore.RecordedEvent) {
	t.Helper()
	if res.FirstPosition != evs[0].Position || res.LastPosition != evs[len(evs)-1].Position || res.Version != evs[len(evs)-1].Version {
		t.Errorf("result %+v, want positions %d..%d version %d", res, evs[0].Position, evs[len(evs)-1].Position, evs[len(evs)-1].Version)
	}
}

// testAnyVersion: AnyVersion appends to a new and an existing stream,
// with exact versions.
func testAnyVersion(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	r1 := mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.AnyVersion, Events: events(2)})
	r2 := mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.AnyVersion, Events: events(1)})
	if r1.Version != 2 || r2.Version != 3 {
		t.Fatalf("versions %d, %d; want 2, 3", r1.Version, r2.Version)
	}
	got := mustLoad(t, s, stream)
	checkResult(t, r2, got[2:])
}

// testExpectedVersionConflict: NoStream on an existing stream, a stale
// version and a future version all fail with ErrWrongVersion and write
// nothing.
func testExpectedVersionConflict(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: events(2)})
	mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: 2, Events: events(1)})
	before := lastPosition(t, s)
	for _, tc := range []struct {
		name     string
		expected int64
		n        int
	}{
		{"NoStreamOnExisting", eventstore.NoStream, 1},
		{"Stale", 2, 1},
		{"StaleMulti", 1, 3},
		{"Future", 4, 1},
		{"FarFuture", 1000, 2},
	} {
		_, err := s.Append(t.Context(), eventstore.AppendRequest{Stream: stream, ExpectedVersion: tc.expected, Events: events(tc.n)})
		wantErr(t, tc.name, err, eventstore.ErrWrongVersion)
	}
	if after := lastPosition(t, s); after != before {
		t.Fatalf("last position moved from %d to %d after failed appends", before, after)
	}
	if got := mustLoad(t, s, stream); len(got) != 3 {
		t.Fatalf("loaded %d events after failed appends, want 3", len(got))
	}
}

// testMultiEventAtomicity: a multi-event append lands whole, with
// consecutive versions and positions in order; a failing one writes none.
func testMultiEventAtomicity(t *testing.T, s eventstore.Store) {
	stream := newStream("report")
	res := mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: events(5)})
	before := lastPosition(t, s)
	_, err := s.Append(t.Context(), eventstore.AppendRequest{Stream: stream, ExpectedVersion: 4, Events: events(4)})
	wantErr(t, "stale multi-event append", err, eventstore.ErrWrongVersion)
	bad := events(3)
	bad[2].ID = ""
	_, err = s.Append(t.Context(), eventstore.AppendRequest{Stream: stream, ExpectedVersion: 5, Events: bad})
	wantErr(t, "multi-event append with an invalid event", err, eventstore.ErrInvalidAppend)
	if after := lastPosition(t, s); after != before {
		t.Fatalf("last position moved from %d to %d", before, after)
	}
	got := mustLoad(t, s, stream)
	if len(got) != 5 {
		t.Fatalf("loaded %d events, want 5", len(got))
	}
	checkOrdered(t, got)
	checkResult(t, res, got)
}
