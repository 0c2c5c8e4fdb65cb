package domain

import (
	"errors"
	"strings"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

// Errors the consultation rules return, besides ErrNotFound, ErrNotActive,
// ErrAgencyNotAllowed and ErrNotMember. The ports map each to one gRPC
// code.
var (
	// ErrConsultationNotFound: no such consultation, or the actor is not
	// one of its two parties.
	ErrConsultationNotFound = errors.New("consultation not found")
	// ErrOwnDenial: a member cannot consult itself about its own denial.
	ErrOwnDenial = errors.New("the denial is the caller's own; consult another member's denial")
	// ErrNotDenier: only the denying member may acknowledge or answer.
	ErrNotDenier = errors.New("only the denying member may acknowledge or answer a consultation")
	// ErrNotRequester: only the requesting member may close a consultation
	// or report a grant despite the denial.
	ErrNotRequester = errors.New("only the requesting member may close a consultation or report a grant")
	// ErrConsultationEnded: the consultation was closed, lapsed or ended
	// by a grant.
	ErrConsultationEnded = errors.New("the consultation is closed or has lapsed")
	// ErrConsultationAcknowledged: the denying member already acknowledged
	// (or answered) the consultation.
	ErrConsultationAcknowledged = errors.New("the consultation was already acknowledged")
	// ErrConsultationExists: a consultation with this id exists.
	ErrConsultationExists = errors.New("a consultation with this id already exists")
	// ErrAlreadyGranted: a grant despite the denial was already reported
	// for this consultation.
	ErrAlreadyGranted = errors.New("a grant was already reported for this consultation")
	// ErrConsultationNotDue: the consultation has a final answer, has
	// ended, or its due date has not passed; it cannot lapse.
	ErrConsultationNotDue = errors.New("the consultation is not due to lapse")
)

// DefaultConsultationPeriod is how long the denying member has to answer
// when the regime configures nothing: 30 days.
const DefaultConsultationPeriod = 30 * 24 * time.Hour

// RequestConsultation decides a consultation of the member that notified
// denial d by actor, about application. c is the consultation stream the
// request would open. The actor must be a member delegation that can see
// the active denial and did not notify it. Control entries may be omitted
// only for a catch-all denial.
func RequestConsultation(p Policy, d *Denial, c *Consultation, actor Actor, a Application, question string, now time.Time) ([]ConsultationEvent, error) {
	if err := mayConsult(p, d, actor); err != nil {
		return nil, err
	}
	if c.Exists() {
		return nil, ErrConsultationExists
	}
	err := errors.Join(
		model.Prefix("application", a.Validate(d.Notice.Basis != BasisCatchAll)),
		model.CheckText("question", question, model.MaxTextLen, false, true),
	)
	if err != nil {
		return nil, err
	}
	return []ConsultationEvent{ConsultationRequested{
		DenialID: d.ID, Denier: d.Originator, Requester: actor.Member, Application: a,
		Question: question, Due: now.Add(p.consultationPeriod()), Marking: d.Notice.Marking,
	}}, nil
}

func mayConsult(p Policy, d *Denial, actor Actor) error {
	switch {
	case actor.Agency != "":
		return ErrAgencyNotAllowed
	case !p.Roster.IsMember(actor.Member):
		return ErrNotMember
	case !d.VisibleTo(actor.Member):
		return ErrNotFound
	case d.Originator == actor.Member:
		return ErrOwnDenial
	case d.Status != StatusActive:
		return ErrNotActive
	}
	return nil
}

func (p Policy) consultationPeriod() time.Duration {
	if p.ConsultationPeriod > 0 {
		return p.ConsultationPeriod
	}
	return DefaultConsultationPeriod
}

// AcknowledgeConsultation decides the denying member's receipt. An answer
// counts as a receipt, so acknowledging after answering is refused.
func AcknowledgeConsultation(c *Consultation, actor Actor) ([]ConsultationEvent, error) {
	if err := mustBeOpenDenier(c, actor); err != nil {
		return nil, err
	}
	if c.Acknowledged {
		return nil, ErrConsultationAcknowledged
	}
	return []ConsultationEvent{ConsultationAcknowledged{}}, nil
}

// AnswerConsultation decides an answer of the denying member. More than
// one answer is allowed while the consultation is open (a request for
// information is typically followed by a final answer); the latest is the
// one in force and every answer stays in the history. Text is required
// for an objection and a request for information.
func AnswerConsultation(c *Consultation, actor Actor, a Answer, text string) ([]ConsultationEvent, error) {
	if err := mustBeOpenDenier(c, actor); err != nil {
		return nil, err
	}
	if err := checkAnswer(a, text); err != nil {
		return nil, err
	}
	return []ConsultationEvent{ConsultationAnswered{Answer: a, Text: text}}, nil
}

func checkAnswer(a Answer, text string) error {
	if !a.Valid() {
		return errors.Join(model.Invalid("answer", "must be objects, no objection or needs information"),
			model.CheckText("text", text, model.MaxTextLen, false, true))
	}
	required := a == AnswerObjects || a == AnswerNeedsInformation
	return model.CheckText("text", text, model.MaxTextLen, required, true)
}

// CloseConsultation decides the close of an open consultation by the
// requesting member, with an optional reason. The reason GrantedReason is
// reserved for ReportGrantedDespiteDenial.
func CloseConsultation(c *Consultation, actor Actor, reason string) ([]ConsultationEvent, error) {
	if err := mustBeRequester(c, actor); err != nil {
		return nil, err
	}
	if !c.Stage.Open() {
		return nil, ErrConsultationEnded
	}
	if err := checkReason(reason); err != nil {
		return nil, err
	}
	return []ConsultationEvent{ConsultationClosed{Reason: reason}}, nil
}

func checkReason(reason string) error {
	if err := model.CheckText("reason", reason, model.MaxTextLen, false, true); err != nil {
		return err
	}
	if strings.EqualFold(strings.TrimSpace(reason), GrantedReason) {
		return model.Invalid("reason", "%q is reserved: report a grant with ReportGrantedDespiteDenial", GrantedReason)
	}
	return nil
}

// GrantDespiteDenial decides a report by the requesting member that it
// granted the licence despite the denial: the event that closes the
// consultation and the event recorded in the denial's stream, which every
// member that can see the denial reads. It is allowed in any stage but
// granted: consulting first is the obligation, reporting the grant is
// owed whatever the consultation's outcome (an objection, a lapse, a
// close). The explanation is mandatory.
func GrantDespiteDenial(c *Consultation, actor Actor, explanation string) (ConsultationClosed, GrantedDespiteDenial, error) {
	if err := mustBeRequester(c, actor); err != nil {
		return ConsultationClosed{}, GrantedDespiteDenial{}, err
	}
	if c.Stage == StageGranted {
		return ConsultationClosed{}, GrantedDespiteDenial{}, ErrAlreadyGranted
	}
	if err := model.CheckText("explanation", explanation, model.MaxTextLen, true, true); err != nil {
		return ConsultationClosed{}, GrantedDespiteDenial{}, err
	}
	granted := GrantedDespiteDenial{ConsultationID: c.ID, Member: actor.Member,
		Explanation: explanation, ApplicationReference: c.Application.Reference}
	return ConsultationClosed{Reason: GrantedReason}, granted, nil
}

// RecordGrant decides the recording of a grant in the denial's stream:
// once per consultation. ErrAlreadyGranted means it is recorded already.
func RecordGrant(d *Denial, g GrantedDespiteDenial) ([]Event, error) {
	if !d.Exists() {
		return nil, ErrNotFound
	}
	if _, done := d.Grants[g.ConsultationID]; done {
		return nil, ErrAlreadyGranted
	}
	return []Event{g}, nil
}

// LapseConsultation decides the lapse of an open consultation with no
// final answer whose due date has passed.
func LapseConsultation(c *Consultation, now time.Time) ([]ConsultationEvent, error) {
	if !c.Exists() {
		return nil, ErrConsultationNotFound
	}
	if !c.AwaitsAnswer() || now.Before(c.Due) {
		return nil, ErrConsultationNotDue
	}
	return []ConsultationEvent{ConsultationLapsed{Due: c.Due}}, nil
}

// mustBeParty hides a consultation from everyone but its two parties, and
// refuses agencies: consultations are between member delegations.
func mustBeParty(c *Consultation, actor Actor) error {
	if !c.Party(actor.Member) {
		return ErrConsultationNotFound
	}
	if actor.Agency != "" {
		return ErrAgencyNotAllowed
	}
	return nil
}

func mustBeOpenDenier(c *Consultation, actor Actor) error {
	if err := mustBeParty(c, actor); err != nil {
		return err
	}
	if actor.Member != c.Denier {
		return ErrNotDenier
	}
	if !c.Stage.Open() {
		return ErrConsultationEnded
	}
	return nil
}

func mustBeRequester(c *Consultation, actor Actor) error {
	if err := mustBeParty(c, actor); err != nil {
		return err
	}
	if actor.Member != c.Requester {
		return ErrNotRequester
	}
	return nil
}
