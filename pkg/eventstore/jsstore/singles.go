package jsstore

import (
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// publishSingles publishes the only message of each request as a plain
// JetStream publish. They are pipelined: all are sent, then the acks are
// awaited in order, saving a round trip per message (the server still
// fsyncs each one).
func (c *committer) publishSingles(reqs []*pending) {
	futures := make([]jetstream.PubAckFuture, len(reqs))
	for i, p := range reqs {
		f, err := c.js.PublishMsgAsync(p.msgs[0])
		if err != nil {
			p.finish(outcomeOf(fmt.Errorf("publish %s: %w", p.subject, err)))
			continue
		}
		futures[i] = f
	}
	deadline := time.NewTimer(c.timeout)
	defer deadline.Stop()
	for i, f := range futures {
		if f != nil {
			reqs[i].finish(c.awaitAck(reqs[i], f, deadline.C))
		}
	}
}

// awaitAck turns a publish acknowledgement into an outcome. A duplicate
// carries the sequence of the original message.
func (c *committer) awaitAck(p *pending, f jetstream.PubAckFuture, deadline <-chan time.Time) outcome {
	select {
	case ack := <-f.Ok():
		if ack.Duplicate {
			return outcome{kind: duplicate, first: ack.Sequence, last: ack.Sequence}
		}
		c.known.set(p.subject, ack.Sequence)
		return outcome{kind: committed, first: ack.Sequence, last: ack.Sequence}
	case err := <-f.Err():
		return outcomeOf(fmt.Errorf("publish %s: %w", p.subject, err))
	case <-deadline:
		return outcome{kind: failed, err: fmt.Errorf("publish %s: no acknowledgement within %s", p.subject, c.timeout)}
	}
}
