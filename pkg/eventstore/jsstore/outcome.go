package jsstore

import (
	"context"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// pending is one Append request waiting for the committer.
type pending struct {
	ctx     context.Context // the caller's; a cancelled request is skipped
	subject string
	lastSeq uint64      // expected stream sequence of the subject's last message
	msgs    []*nats.Msg // one per event, in order
	done    chan outcome
}

func newPending(ctx context.Context, subject string, lastSeq uint64, msgs []*nats.Msg) *pending {
	return &pending{ctx: ctx, subject: subject, lastSeq: lastSeq, msgs: msgs, done: make(chan outcome, 1)}
}

// outcomeKind is what the server (or the committer) decided for a request.
type outcomeKind int

const (
	// committed: written at positions first..last.
	committed outcomeKind = iota
	// conflict: the expected last subject sequence was stale.
	conflict
	// duplicate: a single event already stored at position first.
	duplicate
	// duplicateBatch: an atomic batch rejected for a message id already
	// seen; the original positions must be looked up.
	duplicateBatch
	// failed: err says why; the write may or may not have happened when
	// err is a transport error (timeout, closed connection).
	failed
)

// outcome is the committer's answer to one pending request.
type outcome struct {
	kind        outcomeKind
	first, last uint64
	err         error
}

// outcomeOf classifies a publish error by its JetStream error code, as
// generated in nats-server v2.15.2 server/jetstream_errors_generated.go.
func outcomeOf(err error) outcome {
	switch errorCode(err) {
	case jetstream.JSErrCodeStreamWrongLastSequence, // 10071 wrong last sequence: {seq}
		jetstream.JSErrCodeStreamWrongLastSequenceConstant: // 10164 (replicated streams, same subject twice in a batch)
		return outcome{kind: conflict, err: err}
	case errCodeAtomicDuplicate: // 10201 atomic publish batch contains duplicate message id
		return outcome{kind: duplicateBatch, err: err}
	default:
		return outcome{kind: failed, err: err}
	}
}

// errCodeAtomicDuplicate is JSAtomicPublishContainsDuplicateMessageErr,
// which nats.go does not name.
const errCodeAtomicDuplicate jetstream.ErrorCode = 10201

// finish delivers o to p's caller. done has room for exactly one outcome.
func (p *pending) finish(o outcome) { p.done <- o }
