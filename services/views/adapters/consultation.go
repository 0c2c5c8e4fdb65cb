package adapters

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// Buckets of the consultations read model: one record per consultation,
// and an index entry per party (member | 0 | id), so that each side lists
// its consultations without a scan.
var (
	bucketConsultations     = []byte("consultations")
	bucketConsultationIndex = []byte("consultation_index")
)

// GrantedReason is the close reason the denials service records when a
// consultation ends with a licence granted despite the denial (it refuses
// it as an ordinary close reason, so the two never mix).
const GrantedReason = "granted despite denial"

// Consultation is the read model of one consultation. Every field comes
// from the events, so a rebuilt view is byte-for-byte the same.
type Consultation struct {
	ID         string                     `json:"id"`
	DenialID   string                     `json:"denial_id"`
	Requester  string                     `json:"requester"`
	Denier     string                     `json:"denier"`
	Status     vigilv1.ConsultationStatus `json:"status"`
	Answer     vigilv1.ConsultationAnswer `json:"answer,omitempty"`
	AnswerText string                     `json:"answer_text,omitempty"`
	Question   string                     `json:"question,omitempty"`
	// Application is the deterministic protobuf of the LicenceApplication.
	Application []byte    `json:"application"`
	RequestedAt time.Time `json:"requested_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Due         time.Time `json:"due"`
	Version     uint64    `json:"version"`
}

// VisibleTo reports whether member is one of the two parties: nobody else
// may see a consultation.
func (c *Consultation) VisibleTo(member string) bool {
	return member == c.Requester || member == c.Denier
}

// Open reports whether the consultation still awaits an answer or a close:
// not closed, lapsed or ended by a grant.
func (c *Consultation) Open() bool {
	switch c.Status {
	case vigilv1.ConsultationStatus_CONSULTATION_STATUS_REQUESTED,
		vigilv1.ConsultationStatus_CONSULTATION_STATUS_ACKNOWLEDGED,
		vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED:
		return true
	}
	return false
}

// AwaitsAnswer reports whether the consultation is open with no final
// answer (objects or no objection) yet: a request for information does
// not settle it.
func (c *Consultation) AwaitsAnswer() bool {
	final := c.Answer == vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS ||
		c.Answer == vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NO_OBJECTION
	return c.Open() && !final
}

// Overdue reports whether the consultation awaits an answer past its due
// date at now (the lapse has not been recorded yet).
func (c *Consultation) Overdue(now time.Time) bool {
	return c.AwaitsAnswer() && !c.Due.After(now)
}

func consultationIndexKey(member, id string) []byte {
	return append(append([]byte(member), 0), id...)
}

func getConsultation(b *bolt.Bucket, id string) (*Consultation, error) {
	v := b.Get([]byte(id))
	if v == nil {
		return nil, ErrNotFound
	}
	var c Consultation
	if err := json.Unmarshal(v, &c); err != nil {
		return nil, fmt.Errorf("decode consultation %s: %w", id, err)
	}
	return &c, nil
}

func putConsultation(b *bolt.Bucket, c *Consultation) error {
	v, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode consultation %s: %w", c.ID, err)
	}
	return b.Put([]byte(c.ID), v)
}

// Consultation returns consultation id, or ErrNotFound.
func (s *Store) Consultation(id string) (*Consultation, error) {
	var c *Consultation
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		c, err = getConsultation(tx.Bucket(bucketConsultations), id)
		return err
	})
	return c, err
}

// ConsultationsOf returns the consultations member requested or was
// asked, in id order.
func (s *Store) ConsultationsOf(member string) ([]*Consultation, error) {
	var out []*Consultation
	err := s.db.View(func(tx *bolt.Tx) error {
		b, idx := tx.Bucket(bucketConsultations), tx.Bucket(bucketConsultationIndex)
		prefix := consultationIndexKey(member, "")
		c := idx.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			cons, err := getConsultation(b, string(k[len(prefix):]))
			if err != nil {
				return err
			}
			out = append(out, cons)
		}
		return nil
	})
	return out, err
}
