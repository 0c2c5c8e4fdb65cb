package jsstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// consumerCleanup bounds the deletion of a subscription's consumer.
const consumerCleanup = 5 * time.Second

// Subscribe implements eventstore.Store with a JetStream ordered consumer
// starting at position after+1: it delivers each message once, in stream
// order, and recreates itself if it detects a gap. It returns ctx's error
// when ctx ends, eventstore.ErrClosed when the store is closed, and the
// handler's error unchanged when the handler fails.
func (s *Store) Subscribe(ctx context.Context, after uint64, h eventstore.Handler) error {
	if s.isClosed() {
		return eventstore.ErrClosed
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.closing, cancel)
	defer stop()
	err := s.subscribe(ctx, after, h)
	if ctx.Err() != nil && (err == nil || errors.Is(err, ctx.Err())) {
		if parent.Err() != nil {
			return parent.Err()
		}
		return eventstore.ErrClosed
	}
	return err
}

// subscribe runs the ordered consumer until ctx ends or h fails.
func (s *Store) subscribe(ctx context.Context, after uint64, h eventstore.Handler) error {
	cons, err := s.stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{s.wild},
		DeliverPolicy:  jetstream.DeliverByStartSequencePolicy,
		OptStartSeq:    after + 1,
	})
	if err != nil {
		return fmt.Errorf("subscribe after %d: %w", after, err)
	}
	it, err := cons.Messages()
	if err != nil {
		return fmt.Errorf("subscribe after %d: %w", after, err)
	}
	defer s.stopConsumer(it, cons)
	return s.deliver(ctx, it, h)
}

// deliver hands messages to h until ctx ends or h fails.
func (s *Store) deliver(ctx context.Context, it jetstream.MessagesContext, h eventstore.Handler) error {
	for {
		msg, err := it.Next(jetstream.NextContext(ctx))
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return fmt.Errorf("subscribe: %w", err)
		}
		m, err := fromConsumer(msg)
		if err != nil {
			return fmt.Errorf("subscribe: %w", err)
		}
		ev, err := m.recorded(s.streamOf(m.subject))
		if err != nil {
			return fmt.Errorf("subscribe: %w", err)
		}
		if err := h(ctx, ev); err != nil {
			return err
		}
	}
}

// stopConsumer stops the iterator and deletes the server-side consumer
// rather than leaving it to expire.
func (s *Store) stopConsumer(it jetstream.MessagesContext, cons jetstream.Consumer) {
	it.Stop()
	info := cons.CachedInfo()
	if info == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), consumerCleanup)
	defer cancel()
	err := s.stream.DeleteConsumer(ctx, info.Name)
	if err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
		s.log.Debug("delete subscription consumer", "consumer", info.Name, "err", err)
	}
}
