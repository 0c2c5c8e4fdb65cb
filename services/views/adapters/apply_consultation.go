package adapters

import (
	bolt "go.etcd.io/bbolt"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// applyConsultation projects a consultation event (not yet projected).
func applyConsultation(_ *bolt.Tx, _ eventstore.RecordedEvent, _ *vigilv1.EventEnvelope) error {
	return nil
}
