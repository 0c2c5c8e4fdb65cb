package jsstore

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/nats-io/nats.go"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// replyMux receives the replies to direct-get batch requests on one
// wildcard subscription, each request on its own subject under it.
// Subscribing and unsubscribing for every read would cost a SUB and an
// UNSUB through the server per Load.
type replyMux struct {
	prefix string // "<inbox>."; a request's replies go to prefix+token
	sub    *nats.Subscription

	mu      sync.Mutex
	next    uint64
	waiting map[string]*replyQueue
	closed  bool
}

// replyQueue holds the replies to one request until its reader takes
// them. It never blocks the subscription's handler: a reader that gave
// up only leaves its queue to be dropped.
type replyQueue struct {
	mu    sync.Mutex
	msgs  []*nats.Msg
	err   error         // set when no more replies will come
	ready chan struct{} // signalled when msgs grows or err is set
}

// newReplyMux subscribes to a fresh inbox on nc. The subscription has no
// pending limit: dropping a reply would stall a read until its timeout,
// and the replies in flight are bounded by the reads in flight (at most
// pageBytes each).
func newReplyMux(nc *nats.Conn) (*replyMux, error) {
	m := &replyMux{prefix: nc.NewInbox() + ".", waiting: map[string]*replyQueue{}}
	sub, err := nc.Subscribe(m.prefix+"*", m.dispatch)
	if err != nil {
		return nil, fmt.Errorf("jsstore: subscribe to replies: %w", err)
	}
	if err := sub.SetPendingLimits(-1, -1); err != nil {
		_ = sub.Unsubscribe()
		return nil, fmt.Errorf("jsstore: reply subscription limits: %w", err)
	}
	m.sub = sub
	return m, nil
}

// dispatch hands a reply to the queue of its request, if still waited for.
func (m *replyMux) dispatch(msg *nats.Msg) {
	m.mu.Lock()
	q := m.waiting[msg.Subject[len(m.prefix):]]
	m.mu.Unlock()
	if q == nil {
		return
	}
	q.mu.Lock()
	q.msgs = append(q.msgs, msg)
	q.mu.Unlock()
	q.signal()
}

func (q *replyQueue) signal() {
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// fail ends q: its reader gets err once the replies already there are read.
func (q *replyQueue) fail(err error) {
	q.mu.Lock()
	q.err = err
	q.mu.Unlock()
	q.signal()
}

// open registers a request: replies to subject arrive in q until done.
// After close, q fails at once with eventstore.ErrClosed.
func (m *replyMux) open() (subject string, q *replyQueue, done func()) {
	q = &replyQueue{ready: make(chan struct{}, 1)}
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		q.fail(eventstore.ErrClosed)
		return m.prefix + "closed", q, func() {}
	}
	m.next++
	token := strconv.FormatUint(m.next, 36)
	m.waiting[token] = q
	m.mu.Unlock()
	return m.prefix + token, q, func() {
		m.mu.Lock()
		delete(m.waiting, token)
		m.mu.Unlock()
	}
}

// close unsubscribes and fails the reads in flight with
// eventstore.ErrClosed.
func (m *replyMux) close() {
	m.mu.Lock()
	m.closed = true
	waiting := m.waiting
	m.waiting = map[string]*replyQueue{}
	m.mu.Unlock()
	_ = m.sub.Unsubscribe()
	for _, q := range waiting {
		q.fail(eventstore.ErrClosed)
	}
}

// next returns the next reply, waiting for one until ctx ends.
func (q *replyQueue) next(ctx context.Context) (*nats.Msg, error) {
	for {
		q.mu.Lock()
		if len(q.msgs) > 0 {
			msg := q.msgs[0]
			q.msgs = q.msgs[1:]
			q.mu.Unlock()
			return msg, nil
		}
		err := q.err
		q.mu.Unlock()
		if err != nil {
			return nil, err
		}
		select {
		case <-q.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
