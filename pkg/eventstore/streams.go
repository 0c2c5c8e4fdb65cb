package eventstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// LoadDecoded loads stream and decodes each event with decode, in version
// order. A stream that does not exist gives no events and no error, which
// is what a repository folding a new aggregate wants.
func LoadDecoded[R any](ctx context.Context, s Store, stream string, decode func(RecordedEvent) (R, error)) ([]R, error) {
	evs, err := s.Load(ctx, stream)
	if errors.Is(err, ErrStreamNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", stream, err)
	}
	out := make([]R, 0, len(evs))
	for _, ev := range evs {
		r, err := decode(ev)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", stream, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// RequestKey scopes a client's request id to the stream and the principal
// (a member, or one of its agencies), so two principals (or two commands
// on different streams) reusing an id never collide in the store's
// deduplication. An empty request id gives "": not deduplicated.
func RequestKey(stream, principal, requestID string) string {
	if requestID == "" {
		return ""
	}
	return stream + "/" + principal + "/" + requestID
}

// DerivedID is the id of a new aggregate of kind created by member with
// requestID: hex(sha256(kind + "/" + member + "/" + requestID)[:16]), so
// that a retried create lands on the same stream. With no request id the
// id is random (32 hex digits) and the create is not idempotent.
func DerivedID(kind, member, requestID string) string {
	if requestID == "" {
		var b [16]byte
		_, _ = rand.Read(b[:])
		return hex.EncodeToString(b[:])
	}
	sum := sha256.Sum256([]byte(kind + "/" + member + "/" + requestID))
	return hex.EncodeToString(sum[:16])
}
