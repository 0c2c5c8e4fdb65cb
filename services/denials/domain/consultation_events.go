package domain

import (
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// ConsultationEvent is an event of a consultation. The concrete types
// below are the only ones.
type ConsultationEvent interface{ isConsultationEvent() }

// ConsultationRequested opens a consultation of Denier by Requester about
// denial DenialID. Marking is the denial's handling marking when the
// consultation was requested; every event of the consultation carries it.
type ConsultationRequested struct {
	DenialID    string
	Denier      string
	Requester   string
	Application Application
	Question    string
	Due         time.Time
	Marking     model.Marking
}

// ConsultationAcknowledged records the denying member's receipt.
type ConsultationAcknowledged struct{}

// ConsultationAnswered records an answer of the denying member. A
// consultation may hold several: the latest is the one in force.
type ConsultationAnswered struct {
	Answer Answer
	Text   string
}

// ConsultationClosed records that the requesting member closed the
// consultation. Reason is GrantedReason when it was closed by a grant
// despite the denial.
type ConsultationClosed struct {
	Reason string
}

// ConsultationLapsed records that Due passed with no final answer.
type ConsultationLapsed struct {
	Due time.Time
}

func (ConsultationRequested) isConsultationEvent()    {}
func (ConsultationAcknowledged) isConsultationEvent() {}
func (ConsultationAnswered) isConsultationEvent()     {}
func (ConsultationClosed) isConsultationEvent()       {}
func (ConsultationLapsed) isConsultationEvent()       {}

// ConsultationRecord is a consultation event as stored, with its metadata.
type ConsultationRecord struct {
	Event     ConsultationEvent
	Actor     Actor
	At        time.Time
	RequestID string
	Version   uint64
	Position  uint64
}
