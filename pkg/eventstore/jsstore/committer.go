package jsstore

import (
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// committer is the group-commit loop. Appends queue their requests; one
// goroutine takes everything waiting (up to maxBatch messages, at most
// one request per subject) and writes it as one JetStream atomic batch:
// one round trip and one fsync for the lot. A lone single-event request,
// or a few of them, are published normally, which is faster below
// minBatch (see worthBatching).
//
// If the server rejects a shared batch (a stale expected sequence, a
// duplicate message id, anything), every request of it is published again
// on its own, so each caller learns its own fate.
type committer struct {
	nc       *nats.Conn
	js       jetstream.JetStream
	log      *slog.Logger
	maxBatch int
	minBatch int
	timeout  time.Duration

	queue chan *pending
	quit  chan struct{} // closed by stop
	done  chan struct{} // closed when run returns
	known seqCache
}

// startCommitter starts the loop; stop ends it.
func startCommitter(s *Store) *committer {
	c := newCommitter(s)
	go c.run()
	return c
}

// newCommitter returns a committer for s's stream, not yet running.
func newCommitter(s *Store) *committer {
	return &committer{
		nc:       s.nc,
		js:       s.js,
		log:      s.log,
		maxBatch: s.cfg.MaxBatch,
		minBatch: s.cfg.MinBatch,
		timeout:  s.cfg.RequestTimeout,
		queue:    make(chan *pending, s.cfg.MaxBatch),
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
		known:    seqCache{},
	}
}

// stop makes run finish its current round, fail what is still queued
// with eventstore.ErrClosed, and return; stop waits for that. The caller
// guarantees that nothing is enqueued any more.
func (c *committer) stop() {
	close(c.quit)
	<-c.done
}

// run commits rounds until stop.
func (c *committer) run() {
	defer close(c.done)
	var carry []*pending
	for {
		if c.stopping() {
			c.failAll(carry)
			return
		}
		r, ok := c.gather(carry)
		if !ok {
			c.failAll(append(r.reqs, r.rest...))
			return
		}
		carry = r.rest
		c.commitRound(r.reqs)
	}
}

// stopping reports whether stop was called.
func (c *committer) stopping() bool {
	select {
	case <-c.quit:
		return true
	default:
		return false
	}
}

// gather builds the next round from the requests carried over, then
// waits for one if there is none, then takes whatever else is waiting.
// It returns false if stop was called while it waited.
func (c *committer) gather(carry []*pending) (*round, bool) {
	r := newRound(c.maxBatch, c.known)
	for _, p := range carry {
		r.offer(p)
	}
	if len(r.reqs) == 0 && !c.waitFirst(r) {
		return r, false
	}
	for !r.full {
		select {
		case p := <-c.queue:
			r.offer(p)
		default:
			return r, true
		}
	}
	return r, true
}

// waitFirst blocks until a request arrives or stop is called. Going idle
// clears the sequence cache.
func (c *committer) waitFirst(r *round) bool {
	select {
	case p := <-c.queue:
		r.offer(p)
		return true
	default:
	}
	clear(c.known)
	select {
	case p := <-c.queue:
		r.offer(p)
		return true
	case <-c.quit:
		return false
	}
}

// failAll answers carried and queued requests with ErrClosed.
func (c *committer) failAll(carry []*pending) {
	closed := outcome{kind: failed, err: eventstore.ErrClosed}
	for _, p := range carry {
		p.finish(closed)
	}
	for {
		select {
		case p := <-c.queue:
			p.finish(closed)
		default:
			return
		}
	}
}
