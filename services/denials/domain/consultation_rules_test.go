package domain_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

func catchAllNotice(t testing.TB) domain.Notice {
	t.Helper()
	n := validNotice(t)
	n.Basis, n.ControlEntries = domain.BasisCatchAll, nil
	return n
}

func TestRequestConsultation(t *testing.T) {
	tests := []struct {
		name   string
		policy domain.Policy
		d      *domain.Denial
		modify func(a *domain.Application)
		due    time.Duration
	}{
		{name: "listed-item denial", policy: consultPolicy, d: notified(t, validNotice(t)), modify: func(*domain.Application) {},
			due: consultPolicy.ConsultationPeriod},
		{name: "default period", policy: policy, d: notified(t, validNotice(t)), modify: func(*domain.Application) {},
			due: domain.DefaultConsultationPeriod},
		{name: "catch-all denial, no entries", policy: consultPolicy, d: notified(t, catchAllNotice(t)),
			modify: func(a *domain.Application) { a.ControlEntries = nil }, due: consultPolicy.ConsultationPeriod},
		{name: "after the requester acknowledged the notice", policy: consultPolicy, d: notified(t, validNotice(t), ackedBy("JPN")),
			modify: func(*domain.Application) {}, due: consultPolicy.ConsultationPeriod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validApplication(t)
			tt.modify(&a)
			ev := decided(t)(domain.RequestConsultation(tt.policy, tt.d, domain.FoldConsultation(consultationID, nil), jpn, a, "Same end-user?", now))
			want := domain.ConsultationRequested{DenialID: testID, Denier: "FRA", Requester: "JPN", Application: a,
				Question: "Same end-user?", Due: now.Add(tt.due), Marking: model.MarkingRestricted}
			if !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %+v\nwant %+v", ev, want)
			}
		})
	}
}

func TestDefaultConsultationPeriodIsThirtyDays(t *testing.T) {
	if domain.DefaultConsultationPeriod != 30*24*time.Hour {
		t.Fatalf("DefaultConsultationPeriod = %v", domain.DefaultConsultationPeriod)
	}
}

func TestRequestConsultation_Refused(t *testing.T) {
	none := domain.FoldConsultation(consultationID, nil)
	tests := []struct {
		name  string
		d     *domain.Denial
		c     *domain.Consultation
		actor domain.Actor
		want  error
	}{
		{name: "member that cannot see the denial", d: notified(t, validNotice(t)), c: none, actor: kor, want: domain.ErrNotFound},
		{name: "member that cannot see a revoked denial", d: notified(t, validNotice(t), revoked), c: none, actor: usa, want: domain.ErrNotFound},
		{name: "no such denial", d: domain.Fold(testID, nil), c: none, actor: jpn, want: domain.ErrNotFound},
		{name: "nil denial", d: nil, c: none, actor: jpn, want: domain.ErrNotFound},
		{name: "the denying member itself", d: notified(t, validNotice(t)), c: none, actor: fra, want: domain.ErrOwnDenial},
		{name: "agency of a member that can see it", d: notified(t, validNotice(t)), c: none, actor: deuCustoms, want: domain.ErrAgencyNotAllowed},
		{name: "agency of a member that cannot", d: notified(t, validNotice(t)), c: none, actor: korCustoms, want: domain.ErrAgencyNotAllowed},
		{name: "not a regime member", d: notified(t, validNotice(t)), c: none, actor: domain.Actor{Member: "CHN"}, want: domain.ErrNotMember},
		{name: "revoked denial", d: notified(t, validNotice(t), revoked), c: none, actor: jpn, want: domain.ErrNotActive},
		{name: "expired denial", d: notified(t, validNotice(t), expired), c: none, actor: jpn, want: domain.ErrNotActive},
		{name: "consultation id taken", d: notified(t, validNotice(t)), c: requested(t), actor: jpn, want: domain.ErrConsultationExists},
	}
	bad := validApplication(t)
	bad.Reference = ""
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.RequestConsultation(consultPolicy, tt.d, tt.c, tt.actor, validApplication(t), "", now)
			wantRefused(t, events, err, tt.want)
			// A refusal comes before validation: nothing about the input leaks.
			events, err = domain.RequestConsultation(consultPolicy, tt.d, tt.c, tt.actor, bad, "", now)
			wantRefused(t, events, err, tt.want)
		})
	}
}

func TestRequestConsultation_Invalid(t *testing.T) {
	for _, tt := range invalidApplications {
		t.Run(tt.name, func(t *testing.T) {
			a := validApplication(t)
			tt.modify(&a)
			events, err := domain.RequestConsultation(consultPolicy, notified(t, validNotice(t)), domain.FoldConsultation(consultationID, nil), jpn, a, "", now)
			wantInvalid(t, events, err, prefixed("application.", tt.fields)...)
		})
	}
	for _, tt := range []struct{ name, question string }{
		{"oversized question", long(model.MaxTextLen + 1)},
		{"question not UTF-8", "same?\xff"},
		{"question with a bidi override", "same\u202e?"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.RequestConsultation(consultPolicy, notified(t, validNotice(t)), domain.FoldConsultation(consultationID, nil), jpn,
				validApplication(t), tt.question, now)
			wantInvalid(t, events, err, "question")
		})
	}
}

func TestAcknowledgeConsultation(t *testing.T) {
	ev := decided(t)(domain.AcknowledgeConsultation(requested(t), fra))
	if ev != (domain.ConsultationAcknowledged{}) {
		t.Fatalf("event = %#v", ev)
	}
	tests := []struct {
		name  string
		c     *domain.Consultation
		actor domain.Actor
		want  error
	}{
		{name: "by the requesting member", c: requested(t), actor: jpn, want: domain.ErrNotDenier},
		{name: "by a member that can see the denial", c: requested(t), actor: deu, want: domain.ErrConsultationNotFound},
		{name: "by a member that cannot", c: requested(t), actor: kor, want: domain.ErrConsultationNotFound},
		{name: "by the denier's agency", c: requested(t), actor: fraAgency, want: domain.ErrAgencyNotAllowed},
		{name: "no such consultation", c: domain.FoldConsultation(consultationID, nil), actor: fra, want: domain.ErrConsultationNotFound},
		{name: "nil consultation", c: nil, actor: fra, want: domain.ErrConsultationNotFound},
		{name: "twice", c: requested(t, acked), actor: fra, want: domain.ErrConsultationAcknowledged},
		{name: "after an answer", c: requested(t, answered(domain.AnswerNoObjection, "")), actor: fra, want: domain.ErrConsultationAcknowledged},
		{name: "after a close", c: requested(t, closed("")), actor: fra, want: domain.ErrConsultationEnded},
		{name: "after a lapse", c: requested(t, lapsed), actor: fra, want: domain.ErrConsultationEnded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.AcknowledgeConsultation(tt.c, tt.actor)
			wantRefused(t, events, err, tt.want)
		})
	}
}

func TestAnswerConsultation(t *testing.T) {
	needsInfo := answered(domain.AnswerNeedsInformation, "Who is the consignee?")
	tests := []struct {
		name   string
		c      *domain.Consultation
		answer domain.Answer
		text   string
	}{
		{name: "objects", c: requested(t), answer: domain.AnswerObjects, text: "Same end-user; we object."},
		{name: "no objection, no text", c: requested(t, acked), answer: domain.AnswerNoObjection},
		{name: "no objection, with text", c: requested(t, acked), answer: domain.AnswerNoObjection, text: "Different end-user."},
		{name: "needs information", c: requested(t, acked), answer: domain.AnswerNeedsInformation, text: "Consignee?"},
		{name: "final answer after a request for information", c: requested(t, acked, needsInfo), answer: domain.AnswerObjects, text: "We object."},
		{name: "second request for information", c: requested(t, needsInfo), answer: domain.AnswerNeedsInformation, text: "And the quantity?"},
		{name: "answer changed after a final answer", c: requested(t, answered(domain.AnswerObjects, "No.")), answer: domain.AnswerNoObjection},
		{name: "after the due date, before the lapse", c: requested(t), answer: domain.AnswerObjects, text: "Late: we object."},
		{name: "text at the limit", c: requested(t), answer: domain.AnswerObjects, text: "a\n" + long(model.MaxTextLen-2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := decided(t)(domain.AnswerConsultation(tt.c, fra, tt.answer, tt.text))
			if want := (domain.ConsultationAnswered{Answer: tt.answer, Text: tt.text}); ev != want {
				t.Fatalf("event = %#v, want %#v", ev, want)
			}
		})
	}
}

func TestAnswerConsultation_Refused(t *testing.T) {
	tests := []struct {
		name  string
		c     *domain.Consultation
		actor domain.Actor
		want  error
	}{
		{name: "by the requesting member", c: requested(t), actor: jpn, want: domain.ErrNotDenier},
		{name: "by another member", c: requested(t), actor: deu, want: domain.ErrConsultationNotFound},
		{name: "by the denier's agency", c: requested(t), actor: fraAgency, want: domain.ErrAgencyNotAllowed},
		{name: "closed", c: requested(t, closed("withdrawn")), actor: fra, want: domain.ErrConsultationEnded},
		{name: "lapsed", c: requested(t, lapsed), actor: fra, want: domain.ErrConsultationEnded},
		{name: "granted", c: requested(t, closed(domain.GrantedReason)), actor: fra, want: domain.ErrConsultationEnded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.AnswerConsultation(tt.c, tt.actor, domain.AnswerObjects, "No.")
			wantRefused(t, events, err, tt.want)
		})
	}
}

func TestAnswerConsultation_Invalid(t *testing.T) {
	tests := []struct {
		name   string
		answer domain.Answer
		text   string
		fields []string
	}{
		{name: "unspecified", answer: 0, fields: []string{"answer"}},
		{name: "unknown", answer: 4, text: "x", fields: []string{"answer"}},
		{name: "negative", answer: -1, fields: []string{"answer"}},
		{name: "unknown, bad text", answer: 9, text: "\x00", fields: []string{"answer", "text"}},
		{name: "objection without text", answer: domain.AnswerObjects, fields: []string{"text"}},
		{name: "objection with blank text", answer: domain.AnswerObjects, text: " \n", fields: []string{"text"}},
		{name: "request for information without text", answer: domain.AnswerNeedsInformation, fields: []string{"text"}},
		{name: "oversized text", answer: domain.AnswerNoObjection, text: long(model.MaxTextLen + 1), fields: []string{"text"}},
		{name: "text not UTF-8", answer: domain.AnswerNoObjection, text: "\xc3", fields: []string{"text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.AnswerConsultation(requested(t), fra, tt.answer, tt.text)
			wantInvalid(t, events, err, tt.fields...)
		})
	}
}

func TestCloseConsultation(t *testing.T) {
	for _, tt := range []struct {
		name   string
		c      *domain.Consultation
		reason string
	}{
		{name: "requested", c: requested(t), reason: "Application withdrawn."},
		{name: "acknowledged, no reason", c: requested(t, acked)},
		{name: "answered", c: requested(t, answered(domain.AnswerObjects, "No.")), reason: "Licence refused."},
		{name: "reason mentioning a grant", c: requested(t), reason: "Not granted despite denial talks."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ev := decided(t)(domain.CloseConsultation(tt.c, jpn, tt.reason))
			if want := (domain.ConsultationClosed{Reason: tt.reason}); ev != want {
				t.Fatalf("event = %#v, want %#v", ev, want)
			}
		})
	}
}

func TestCloseConsultation_Refused(t *testing.T) {
	tests := []struct {
		name  string
		c     *domain.Consultation
		actor domain.Actor
		want  error
	}{
		{name: "by the denying member", c: requested(t), actor: fra, want: domain.ErrNotRequester},
		{name: "by another member", c: requested(t), actor: kor, want: domain.ErrConsultationNotFound},
		{name: "by the requester's agency", c: requested(t), actor: domain.Actor{Member: "JPN", Agency: "meti"}, want: domain.ErrAgencyNotAllowed},
		{name: "twice", c: requested(t, closed("")), actor: jpn, want: domain.ErrConsultationEnded},
		{name: "lapsed", c: requested(t, lapsed), actor: jpn, want: domain.ErrConsultationEnded},
		{name: "granted", c: requested(t, closed(domain.GrantedReason)), actor: jpn, want: domain.ErrConsultationEnded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.CloseConsultation(tt.c, tt.actor, "")
			wantRefused(t, events, err, tt.want)
		})
	}
}

func TestCloseConsultation_InvalidReason(t *testing.T) {
	for _, tt := range []struct{ name, reason string }{
		{"reserved reason", domain.GrantedReason},
		{"reserved reason, other case and spaces", "  Granted Despite Denial "},
		{"oversized", long(model.MaxTextLen + 1)},
		{"control character", "done\x1b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.CloseConsultation(requested(t), jpn, tt.reason)
			wantInvalid(t, events, err, "reason")
		})
	}
}

func TestGrantDespiteDenial(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    *domain.Consultation
	}{
		{name: "while requested", c: requested(t)},
		{name: "after an objection", c: requested(t, answered(domain.AnswerObjects, "No."))},
		{name: "after a lapse", c: requested(t, lapsed)},
		{name: "after a close", c: requested(t, closed("Refused at first."))},
	} {
		t.Run(tt.name, func(t *testing.T) {
			closeEv, grant, err := domain.GrantDespiteDenial(tt.c, jpn, "Different end-use, verified on site.")
			if err != nil {
				t.Fatal(err)
			}
			if closeEv != (domain.ConsultationClosed{Reason: domain.GrantedReason}) {
				t.Errorf("close = %#v", closeEv)
			}
			want := domain.GrantedDespiteDenial{ConsultationID: consultationID, Member: "JPN",
				Explanation: "Different end-use, verified on site.", ApplicationReference: "JP-METI-2025-118"}
			if grant != want {
				t.Errorf("grant = %#v, want %#v", grant, want)
			}
		})
	}
}

func TestGrantDespiteDenial_Refused(t *testing.T) {
	tests := []struct {
		name        string
		c           *domain.Consultation
		actor       domain.Actor
		explanation string // "" means a valid one
		want        error
	}{
		{name: "by the denying member", c: requested(t), actor: fra, want: domain.ErrNotRequester},
		{name: "by another member", c: requested(t), actor: deu, want: domain.ErrConsultationNotFound},
		{name: "by another member, invalid explanation", c: requested(t), actor: usa, explanation: "\x00", want: domain.ErrConsultationNotFound},
		{name: "twice, invalid explanation", c: requested(t, closed(domain.GrantedReason)), actor: jpn, explanation: " ", want: domain.ErrAlreadyGranted},
		{name: "by the requester's agency", c: requested(t), actor: domain.Actor{Member: "JPN", Agency: "meti"}, want: domain.ErrAgencyNotAllowed},
		{name: "twice", c: requested(t, closed(domain.GrantedReason)), actor: jpn, want: domain.ErrAlreadyGranted},
		{name: "no such consultation", c: domain.FoldConsultation(consultationID, nil), actor: jpn, want: domain.ErrConsultationNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			explanation := tt.explanation
			if explanation == "" {
				explanation = "because"
			}
			_, _, err := domain.GrantDespiteDenial(tt.c, tt.actor, explanation)
			if err == nil || !isErr(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestGrantDespiteDenial_InvalidExplanation(t *testing.T) {
	for _, tt := range []struct{ name, explanation string }{
		{"missing", ""},
		{"blank", " \n\t"},
		{"oversized", long(model.MaxTextLen + 1)},
		{"not UTF-8", "\xfe"},
		{"control character", "ok\x00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := domain.GrantDespiteDenial(requested(t), jpn, tt.explanation)
			wantInvalid(t, nil, err, "explanation")
		})
	}
}

func TestRecordGrant(t *testing.T) {
	g := domain.GrantedDespiteDenial{ConsultationID: consultationID, Member: "JPN", Explanation: "why"}
	events, err := domain.RecordGrant(notified(t, validNotice(t), revoked), g)
	if err != nil || !reflect.DeepEqual(events, []domain.Event{g}) {
		t.Fatalf("RecordGrant = %v, %v", events, err)
	}
	twice := notified(t, validNotice(t), func(h history) history { return h.add(jpn, "grant-1", g) })
	if _, err := domain.RecordGrant(twice, g); !isErr(err, domain.ErrAlreadyGranted) {
		t.Fatalf("second RecordGrant: %v", err)
	}
	other := g
	other.ConsultationID = "ffffffffffffffffffffffffffffffff"
	if _, err := domain.RecordGrant(twice, other); err != nil {
		t.Fatalf("grant of another consultation: %v", err)
	}
	if _, err := domain.RecordGrant(domain.Fold(testID, nil), g); !isErr(err, domain.ErrNotFound) {
		t.Fatalf("RecordGrant on no denial: %v", err)
	}
}

func TestLapseConsultation(t *testing.T) {
	due := now.Add(consultPolicy.ConsultationPeriod)
	needsInfo := answered(domain.AnswerNeedsInformation, "Consignee?")
	tests := []struct {
		name string
		c    *domain.Consultation
		at   time.Time
		want error
	}{
		{name: "requested, at the due date", c: requested(t), at: due},
		{name: "acknowledged, after the due date", c: requested(t, acked), at: due.Add(time.Hour)},
		{name: "information requested, no final answer", c: requested(t, needsInfo), at: due},
		{name: "before the due date", c: requested(t), at: due.Add(-time.Second), want: domain.ErrConsultationNotDue},
		{name: "objection given", c: requested(t, answered(domain.AnswerObjects, "No.")), at: due, want: domain.ErrConsultationNotDue},
		{name: "no objection given", c: requested(t, needsInfo, answered(domain.AnswerNoObjection, "")), at: due, want: domain.ErrConsultationNotDue},
		{name: "closed", c: requested(t, closed("")), at: due, want: domain.ErrConsultationNotDue},
		{name: "lapsed already", c: requested(t, lapsed), at: due, want: domain.ErrConsultationNotDue},
		{name: "granted", c: requested(t, closed(domain.GrantedReason)), at: due, want: domain.ErrConsultationNotDue},
		{name: "no such consultation", c: domain.FoldConsultation(consultationID, nil), at: due, want: domain.ErrConsultationNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.LapseConsultation(tt.c, tt.at)
			if tt.want != nil {
				wantRefused(t, events, err, tt.want)
				return
			}
			if ev := decided(t)(events, err); ev != (domain.ConsultationLapsed{Due: due}) {
				t.Fatalf("event = %#v", ev)
			}
		})
	}
}
