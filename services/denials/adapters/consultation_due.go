package adapters

import (
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// applyConsultation keeps the due date of a consultation while it awaits
// an answer: from its request until a final answer, a close or a lapse.
// A request for information keeps it waiting. Called with x.mu held.
func (x *DueIndex) applyConsultation(id string, ev eventstore.RecordedEvent) error {
	rec, err := decodeConsultation(ev)
	if err != nil {
		return err
	}
	switch e := rec.Event.(type) {
	case domain.ConsultationRequested:
		x.consultations[id] = e.Due
	case domain.ConsultationAnswered:
		if e.Answer.Final() {
			delete(x.consultations, id)
		}
	case domain.ConsultationClosed, domain.ConsultationLapsed:
		delete(x.consultations, id)
	}
	return nil
}

// ConsultationsDue returns the ids of consultations awaiting an answer
// whose due date is at or before t, sorted.
func (x *DueIndex) ConsultationsDue(t time.Time) []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return dueBy(x.consultations, t)
}
