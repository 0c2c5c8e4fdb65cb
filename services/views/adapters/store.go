package adapters

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketMeta    = []byte("meta")
	bucketItems   = []byte("items")
	bucketHistory = []byte("history")
	bucketInbox   = []byte("inbox")
	bucketOwn     = []byte("own")
	keyPosition   = []byte("position")
	allBuckets    = [][]byte{bucketMeta, bucketItems, bucketHistory, bucketInbox, bucketOwn, bucketConsultations, bucketConsultationIndex}
)

// ErrNotFound is returned for an item the store does not hold.
var ErrNotFound = errors.New("views: not found")

// Store is the views database.
type Store struct {
	db *bolt.DB
}

// Open opens (or creates) the database at path.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("views store: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("views store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("views store %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the database. Safe to call twice.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}

// Position returns the last applied log position.
func (s *Store) Position() (uint64, error) {
	var pos uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		pos = position(tx)
		return nil
	})
	return pos, err
}

func position(tx *bolt.Tx) uint64 {
	v := tx.Bucket(bucketMeta).Get(keyPosition)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func setPosition(tx *bolt.Tx, pos uint64) error {
	return tx.Bucket(bucketMeta).Put(keyPosition, u64(pos))
}

func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

func getItem(tx *bolt.Tx, id string) (*Item, error) {
	v := tx.Bucket(bucketItems).Get([]byte(id))
	if v == nil {
		return nil, ErrNotFound
	}
	var n Item
	if err := json.Unmarshal(v, &n); err != nil {
		return nil, fmt.Errorf("decode item %s: %w", id, err)
	}
	return &n, nil
}

func putItem(tx *bolt.Tx, n *Item) error {
	v, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("encode item %s: %w", n.ID, err)
	}
	return tx.Bucket(bucketItems).Put([]byte(n.ID), v)
}

// indexKey is owner | 0 | sort position | id: iterating a prefix backwards
// gives the newest first.
func indexKey(owner string, pos uint64, id string) []byte {
	k := make([]byte, 0, len(owner)+1+8+len(id))
	k = append(k, owner...)
	k = append(k, 0)
	k = append(k, u64(pos)...)
	return append(k, id...)
}

func historyKey(id string, pos uint64) []byte {
	return append(append([]byte(id), 0), u64(pos)...)
}

// Dump returns every key and value of the database in order, for
// comparing a live database with a rebuilt one.
func (s *Store) Dump() ([]byte, error) {
	var buf bytes.Buffer
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			fmt.Fprintf(&buf, "[%s]\n", name)
			err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				fmt.Fprintf(&buf, "%q=%q\n", k, v)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return buf.Bytes(), err
}
