package domain

import (
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// Stage is the lifecycle state of a consultation: requested ->
// acknowledged -> answered -> closed, or lapsed when the deadline passes
// with no final answer, or granted when the requesting member reports a
// licence granted despite the denial. Closed, lapsed and granted are
// terminal, except that a closed or lapsed consultation can still end
// granted.
type Stage int

// Stages. A consultation that exists is at least StageRequested.
const (
	StageRequested Stage = iota + 1
	StageAcknowledged
	StageAnswered
	StageClosed
	StageLapsed
	StageGranted
)

// Open reports whether the consultation still awaits an answer or a close.
func (s Stage) Open() bool { return s >= StageRequested && s <= StageAnswered }

// Answer is the denying member's answer to a consultation.
type Answer int

// Answers. Zero is invalid.
const (
	AnswerObjects Answer = iota + 1
	AnswerNoObjection
	AnswerNeedsInformation
	maxAnswer
)

// Valid reports whether a is a known answer.
func (a Answer) Valid() bool { return a > 0 && a < maxAnswer }

// Final reports whether a settles the consultation (objects or no
// objection); a request for information does not.
func (a Answer) Final() bool { return a == AnswerObjects || a == AnswerNoObjection }

// GrantedReason is the close reason of a consultation closed by a report
// of a licence granted despite the denial. CloseConsultation refuses it as
// a reason of its own so that readers can tell the two apart.
const GrantedReason = "granted despite denial"

// Consultation is the state of one consultation, folded from its events.
type Consultation struct {
	ID           string
	DenialID     string
	Requester    string
	Denier       string
	Application  Application
	Question     string
	RequestedAt  time.Time
	Due          time.Time
	Marking      model.Marking
	Stage        Stage
	Acknowledged bool
	// Answer and AnswerText are the latest answer, zero before any.
	Answer     Answer
	AnswerText string
	Version    uint64
	Position   uint64
	requests   map[string]ConsultationRecord
}

// FoldConsultation builds a consultation from its recorded events, oldest
// first.
func FoldConsultation(id string, events []ConsultationRecord) *Consultation {
	c := &Consultation{ID: id, requests: map[string]ConsultationRecord{}}
	for _, r := range events {
		c.Apply(r)
	}
	return c
}

// Exists reports whether the consultation has been requested.
func (c *Consultation) Exists() bool { return c != nil && c.Version > 0 }

// Apply changes the state by one recorded event. It is the only place the
// state changes.
func (c *Consultation) Apply(r ConsultationRecord) {
	if c.requests == nil {
		c.requests = map[string]ConsultationRecord{}
	}
	switch e := r.Event.(type) {
	case ConsultationRequested:
		c.applyRequested(e, r.At)
	case ConsultationAcknowledged:
		c.Stage, c.Acknowledged = StageAcknowledged, true
	case ConsultationAnswered:
		c.Stage, c.Acknowledged, c.Answer, c.AnswerText = StageAnswered, true, e.Answer, e.Text
	case ConsultationClosed:
		c.Stage = StageClosed
		if e.Reason == GrantedReason {
			c.Stage = StageGranted
		}
	case ConsultationLapsed:
		c.Stage = StageLapsed
	}
	c.Version, c.Position = r.Version, r.Position
	if r.RequestID != "" {
		c.requests[requestKey(r.Actor.ID(), r.RequestID)] = r
	}
}

func (c *Consultation) applyRequested(e ConsultationRequested, at time.Time) {
	c.DenialID, c.Denier, c.Requester = e.DenialID, e.Denier, e.Requester
	c.Application, c.Question, c.Due, c.Marking = e.Application, e.Question, e.Due, e.Marking
	c.RequestedAt, c.Stage = at, StageRequested
}

// Handled returns the event a request of member already produced, if any.
func (c *Consultation) Handled(actor Actor, requestID string) (ConsultationRecord, bool) {
	if c == nil || requestID == "" {
		return ConsultationRecord{}, false
	}
	r, ok := c.requests[requestKey(actor.ID(), requestID)]
	return r, ok
}

// Party reports whether member is the requesting or the denying member:
// only they may see the consultation.
func (c *Consultation) Party(member string) bool {
	return c.Exists() && (member == c.Requester || member == c.Denier)
}

// Members are the two parties, sorted: the consultation's releasability.
func (c *Consultation) Members() []string { return Parties(c.Requester, c.Denier) }

// Parties returns the two members of a consultation, sorted.
func Parties(requester, denier string) []string {
	if denier < requester {
		return []string{denier, requester}
	}
	return []string{requester, denier}
}

// AwaitsAnswer reports whether the consultation is open with no final
// answer yet: the state in which it lapses when its due date passes.
func (c *Consultation) AwaitsAnswer() bool {
	return c.Stage.Open() && !c.Answer.Final()
}
