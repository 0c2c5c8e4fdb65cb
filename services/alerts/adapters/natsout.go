package adapters

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Headers of the distributor's messages.
const (
	// HeaderPosition is the event's log position, in decimal.
	HeaderPosition = "Vigil-Position"
	// HeaderCursor is the cursor that resumes a gRPC subscription after
	// the event.
	HeaderCursor = "Vigil-Cursor"
)

// Message is one publication of the distributor.
type Message struct {
	Subject  string
	Position uint64
	Cursor   string
	// Data is the protojson of the StreamItem.
	Data []byte
}

// NATSPublisher publishes the distributor's messages on core NATS.
type NATSPublisher struct {
	nc *nats.Conn
}

// NewNATSPublisher publishes on nc, which it does not close.
func NewNATSPublisher(nc *nats.Conn) *NATSPublisher { return &NATSPublisher{nc: nc} }

// Publish sends m with its position and cursor as headers, and a
// Nats-Msg-Id ("<position>/<subject>") so that a JetStream stream an
// operator puts on these subjects drops the repeats of a restarted
// distributor.
func (p *NATSPublisher) Publish(m Message) error {
	msg := nats.NewMsg(m.Subject)
	msg.Data = m.Data
	pos := strconv.FormatUint(m.Position, 10)
	msg.Header.Set(HeaderPosition, pos)
	msg.Header.Set(HeaderCursor, m.Cursor)
	msg.Header.Set(jetstream.MsgIDHeader, pos+"/"+m.Subject)
	if err := p.nc.PublishMsg(msg); err != nil {
		return fmt.Errorf("publish %s: %w", m.Subject, err)
	}
	return nil
}

// flushTimeout bounds a flush when ctx has no deadline (nats.go requires
// one).
const flushTimeout = 10 * time.Second

// Flush returns once the server has received everything published so far.
func (p *NATSPublisher) Flush(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, flushTimeout)
		defer cancel()
	}
	if err := p.nc.FlushWithContext(ctx); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	return nil
}

// DefaultPositionBucket is the JetStream key-value bucket of the
// distributor's applied position.
const DefaultPositionBucket = "VIGIL_ALERTS"

// positionKey is the key of the distributor's position in the bucket.
const positionKey = "distributor.position"

// KVPositions keeps the distributor's applied position in a JetStream
// key-value bucket (file storage), so that it survives restarts and, in a
// cluster, moves with the distributor.
type KVPositions struct {
	kv jetstream.KeyValue
}

// NewKVPositions creates or opens the bucket on nc with replicas copies.
func NewKVPositions(ctx context.Context, nc *nats.Conn, bucket string, replicas int) (*KVPositions, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("position bucket: %w", err)
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: bucket, Description: "Vigil alert distributor: applied log position",
		History: 1, Storage: jetstream.FileStorage, Replicas: replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("position bucket %s: %w", bucket, err)
	}
	return &KVPositions{kv: kv}, nil
}

// Load returns the stored position, 0 when none is stored.
func (p *KVPositions) Load(ctx context.Context) (uint64, error) {
	e, err := p.kv.Get(ctx, positionKey)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("load position: %w", err)
	}
	pos, err := strconv.ParseUint(string(e.Value()), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("load position: %q: %w", e.Value(), err)
	}
	return pos, nil
}

// Save stores pos.
func (p *KVPositions) Save(ctx context.Context, pos uint64) error {
	if _, err := p.kv.Put(ctx, positionKey, []byte(strconv.FormatUint(pos, 10))); err != nil {
		return fmt.Errorf("save position %d: %w", pos, err)
	}
	return nil
}
