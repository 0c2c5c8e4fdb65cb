package app

import (
	"context"
	"fmt"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/adapters"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// Send delivers one item to the subscriber; an error ends the
// subscription with that error. The item is shared and must not be
// modified.
type Send func(*vigilv1.StreamItem) error

// Subscribe delivers, through send, every event after s.After that s
// may receive and that matches its filter, in log order, each once,
// until ctx ends (ctx's error), the hub stops (ErrStopped), send fails
// (its error) or the subscriber falls more than the buffer behind the
// live log (*SlowConsumerError, with the cursor to resume from).
//
// A subscription that starts behind the hub first catches up: from the
// hub's backlog when it still holds every event after s.After, otherwise
// by replaying the log from position 0 into a state of its own (the item
// state at each position decides who may see the event there), and
// delivering only after s.After. While catching up it reads at its own
// pace: if it falls behind the hub meanwhile, it catches up again rather
// than being cut off. Only a live subscription is cut off.
func (h *Hub) Subscribe(ctx context.Context, s Subscription, send Send) error {
	sub := &subscriber{hub: h, s: s, send: send}
	return sub.run(ctx)
}

// subscriber is one running subscription.
type subscriber struct {
	hub  *Hub
	s    Subscription // s.After advances with every position passed
	send Send
	// priv is the subscription's own state for a replay from 0, made on
	// first need and kept across rounds of catching up.
	priv *adapters.State
}

func (sub *subscriber) run(ctx context.Context) error {
	for {
		r, backlog, covered, err := sub.hub.register(sub.s)
		if err != nil {
			return err
		}
		ok, err := sub.catchUp(ctx, r, backlog, covered)
		if err == nil && ok {
			err = sub.live(ctx, r)
		}
		sub.hub.unregister(r)
		if err != nil || ok {
			return err
		}
	}
}

// catchUp delivers what lies between s.After and r.start. It reports
// false when the hub cut r off meanwhile: the caller registers anew.
func (sub *subscriber) catchUp(ctx context.Context, r *registration, backlog []*adapters.Change, covered bool) (bool, error) {
	if sub.s.After >= r.start {
		return true, nil
	}
	var err error
	if covered {
		err = sub.deliverAll(backlog)
	} else {
		err = sub.replay(ctx, r.start)
	}
	if err != nil {
		return false, err
	}
	sub.s.After = r.start
	return !r.isCut(), nil
}

// deliverAll delivers changes already filtered by wants, in order.
func (sub *subscriber) deliverAll(cs []*adapters.Change) error {
	for _, c := range cs {
		if err := sub.deliverWanted(c); err != nil {
			return err
		}
	}
	return nil
}

// deliver sends c if the subscription wants it, and moves past it.
func (sub *subscriber) deliver(c *adapters.Change) error {
	if !sub.s.wants(c) {
		return nil
	}
	return sub.deliverWanted(c)
}

// deliverWanted sends c, which the subscription is known to want (the
// hub's fan-out and register have checked), and moves past it.
func (sub *subscriber) deliverWanted(c *adapters.Change) error {
	parts, _ := sub.s.Audience.Access.Parts(c.Event.Item.Kind)
	if err := sub.send(c.StreamItem(sub.s.Audience.Member, parts)); err != nil {
		return err
	}
	sub.s.After = c.Position()
	return nil
}

// replay reads the log into the private state up to position to,
// delivering what the subscription wants on the way.
func (sub *subscriber) replay(ctx context.Context, to uint64) error {
	if sub.priv == nil {
		sub.priv = adapters.NewState()
	}
	for sub.priv.Position() < to {
		evs, err := sub.hub.cfg.Store.ReadAll(ctx, sub.priv.Position(), sub.hub.cfg.ReadBatch)
		if err != nil {
			return fmt.Errorf("catch up: %w", err)
		}
		if len(evs) == 0 {
			return fmt.Errorf("catch up: the log ends before position %d", to)
		}
		for _, ev := range evs {
			if ev.Position > to {
				return nil
			}
			c, _ := sub.priv.Apply(ev) // the hub logs undecodable events
			if c == nil {
				continue
			}
			if err := sub.deliver(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// live delivers from the hub's fan-out until the end.
func (sub *subscriber) live(ctx context.Context, r *registration) error {
	for {
		if r.isCut() {
			return sub.slow()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-sub.hub.life.Done():
			return ErrStopped
		case <-r.cut:
			return sub.slow()
		case c := <-r.ch:
			if err := sub.deliverWanted(c); err != nil {
				return err
			}
		}
	}
}

// slow is the error that ends a subscriber cut off by the hub.
func (sub *subscriber) slow() error {
	e := &SlowConsumerError{Buffered: sub.hub.cfg.Buffer}
	if sub.s.After > 0 {
		e.Cursor = domain.Cursor(sub.s.After)
	}
	return e
}
