package jsstore

import (
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
)

// testStore opens a store on a fresh embedded server.
func testStore(t *testing.T) *Store {
	t.Helper()
	srv := natsembedtest.Start(t)
	s, err := New(t.Context(), Config{Conn: natsembedtest.Connect(t, srv)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// request builds a pending request as Append would, expecting lastSeq.
func request(s *Store, stream string, lastSeq uint64, requestID string, n int) *pending {
	req := eventstore.AppendRequest{Stream: stream, RequestID: requestID}
	for i := range n {
		req.Events = append(req.Events, eventstore.Event{ID: stream + "-" + string(rune('a'+i)), Type: "T", Data: []byte("x")})
	}
	subject := s.subject(stream)
	return newPending(s.closing, subject, lastSeq, buildMsgs(subject, req, lastSeq, 0))
}

// mustAppend appends through the public API.
func mustAppend(t *testing.T, s *Store, req eventstore.AppendRequest) eventstore.AppendResult {
	t.Helper()
	res, err := s.Append(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkRejected publishes reqs as one batch and checks that the server
// rejects it with code and writes nothing.
func checkRejected(t *testing.T, s *Store, c *committer, reqs []*pending, code jetstream.ErrorCode) {
	t.Helper()
	before, _ := s.LastPosition(t.Context())
	err := c.commitBatch(reqs)
	if got := errorCode(err); got != code {
		t.Fatalf("batch: got %v (code %d), want code %d", err, got, code)
	}
	if after, _ := s.LastPosition(t.Context()); after != before {
		t.Fatalf("rejected batch moved last position from %d to %d", before, after)
	}
	for _, p := range reqs {
		clearBatch(p)
	}
}

// outcomes reads each request's outcome.
func outcomes(reqs []*pending) []outcome {
	out := make([]outcome, len(reqs))
	for i, p := range reqs {
		out[i] = <-p.done
	}
	return out
}

// TestBatchWithStaleMemberFallsBack: one stale expected sequence makes the
// server reject the whole atomic batch (err_code 10071); the committer
// then publishes each request alone and only the stale one fails.
func TestBatchWithStaleMemberFallsBack(t *testing.T) {
	s := testStore(t)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "order.taken", Events: []eventstore.Event{{ID: "x", Type: "T"}}})
	c := newCommitter(s)
	reqs := []*pending{request(s, "order.one", 0, "", 2), request(s, "order.taken", 0, "", 1), request(s, "order.two", 0, "", 1)}
	checkRejected(t, s, c, reqs, jetstream.JSErrCodeStreamWrongLastSequence)

	c.commitRound(reqs)
	got := outcomes(reqs)
	if got[0].kind != committed || got[1].kind != conflict || got[2].kind != committed {
		t.Fatalf("outcomes %+v, want committed, conflict, committed", got)
	}
	if got[0].last-got[0].first != 1 || got[2].first != got[0].last+1 {
		t.Fatalf("positions %+v", got)
	}
	if evs, err := s.Load(t.Context(), "order.one"); err != nil || len(evs) != 2 || evs[0].Position != got[0].first {
		t.Fatalf("load order.one: %+v, %v", evs, err)
	}
}

// TestBatchWithDuplicateFallsBack: a message id already seen makes the
// server reject the whole batch (err_code 10201); alone, the duplicate
// request reports a duplicate batch and the other request is written.
func TestBatchWithDuplicateFallsBack(t *testing.T) {
	s := testStore(t)
	first := mustAppend(t, s, eventstore.AppendRequest{Stream: "order.dup", RequestID: "req-1", Events: []eventstore.Event{{ID: "order.dup-a", Type: "T"}, {ID: "order.dup-b", Type: "T"}}})
	c := newCommitter(s)
	reqs := []*pending{request(s, "order.fresh", 0, "", 1), request(s, "order.dup", first.LastPosition, "req-1", 2)}
	checkRejected(t, s, c, reqs, errCodeAtomicDuplicate)

	c.commitRound(reqs)
	got := outcomes(reqs)
	if got[0].kind != committed || got[1].kind != duplicateBatch {
		t.Fatalf("outcomes %+v, want committed, duplicate batch", got)
	}
	res, err := s.duplicateOf(t.Context(), eventstore.AppendRequest{Stream: "order.dup", RequestID: "req-1"})
	if err != nil || res.FirstPosition != first.FirstPosition || res.LastPosition != first.LastPosition || res.Version != 2 || !res.Duplicate {
		t.Fatalf("duplicate result %+v, %v; want %+v", res, err, first)
	}
}

// TestSameSubjectTwiceInBatchIsRejected pins why a round takes one
// request per subject: the server refuses a second expected-sequence
// check on a subject already written in the batch.
func TestSameSubjectTwiceInBatchIsRejected(t *testing.T) {
	s := testStore(t)
	c := newCommitter(s)
	reqs := []*pending{request(s, "order.same", 0, "", 1), request(s, "order.same", 1, "", 1)}
	checkRejected(t, s, c, reqs, jetstream.JSErrCodeStreamWrongLastSequenceConstant)
}

// TestRoundDefersSameSubjectAndStale: the round builder defers a second
// request on a subject and fails a request the cache proves stale.
func TestRoundDefersSameSubjectAndStale(t *testing.T) {
	s := testStore(t)
	known := seqCache{s.subject("order.old"): 7}
	r := newRound(10, known)
	a, b, old := request(s, "order.a", 0, "", 3), request(s, "order.a", 3, "", 1), request(s, "order.old", 5, "", 1)
	big := request(s, "order.big", 0, "", 8)
	for _, p := range []*pending{a, b, old, big} {
		r.offer(p)
	}
	if len(r.reqs) != 1 || r.reqs[0] != a || len(r.rest) != 2 || !r.full {
		t.Fatalf("round %d requests, %d deferred, full %v", len(r.reqs), len(r.rest), r.full)
	}
	if o := <-old.done; o.kind != conflict {
		t.Fatalf("stale request: %+v, want conflict", o)
	}
}
