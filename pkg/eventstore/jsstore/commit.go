package jsstore

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/nats-io/nuid"
)

// commitRound writes one round. Several requests go out as one atomic
// batch when that is cheaper than publishing them one by one (see
// worthBatching); if the server rejects the batch, or batching does not
// pay, each request is written on its own.
func (c *committer) commitRound(reqs []*pending) {
	if c.worthBatching(reqs) {
		err := c.commitBatch(reqs)
		if err == nil {
			return
		}
		if errorCode(err) == 0 {
			// Transport failure: the batch may have been written. Publishing
			// again could write it twice, so every caller gets the error.
			c.failRound(reqs, err)
			return
		}
		c.log.Debug("group commit rejected, writing requests one by one", "requests", len(reqs), "err", err)
		for _, p := range reqs {
			clearBatch(p)
		}
	}
	c.commitEach(reqs)
}

// worthBatching reports whether reqs should share one atomic batch. On R1
// file storage an atomic batch costs about as much as ten single
// publishes whatever its size (nats-server 2.15 stages every batch in a
// store of its own on disk), so single-event requests are batched only
// from minBatch on. A multi-event request needs an atomic batch anyway,
// and the others ride along almost for free.
func (c *committer) worthBatching(reqs []*pending) bool {
	if len(reqs) < 2 {
		return false
	}
	if len(reqs) >= c.minBatch {
		return true
	}
	for _, p := range reqs {
		if len(p.msgs) > 1 {
			return true
		}
	}
	return false
}

// commitEach writes each request on its own: multi-event requests as
// atomic batches of their own, single events as plain publishes.
func (c *committer) commitEach(reqs []*pending) {
	var singles []*pending
	for _, p := range reqs {
		if len(p.msgs) == 1 {
			singles = append(singles, p)
			continue
		}
		if err := c.commitBatch([]*pending{p}); err != nil {
			p.finish(outcomeOf(err))
		}
	}
	c.publishSingles(singles)
}

// commitBatch publishes the messages of reqs as one atomic batch and, on
// success, answers each request with its positions. Messages of an atomic
// batch are stored contiguously, ending at the acknowledged sequence.
func (c *committer) commitBatch(reqs []*pending) error {
	n := 0
	for _, p := range reqs {
		n += len(p.msgs)
	}
	last, err := c.publishBatch(reqs, n)
	if err != nil {
		return err
	}
	next := last - uint64(n) + 1
	for _, p := range reqs {
		end := next + uint64(len(p.msgs)) - 1
		c.known.set(p.subject, end)
		p.finish(outcome{kind: committed, first: next, last: end})
		next = end + 1
	}
	return nil
}

// publishBatch sends n messages as a JetStream atomic batch: every message
// carries Nats-Batch-Id and Nats-Batch-Sequence (1..n); the last also
// Nats-Batch-Commit: 1 and is the only one sent as a request. Publishes on
// one connection keep their order. It returns the last stored sequence.
func (c *committer) publishBatch(reqs []*pending, n int) (uint64, error) {
	id := nuid.Next()
	i := 0
	for _, p := range reqs {
		for _, m := range p.msgs {
			i++
			m.Header.Set(hdrBatchID, id)
			m.Header.Set(hdrBatchSeq, strconv.Itoa(i))
			if i == n {
				m.Header.Set(hdrBatchCommit, "1")
				return c.commitRequest(m, id, n)
			}
			if err := c.nc.PublishMsg(m); err != nil {
				return 0, fmt.Errorf("publish batch %s: %w", id, err)
			}
		}
	}
	return 0, errors.New("jsstore: empty batch")
}

// failRound answers every request with err.
func (c *committer) failRound(reqs []*pending, err error) {
	for _, p := range reqs {
		p.finish(outcome{kind: failed, err: err})
	}
}

// clearBatch removes batch headers from p's messages before a re-publish.
func clearBatch(p *pending) {
	for _, m := range p.msgs {
		clearBatchHeaders(m)
	}
}
