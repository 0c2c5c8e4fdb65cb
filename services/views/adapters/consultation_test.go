package adapters_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
)

const (
	consA  = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	consB  = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	denial = "dddddddddddddddddddddddddddddddd"
)

// TestApplyConsultation_Statuses follows one consultation event by event.
func TestApplyConsultation_Statuses(t *testing.T) {
	s := consStore(t)
	l := newConsLog(t)
	l.request(consA, denial, "JPN", "FRA", 30)
	l.then(consA, "FRA", "JPN", &vigilv1.ConsultationAcknowledged{ConsultationId: consA})
	l.then(consA, "FRA", "JPN", &vigilv1.ConsultationAnswered{ConsultationId: consA,
		Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NEEDS_INFORMATION, Text: "Consignee?"})
	l.then(consA, "FRA", "JPN", &vigilv1.ConsultationAnswered{ConsultationId: consA,
		Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, Text: "We object."})
	l.then(consA, "JPN", "FRA", &vigilv1.ConsultationClosed{ConsultationId: consA, Reason: "Licence refused."})
	type want struct {
		status vigilv1.ConsultationStatus
		answer vigilv1.ConsultationAnswer
		open   bool
		awaits bool
	}
	steps := []want{
		{vigilv1.ConsultationStatus_CONSULTATION_STATUS_REQUESTED, 0, true, true},
		{vigilv1.ConsultationStatus_CONSULTATION_STATUS_ACKNOWLEDGED, 0, true, true},
		{vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED, vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NEEDS_INFORMATION, true, true},
		{vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED, vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, true, false},
		{vigilv1.ConsultationStatus_CONSULTATION_STATUS_CLOSED, vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, false, false},
	}
	for i, ev := range l.Events() {
		if err := s.Apply(l.Events()[i : i+1]); err != nil {
			t.Fatalf("apply %d: %v", ev.Position, err)
		}
		c := consGet(t, s, consA)
		w := steps[i]
		if c.Status != w.status || c.Answer != w.answer || c.Open() != w.open || c.AwaitsAnswer() != w.awaits || c.Version != uint64(i+1) {
			t.Fatalf("after event %d: status %v answer %v open %v awaits %v version %d", i+1, c.Status, c.Answer, c.Open(), c.AwaitsAnswer(), c.Version)
		}
	}
	c := consGet(t, s, consA)
	var app vigilv1.LicenceApplication
	if err := proto.Unmarshal(c.Application, &app); err != nil || app.GetReference() != "APP-"+consA {
		t.Fatalf("application %v, %v", &app, err)
	}
	if c.DenialID != denial || c.Requester != "JPN" || c.Denier != "FRA" || c.Question != "Same end-user?" || c.AnswerText != "We object." ||
		!c.RequestedAt.Equal(consT0) || !c.Due.Equal(consT0.AddDate(0, 0, 30)) || !c.UpdatedAt.Equal(consT0.Add(24*time.Hour)) {
		t.Fatalf("consultation = %+v", c)
	}
}

func TestApplyConsultation_EndStates(t *testing.T) {
	s := consStore(t)
	l := newConsLog(t)
	l.request(consA, denial, "JPN", "FRA", 30)
	l.then(consA, "JPN", "FRA", &vigilv1.ConsultationLapsed{ConsultationId: consA, Due: timestamppb.New(consT0.AddDate(0, 0, 30))})
	l.then(consA, "JPN", "FRA", &vigilv1.ConsultationClosed{ConsultationId: consA, Reason: adapters.GrantedReason})
	l.request(consB, denial, "DEU", "FRA", 30)
	l.then(consB, "JPN", "FRA", &vigilv1.ConsultationLapsed{ConsultationId: consB})
	if err := s.Apply(l.Events()[:2]); err != nil {
		t.Fatal(err)
	}
	if c := consGet(t, s, consA); c.Status != vigilv1.ConsultationStatus_CONSULTATION_STATUS_LAPSED || c.Open() || c.Overdue(consT0.AddDate(1, 0, 0)) {
		t.Fatalf("lapsed: %+v", c)
	}
	if err := s.Apply(l.Events()[2:]); err != nil {
		t.Fatal(err)
	}
	if c := consGet(t, s, consA); c.Status != vigilv1.ConsultationStatus_CONSULTATION_STATUS_GRANTED_DESPITE_DENIAL || c.Open() {
		t.Fatalf("granted: %+v", c)
	}
	if c := consGet(t, s, consB); c.Status != vigilv1.ConsultationStatus_CONSULTATION_STATUS_LAPSED {
		t.Fatalf("lapsed: %+v", c)
	}
}

// TestConsultationsOf: each party, and only they, list a consultation.
func TestConsultationsOf(t *testing.T) {
	s := consStore(t)
	l := newConsLog(t)
	l.request(consA, denial, "JPN", "FRA", 30)
	l.request(consB, denial, "DEU", "FRA", 30)
	if err := s.Apply(l.Events()); err != nil {
		t.Fatal(err)
	}
	for member, want := range map[string][]string{"FRA": {consA, consB}, "JPN": {consA}, "DEU": {consB}, "KOR": nil, "": nil, "FR": nil} {
		cs, err := s.ConsultationsOf(member)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.ID)
			if !c.VisibleTo(member) {
				t.Errorf("%s lists %s without being a party", member, c.ID)
			}
		}
		if len(got) != len(want) || (len(got) > 0 && (got[0] != want[0] || got[len(got)-1] != want[len(want)-1])) {
			t.Errorf("%s lists %v, want %v", member, got, want)
		}
	}
	if _, err := s.Consultation("cccccccccccccccccccccccccccccccc"); !errors.Is(err, adapters.ErrNotFound) {
		t.Fatalf("missing consultation: %v", err)
	}
}

func TestConsultationOverdue(t *testing.T) {
	c := &adapters.Consultation{Status: vigilv1.ConsultationStatus_CONSULTATION_STATUS_ACKNOWLEDGED, Due: consT0}
	tests := []struct {
		name   string
		status vigilv1.ConsultationStatus
		answer vigilv1.ConsultationAnswer
		now    time.Time
		want   bool
	}{
		{"before the due date", vigilv1.ConsultationStatus_CONSULTATION_STATUS_REQUESTED, 0, consT0.Add(-time.Second), false},
		{"at the due date", vigilv1.ConsultationStatus_CONSULTATION_STATUS_REQUESTED, 0, consT0, true},
		{"acknowledged, late", vigilv1.ConsultationStatus_CONSULTATION_STATUS_ACKNOWLEDGED, 0, consT0.Add(time.Hour), true},
		{"information requested, late", vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED,
			vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NEEDS_INFORMATION, consT0.Add(time.Hour), true},
		{"objection given, late", vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED,
			vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, consT0.Add(time.Hour), false},
		{"no objection given, late", vigilv1.ConsultationStatus_CONSULTATION_STATUS_ANSWERED,
			vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NO_OBJECTION, consT0.Add(time.Hour), false},
		{"lapsed", vigilv1.ConsultationStatus_CONSULTATION_STATUS_LAPSED, 0, consT0.Add(time.Hour), false},
		{"closed", vigilv1.ConsultationStatus_CONSULTATION_STATUS_CLOSED, 0, consT0.Add(time.Hour), false},
	}
	for _, tt := range tests {
		c.Status, c.Answer = tt.status, tt.answer
		if got := c.Overdue(tt.now); got != tt.want {
			t.Errorf("%s: overdue %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestApplyConsultation_UnknownConsultation: a later event of a
// consultation never requested stops the projection.
func TestApplyConsultation_UnknownConsultation(t *testing.T) {
	s := consStore(t)
	l := newConsLog(t)
	l.then(consA, "FRA", "JPN", &vigilv1.ConsultationAcknowledged{ConsultationId: consA})
	if err := s.Apply(l.Events()); err == nil {
		t.Fatal("an event of an unknown consultation was projected")
	}
	if pos, _ := s.Position(); pos != 0 {
		t.Fatalf("position %d after a failed apply", pos)
	}
}

// TestConsultationViews_Rebuild: applying the same log in other batches,
// and again (redelivery), gives the same database byte for byte.
func TestConsultationViews_Rebuild(t *testing.T) {
	l := newConsLog(t)
	l.Add("denial", denial, "FRA", &vigilv1.Releasability{Members: []string{"DEU", "JPN"}}, consT0, &vigilv1.DenialNotified{
		DenialId: denial, Notice: &vigilv1.DenialNotice{Reference: "FR-1", Releasability: &vigilv1.Releasability{Members: []string{"DEU", "JPN"}}},
		NotifiedAt: timestamppb.New(consT0), ReviewDue: timestamppb.New(consT0.AddDate(3, 0, 0))})
	l.request(consA, denial, "JPN", "FRA", 30)
	l.request(consB, denial, "DEU", "FRA", 10)
	l.then(consA, "FRA", "JPN", &vigilv1.ConsultationAnswered{ConsultationId: consA, Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, Text: "No."})
	l.then(consA, "JPN", "FRA", &vigilv1.ConsultationClosed{ConsultationId: consA, Reason: adapters.GrantedReason})
	l.Add("denial", denial, "JPN", &vigilv1.Releasability{Members: []string{"DEU", "JPN"}}, consT0.Add(48*time.Hour),
		&vigilv1.LicenceGrantedDespiteDenial{DenialId: denial, ConsultationId: consA, GrantingMember: "JPN", Explanation: "Verified end-use."})

	live, rebuilt := consStore(t), consStore(t)
	for i := range l.Events() {
		if err := live.Apply(l.Events()[i : i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := live.Apply(l.Events()); err != nil {
		t.Fatal(err)
	}
	if err := rebuilt.Apply(l.Events()); err != nil {
		t.Fatal(err)
	}
	a, err := live.Dump()
	if err != nil {
		t.Fatal(err)
	}
	b, err := rebuilt.Dump()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("rebuilt views differ:\nlive:\n%s\nrebuilt:\n%s", a, b)
	}
	if !bytes.Contains(a, []byte("[consultations]")) || !bytes.Contains(a, []byte(consB)) {
		t.Fatalf("the dump leaves out the consultations:\n%s", a)
	}
}

// TestGrantInDenialHistory: the grant recorded in the denial's stream is
// part of the denial's history and changes nothing else of the item.
func TestGrantInDenialHistory(t *testing.T) {
	s := consStore(t)
	l := newConsLog(t)
	rel := &vigilv1.Releasability{Members: []string{"DEU", "JPN"}}
	l.Add("denial", denial, "FRA", rel, consT0, &vigilv1.DenialNotified{DenialId: denial,
		Notice: &vigilv1.DenialNotice{Reference: "FR-1", Releasability: rel}, NotifiedAt: timestamppb.New(consT0),
		ReviewDue: timestamppb.New(consT0.AddDate(3, 0, 0))})
	l.Add("denial", denial, "JPN", rel, consT0.Add(time.Hour), &vigilv1.LicenceGrantedDespiteDenial{DenialId: denial,
		ConsultationId: consA, GrantingMember: "JPN", Explanation: "Verified end-use."})
	if err := s.Apply(l.Events()); err != nil {
		t.Fatal(err)
	}
	n, err := s.Get(denial)
	if err != nil {
		t.Fatal(err)
	}
	if n.Status != vigilv1.ItemStatus_ITEM_STATUS_ACTIVE || n.Originator != "FRA" || n.Version != 2 || len(n.Readers) != 2 {
		t.Fatalf("item after the grant: %+v", n)
	}
	_, envs, err := s.History(denial)
	if err != nil {
		t.Fatal(err)
	}
	if len(envs) != 2 || envs[1].GetLicenceGrantedDespiteDenial().GetExplanation() != "Verified end-use." {
		t.Fatalf("history: %v", envs)
	}
}
