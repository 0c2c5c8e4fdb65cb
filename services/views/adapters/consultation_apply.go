package adapters

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/vigil-org/vigil/pkg/eventstore"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// applyConsultation projects a consultation event: the request creates the
// record and indexes it under both parties; later events move its status.
// An event of a consultation that was never requested is an error, as for
// items. Status: requested -> acknowledged -> answered -> closed, lapsed
// or granted despite denial (a close with GrantedReason).
func applyConsultation(tx *bolt.Tx, _ eventstore.RecordedEvent, env *vigilv1.EventEnvelope) error {
	b := tx.Bucket(bucketConsultations)
	if r := env.GetConsultationRequested(); r != nil {
		return openConsultation(tx, b, env, r)
	}
	c, err := getConsultation(b, env.GetAggregateId())
	if err != nil {
		return fmt.Errorf("consultation %s: %w", env.GetAggregateId(), err)
	}
	changeConsultation(c, env)
	c.UpdatedAt, c.Version = env.GetOccurredAt().AsTime(), env.GetAggregateVersion()
	return putConsultation(b, c)
}

func openConsultation(tx *bolt.Tx, b *bolt.Bucket, env *vigilv1.EventEnvelope, r *vigilv1.ConsultationRequested) error {
	application, err := deterministic.Marshal(r.GetApplication())
	if err != nil {
		return err
	}
	at := env.GetOccurredAt().AsTime()
	c := &Consultation{
		ID: env.GetAggregateId(), DenialID: r.GetDenialId(), Requester: r.GetRequestingMember(), Denier: r.GetDenyingMember(),
		Status: vigilv1.ConsultationStatus_CONSULTATION_STATUS_REQUESTED, Question: r.GetQuestion(), Application: application,
		RequestedAt: at, UpdatedAt: at, Due: r.GetDue().AsTime(), Version: env.GetAggregateVersion(),
	}
	idx := tx.Bucket(bucketConsultationIndex)
	for _, m := range []string{c.Requester, c.Denier} {
		if err := idx.Put(consultationIndexKey(m, c.ID), nil); err != nil {
			return err
		}
	}
	return putConsultation(b, c)
}

// changeConsultation applies one later event's payload to a record.
func changeConsultation(c *Consultation, env *vigilv1.EventEnvelope) {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_ConsultationAcknowledged:
		if c.Status == vigilv1.ConsultationStatus_CONSULTATION_STATUS_REQUESTED {
			c.Status = vigilv1.ConsultationStatus_CONSULTATION_STATUS_ACKNOWLEDGED
		}
	case *vigilv1.EventEnvelope_ConsultationAnswered:
		c.Status = vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED
		c.Answer, c.AnswerText = p.ConsultationAnswered.GetAnswer(), p.ConsultationAnswered.GetText()
	case *vigilv1.EventEnvelope_ConsultationClosed:
		c.Status = vigilv1.ConsultationStatus_CONSULTATION_STATUS_CLOSED
		if p.ConsultationClosed.GetReason() == GrantedReason {
			c.Status = vigilv1.ConsultationStatus_CONSULTATION_STATUS_GRANTED_DESPITE_DENIAL
		}
	case *vigilv1.EventEnvelope_ConsultationLapsed:
		c.Status = vigilv1.ConsultationStatus_CONSULTATION_STATUS_LAPSED
	}
}
