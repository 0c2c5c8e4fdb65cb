package jsstore

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// Headers Vigil stamps on every stored message.
const (
	hdrEventID   = "Vigil-Event-Id"
	hdrEventType = "Vigil-Event-Type"
	hdrVersion   = "Vigil-Version"
	hdrRequestID = "Vigil-Request-Id"
)

// JetStream headers, as spelled in nats-server v2.15 (server/stream.go).
const (
	hdrMsgID           = jetstream.MsgIDHeader               // Nats-Msg-Id
	hdrExpectedSubjSeq = jetstream.ExpectedLastSubjSeqHeader // Nats-Expected-Last-Subject-Sequence
	hdrBatchID         = "Nats-Batch-Id"
	hdrBatchSeq        = "Nats-Batch-Sequence"
	hdrBatchCommit     = "Nats-Batch-Commit"
	// Added by the server to direct-get replies.
	hdrSubject    = jetstream.SubjectHeader  // Nats-Subject
	hdrSequence   = jetstream.SequenceHeader // Nats-Sequence
	hdrTimeStamp  = jetstream.TimeStampHeaer // Nats-Time-Stamp
	hdrNumPending = "Nats-Num-Pending"
	// Status line of a no-payload reply, as parsed by nats.go.
	hdrStatus      = "Status"
	hdrDescription = "Description"
)

// buildMsgs turns a request into the messages to publish. Data is copied:
// an Append whose context ends early returns while its request may still
// be queued, and the caller may then reuse its buffers. The first
// carries the expected last subject sequence, so that the server rejects
// the whole request if another writer got there first; the others cannot
// carry one (the server refuses a second check on a subject already
// written in the same batch).
func buildMsgs(subject string, req eventstore.AppendRequest, lastSeq, version uint64) []*nats.Msg {
	msgs := make([]*nats.Msg, len(req.Events))
	for i, ev := range req.Events {
		m := nats.NewMsg(subject)
		m.Data = bytes.Clone(ev.Data)
		m.Header.Set(hdrEventID, ev.ID)
		m.Header.Set(hdrEventType, ev.Type)
		m.Header.Set(hdrVersion, strconv.FormatUint(version+uint64(i)+1, 10))
		if req.RequestID != "" {
			m.Header.Set(hdrRequestID, req.RequestID)
			m.Header.Set(hdrMsgID, req.RequestID+"/"+strconv.Itoa(i))
		}
		if i == 0 {
			m.Header.Set(hdrExpectedSubjSeq, strconv.FormatUint(lastSeq, 10))
		}
		msgs[i] = m
	}
	return msgs
}

// clearBatchHeaders removes the atomic-batch headers, so that a message
// of a rejected batch can be published again.
func clearBatchHeaders(m *nats.Msg) {
	m.Header.Del(hdrBatchID)
	m.Header.Del(hdrBatchSeq)
	m.Header.Del(hdrBatchCommit)
}

// storedMsg is a message as read back, independent of how it was read.
type storedMsg struct {
	subject string
	seq     uint64
	time    time.Time
	header  nats.Header
	data    []byte
}

// version returns the message's per-stream version header.
func (m storedMsg) version() (uint64, error) {
	v, err := strconv.ParseUint(m.header.Get(hdrVersion), 10, 64)
	if err != nil || v == 0 {
		return 0, fmt.Errorf("message %d on %s: bad %s header %q", m.seq, m.subject, hdrVersion, m.header.Get(hdrVersion))
	}
	return v, nil
}

// recorded converts m to a RecordedEvent; stream is the event-stream name.
func (m storedMsg) recorded(stream string) (eventstore.RecordedEvent, error) {
	v, err := m.version()
	if err != nil {
		return eventstore.RecordedEvent{}, err
	}
	return eventstore.RecordedEvent{
		Event: eventstore.Event{
			ID:   m.header.Get(hdrEventID),
			Type: m.header.Get(hdrEventType),
			Data: m.data,
		},
		Stream:     stream,
		Version:    v,
		Position:   m.seq,
		RecordedAt: m.time,
	}, nil
}

// fromDirectGet reads a direct-get reply, whose stream metadata travels
// in headers added by the server.
func fromDirectGet(r *nats.Msg) (storedMsg, error) {
	seq, err := strconv.ParseUint(r.Header.Get(hdrSequence), 10, 64)
	if err != nil {
		return storedMsg{}, fmt.Errorf("direct get: bad %s header: %w", hdrSequence, err)
	}
	ts, err := time.Parse(time.RFC3339Nano, r.Header.Get(hdrTimeStamp))
	if err != nil {
		return storedMsg{}, fmt.Errorf("direct get: bad %s header: %w", hdrTimeStamp, err)
	}
	return storedMsg{subject: r.Header.Get(hdrSubject), seq: seq, time: ts, header: r.Header, data: r.Data}, nil
}

// fromRaw reads a message returned by the jetstream package's GetMsg.
func fromRaw(r *jetstream.RawStreamMsg) storedMsg {
	return storedMsg{subject: r.Subject, seq: r.Sequence, time: r.Time, header: r.Header, data: r.Data}
}

// fromConsumer reads a message delivered by a consumer.
func fromConsumer(m jetstream.Msg) (storedMsg, error) {
	md, err := m.Metadata()
	if err != nil {
		return storedMsg{}, fmt.Errorf("consumer message metadata: %w", err)
	}
	return storedMsg{subject: m.Subject(), seq: md.Sequence.Stream, time: md.Timestamp, header: m.Headers(), data: m.Data()}, nil
}
