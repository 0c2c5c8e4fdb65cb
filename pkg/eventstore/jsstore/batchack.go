package jsstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// batchAck is the server's reply to the commit message of an atomic
// batch: a PubAck plus the batch id and its message count
// (nats-server v2.15 processJetStreamAtomicBatchMsg).
type batchAck struct {
	Error    *jetstream.APIError `json:"error,omitempty"`
	Stream   string              `json:"stream"`
	Sequence uint64              `json:"seq"`
	Batch    string              `json:"batch"`
	Count    int                 `json:"count"`
}

// commitRequest sends the commit message m of batch id (n messages) and
// checks the acknowledgement. A rejection is returned as a
// *jetstream.APIError (wrapped) so that errorCode can classify it.
func (c *committer) commitRequest(m *nats.Msg, id string, n int) (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	resp, err := c.nc.RequestMsgWithContext(ctx, m)
	if err != nil {
		return 0, fmt.Errorf("commit batch %s on %s: %w", id, m.Subject, err)
	}
	var ack batchAck
	if err := json.Unmarshal(resp.Data, &ack); err != nil {
		return 0, fmt.Errorf("commit batch %s: bad ack %q: %w", id, resp.Data, err)
	}
	if ack.Error != nil {
		return 0, fmt.Errorf("commit batch %s (%d messages): %w", id, n, ack.Error)
	}
	if ack.Batch != id || ack.Count != n || ack.Sequence < uint64(n) {
		return 0, fmt.Errorf("commit batch %s: ack for batch %q with %d messages at %d, want %d messages", id, ack.Batch, ack.Count, ack.Sequence, n)
	}
	return ack.Sequence, nil
}
