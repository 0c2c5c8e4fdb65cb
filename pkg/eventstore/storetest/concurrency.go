package storetest

import (
	"errors"
	"sort"
	"sync"
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// contenders is the number of concurrent appenders in the race tests.
const contenders = 16

// race runs contenders appends of req at once and returns their results.
func race(t *testing.T, s eventstore.Store, mk func(i int) eventstore.AppendRequest) ([]eventstore.AppendResult, []error) {
	t.Helper()
	results := make([]eventstore.AppendResult, contenders)
	errs := make([]error, contenders)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range contenders {
		wg.Go(func() {
			<-start
			results[i], errs[i] = s.Append(t.Context(), mk(i))
		})
	}
	close(start)
	wg.Wait()
	return results, errs
}

// oneWinner checks that exactly one append succeeded and every other
// failed with ErrWrongVersion, and returns the winner's index.
func oneWinner(t *testing.T, errs []error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Fatalf("appends %d and %d both succeeded", winner, i)
		case err == nil:
			winner = i
		case !errors.Is(err, eventstore.ErrWrongVersion):
			t.Fatalf("append %d: got %v, want ErrWrongVersion", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no append succeeded")
	}
	return winner
}

// testConcurrentSameStream: appenders racing with the same expected
// version on one stream: one wins, the rest get ErrWrongVersion.
func testConcurrentSameStream(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	mustAppend(t, s, eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: events(1)})
	evs := make([][]eventstore.Event, contenders)
	results, errs := race(t, s, func(i int) eventstore.AppendRequest {
		evs[i] = events(1 + i%3)
		return eventstore.AppendRequest{Stream: stream, ExpectedVersion: 1, Events: evs[i]}
	})
	w := oneWinner(t, errs)
	got := mustLoad(t, s, stream)
	if len(got) != 1+len(evs[w]) {
		t.Fatalf("stream has %d events, want %d", len(got), 1+len(evs[w]))
	}
	checkResult(t, results[w], got[1:])
}

// testConcurrentNewStream: appenders racing to create one stream.
func testConcurrentNewStream(t *testing.T, s eventstore.Store) {
	stream := newStream("order")
	results, errs := race(t, s, func(int) eventstore.AppendRequest {
		return eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.NoStream, Events: events(2)}
	})
	w := oneWinner(t, errs)
	got := mustLoad(t, s, stream)
	if len(got) != 2 {
		t.Fatalf("stream has %d events, want 2", len(got))
	}
	checkResult(t, results[w], got)
}

// testConcurrentDifferentStreams: many appenders on distinct streams all
// succeed; their positions are unique and match the global log.
func testConcurrentDifferentStreams(t *testing.T, s eventstore.Store) {
	const writers, appends = 32, 4
	start := lastPosition(t, s)
	out := make([][]written, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			stream := newStream("alert")
			for a := range appends {
				req := eventstore.AppendRequest{Stream: stream, ExpectedVersion: int64(a * 2), Events: events(2)}
				if w%2 == 1 {
					req.Events = req.Events[:1]
					req.ExpectedVersion = int64(a)
				}
				res, err := s.Append(t.Context(), req)
				if err != nil {
					errs[w] = err
					return
				}
				out[w] = append(out[w], written{req, res})
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent appends: %v", err)
	}
	var all []written
	for _, ws := range out {
		all = append(all, ws...)
	}
	checkRangesDisjoint(t, all)
	want := map[string]placed{}
	for _, w := range all {
		for i, ev := range w.req.Events {
			want[ev.ID] = placed{ev: ev, res: w.res, first: i == 0, last: i == len(w.req.Events)-1}
		}
	}
	checkLog(t, readAll(t, s, start, 100), want)
}

// written is an append and its result.
type written struct {
	req eventstore.AppendRequest
	res eventstore.AppendResult
}

// placed is a written event and the result of its append.
type placed struct {
	ev          eventstore.Event
	res         eventstore.AppendResult
	first, last bool
}

// checkRangesDisjoint checks that no two results share a position.
func checkRangesDisjoint(t *testing.T, ws []written) {
	t.Helper()
	sort.Slice(ws, func(a, b int) bool { return ws[a].res.FirstPosition < ws[b].res.FirstPosition })
	for i, w := range ws {
		if w.res.LastPosition < w.res.FirstPosition {
			t.Fatalf("result %+v ends before it starts", w.res)
		}
		if i > 0 && w.res.FirstPosition <= ws[i-1].res.LastPosition {
			t.Fatalf("results %+v and %+v overlap", ws[i-1].res, w.res)
		}
	}
}

// checkLog checks that the log holds exactly the events of want, in
// order, each within the positions its append reported.
func checkLog(t *testing.T, log []eventstore.RecordedEvent, want map[string]placed) {
	t.Helper()
	checkOrdered(t, log)
	if len(log) != len(want) {
		t.Fatalf("log has %d events, want %d", len(log), len(want))
	}
	for _, ev := range log {
		w, ok := want[ev.ID]
		if !ok {
			t.Fatalf("log has an unexpected event %s at %d", ev.ID, ev.Position)
		}
		if err := sameEvent(w.ev, ev); err != nil {
			t.Fatalf("position %d: %v", ev.Position, err)
		}
		p := ev.Position
		if p < w.res.FirstPosition || p > w.res.LastPosition || (w.first && p != w.res.FirstPosition) || (w.last && p != w.res.LastPosition) {
			t.Fatalf("event %s at %d, outside its append's result %+v", ev.ID, p, w.res)
		}
	}
}

// testConcurrentMultiEventNoInterleave: concurrent multi-event appends to
// one stream (AnyVersion) all land, each as a consecutive run of versions.
func testConcurrentMultiEventNoInterleave(t *testing.T, s eventstore.Store) {
	stream := newStream("report")
	reqs := make([]eventstore.AppendRequest, contenders)
	_, errs := race(t, s, func(i int) eventstore.AppendRequest {
		reqs[i] = eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.AnyVersion, Events: events(3)}
		return reqs[i]
	})
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent appends: %v", err)
	}
	got := mustLoad(t, s, stream)
	if len(got) != 3*contenders {
		t.Fatalf("stream has %d events, want %d", len(got), 3*contenders)
	}
	owner := map[string]int{}
	for i, r := range reqs {
		for _, ev := range r.Events {
			owner[ev.ID] = i
		}
	}
	for i := 0; i < len(got); i += 3 {
		run := []int{owner[got[i].ID], owner[got[i+1].ID], owner[got[i+2].ID]}
		if run[0] != run[1] || run[1] != run[2] {
			t.Fatalf("versions %d..%d mix requests %v", i+1, i+3, run)
		}
		if got[i+2].Version != uint64(i+3) {
			t.Fatalf("event %d has version %d", i+2, got[i+2].Version)
		}
	}
	checkOrdered(t, got)
}
