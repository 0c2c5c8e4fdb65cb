package adapters

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Get returns item id, or ErrNotFound.
func (s *Store) Get(id string) (*Item, error) {
	var n *Item
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = getItem(tx, id)
		return err
	})
	return n, err
}

// History returns the stored events of item id, oldest first, with their
// positions.
func (s *Store) History(id string) ([]uint64, []*vigilv1.EventEnvelope, error) {
	var positions []uint64
	var envs []*vigilv1.EventEnvelope
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := append([]byte(id), 0)
		c := tx.Bucket(bucketHistory).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			env := &vigilv1.EventEnvelope{}
			if err := proto.Unmarshal(v, env); err != nil {
				return fmt.Errorf("decode history of %s: %w", id, err)
			}
			positions = append(positions, beU64(k[len(prefix):]))
			envs = append(envs, env)
		}
		return nil
	})
	return positions, envs, err
}

// Page asks for up to Limit items older than the item created at
// Before (0: from the newest) that pass Keep.
type Page struct {
	Before uint64
	Limit  int
	Keep   func(*Item) bool
}

// Inbox lists items releasable to member (not its own), newest first.
// It returns the notices and the cursor of the last one (0 at the end).
func (s *Store) Inbox(member string, p Page) ([]*Item, uint64, error) {
	return s.list(p, []string{member, AllMembers}, func(n *Item) bool { return n.Originator != member })
}

// Own lists member's own items, newest first.
func (s *Store) Own(member string, p Page) ([]*Item, uint64, error) {
	return s.list(p, []string{member}, nil)
}

func (s *Store) list(p Page, owners []string, also func(*Item) bool) ([]*Item, uint64, error) {
	bucket := bucketInbox
	if also == nil {
		bucket = bucketOwn
	}
	var out []*Item
	var next uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		it := newMerged(tx.Bucket(bucket), owners, p.Before)
		for e, ok := it.next(); ok; e, ok = it.next() {
			n, err := getItem(tx, e.id)
			if err != nil {
				return err
			}
			if (also != nil && !also(n)) || (p.Keep != nil && !p.Keep(n)) {
				continue
			}
			if len(out) == p.Limit {
				next = out[len(out)-1].CreatedPosition
				return nil
			}
			out = append(out, n)
		}
		return nil
	})
	return out, next, err
}

type indexEntry struct {
	pos uint64
	id  string
}

// merged walks several owners' index prefixes backwards at once (newest
// first), starting below a position, without reading what it does not
// return.
type merged struct {
	heads []*ownerCursor
}

type ownerCursor struct {
	c      *bolt.Cursor
	prefix []byte
	cur    indexEntry
	ok     bool
}

func newMerged(b *bolt.Bucket, owners []string, before uint64) *merged {
	m := &merged{}
	for _, o := range owners {
		oc := &ownerCursor{c: b.Cursor(), prefix: append([]byte(o), 0)}
		start := append(slices.Clone(oc.prefix), u64(before)...)
		if before == 0 {
			start = append(slices.Clone(oc.prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
		}
		k, _ := oc.c.Seek(start)
		if k == nil {
			k, _ = oc.c.Last()
		}
		for k != nil && bytes.Compare(k, start) >= 0 {
			k, _ = oc.c.Prev()
		}
		oc.set(k)
		m.heads = append(m.heads, oc)
	}
	return m
}

func (oc *ownerCursor) set(k []byte) {
	oc.ok = k != nil && bytes.HasPrefix(k, oc.prefix) && len(k) >= len(oc.prefix)+8
	if oc.ok {
		oc.cur = indexEntry{pos: beU64(k[len(oc.prefix):]), id: string(k[len(oc.prefix)+8:])}
	}
}

func (m *merged) next() (indexEntry, bool) {
	var best *ownerCursor
	for _, h := range m.heads {
		if h.ok && (best == nil || h.cur.pos > best.cur.pos) {
			best = h
		}
	}
	if best == nil {
		return indexEntry{}, false
	}
	e := best.cur
	k, _ := best.c.Prev()
	best.set(k)
	return e, true
}

func beU64(b []byte) uint64 {
	var v uint64
	for _, x := range b[:8] {
		v = v<<8 | uint64(x)
	}
	return v
}

// Content decodes the item's content: *vigilv1.DenialNotice,
// *vigilv1.ProcurementReport or *vigilv1.BrokeringAlert.
func Content(n *Item) (proto.Message, error) {
	var m proto.Message
	switch n.Kind {
	case "denial":
		m = &vigilv1.DenialNotice{}
	case "procurement":
		m = &vigilv1.ProcurementReport{}
	case "alert":
		m = &vigilv1.BrokeringAlert{}
	default:
		return nil, fmt.Errorf("item %s: unknown kind %q", n.ID, n.Kind)
	}
	if err := proto.Unmarshal(n.Content, m); err != nil {
		return nil, fmt.Errorf("decode item %s: %w", n.ID, err)
	}
	return m, nil
}
