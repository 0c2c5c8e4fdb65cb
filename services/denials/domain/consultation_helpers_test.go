package domain_test

import (
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/model/modeltest"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// In the consultation tests JPN, which can see FRA's notice, consults FRA
// about it; DEU can see the notice but is no party to the consultation;
// KOR cannot see the notice.
const consultationID = "0b1e9e3c0e4b4c46a7b3c1e8f2d4a6b8"

// consultPolicy is the regime's policy with a 14-day consultation period.
var consultPolicy = domain.Policy{ReviewPeriod: domain.DefaultReviewPeriod, ConsultationPeriod: 14 * 24 * time.Hour, Roster: roster}

// validApplication is JPN's application for an engine like the denied one,
// to the same end-user under another spelling.
func validApplication(t testing.TB) domain.Application {
	t.Helper()
	return domain.Application{
		Reference:       "JP-METI-2025-118",
		ControlEntries:  []model.ControlEntry{{MTCRCode: "3.A.1", NationalCode: "4A101"}},
		Destination:     "IRN",
		Parties:         []model.Party{{Role: model.RoleEndUser, Name: "Shahid Hemat Industries", Country: "IRN"}},
		ItemDescription: "One turbojet engine,\nthrust 1.1 kN.",
	}
}

// consultations builds recorded consultation events, numbering versions
// from 1 and positions from 200, one day apart starting at now.
type consultations []domain.ConsultationRecord

func (h consultations) add(actor domain.Actor, requestID string, e domain.ConsultationEvent) consultations {
	v := uint64(len(h) + 1)
	return append(h, domain.ConsultationRecord{
		Event: e, Actor: actor, RequestID: requestID,
		At: now.Add(time.Duration(len(h)) * 24 * time.Hour), Version: v, Position: 199 + v,
	})
}

// requested returns the folded state of JPN's consultation of FRA made at
// now, then the extra events, in order.
func requested(t testing.TB, then ...func(consultations) consultations) *domain.Consultation {
	t.Helper()
	h := consultations{}.add(jpn, "consult-1", domain.ConsultationRequested{
		DenialID: testID, Denier: "FRA", Requester: "JPN", Application: validApplication(t),
		Question: "Is the end-user the same?", Due: now.Add(consultPolicy.ConsultationPeriod), Marking: model.MarkingRestricted,
	})
	for _, f := range then {
		h = f(h)
	}
	return domain.FoldConsultation(consultationID, h)
}

func acked(h consultations) consultations {
	return h.add(fra, "c-ack", domain.ConsultationAcknowledged{})
}

func answered(a domain.Answer, text string) func(consultations) consultations {
	return func(h consultations) consultations {
		return h.add(fra, "", domain.ConsultationAnswered{Answer: a, Text: text})
	}
}

func closed(reason string) func(consultations) consultations {
	return func(h consultations) consultations {
		return h.add(jpn, "", domain.ConsultationClosed{Reason: reason})
	}
}

func lapsed(h consultations) consultations {
	return h.add(domain.Actor{Member: "JPN", Agency: "system"}, "", domain.ConsultationLapsed{Due: now.Add(consultPolicy.ConsultationPeriod)})
}

// wantRefused fails unless err is target and no events came back.
func wantRefused(t *testing.T, events []domain.ConsultationEvent, err, target error) {
	t.Helper()
	modeltest.Err(t, events, err, target)
}

// wantInvalid fails unless err is exactly the field errors want, in order,
// matches no sentinel, and no events came back.
func wantInvalid(t *testing.T, events []domain.ConsultationEvent, err error, want ...string) {
	t.Helper()
	modeltest.Fields(t, events, err, append(sentinels, consultationSentinels...), want...)
}

var consultationSentinels = []error{
	domain.ErrConsultationNotFound, domain.ErrOwnDenial, domain.ErrNotDenier, domain.ErrNotRequester,
	domain.ErrConsultationEnded, domain.ErrConsultationAcknowledged, domain.ErrConsultationExists,
	domain.ErrAlreadyGranted, domain.ErrConsultationNotDue,
}

// decided fails unless a decision is exactly one event, and returns it.
func decided(t *testing.T) func([]domain.ConsultationEvent, error) domain.ConsultationEvent {
	return func(events []domain.ConsultationEvent, err error) domain.ConsultationEvent {
		t.Helper()
		return modeltest.One(t, events, err)
	}
}
