package adapters

import (
	bolt "go.etcd.io/bbolt"
)

// EachVisible calls fn once for every item member may see (its own and
// those released to it), newest first within its own items and within
// the released ones, all in one read transaction. It stops at, and
// returns, the first error fn returns. fn must not call back into the
// store: it runs inside the transaction.
func (s *Store) EachVisible(member string, fn func(*Item) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		seen := map[string]bool{}
		visit := func(e indexEntry) error {
			if seen[e.id] {
				return nil
			}
			seen[e.id] = true
			n, err := getItem(tx, e.id)
			if err != nil || !n.VisibleTo(member) {
				return err
			}
			return fn(n)
		}
		if err := walk(newMerged(tx.Bucket(bucketOwn), []string{member}, 0), visit); err != nil {
			return err
		}
		return walk(newMerged(tx.Bucket(bucketInbox), []string{member, AllMembers}, 0), visit)
	})
}

// walk calls fn for every entry of m until fn fails.
func walk(m *merged, fn func(indexEntry) error) error {
	for e, ok := m.next(); ok; e, ok = m.next() {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}
