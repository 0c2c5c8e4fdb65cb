package domain_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/vigil-org/vigil/services/denials/domain"
)

func isErr(err, target error) bool { return errors.Is(err, target) }

func TestFoldConsultation_Stages(t *testing.T) {
	needsInfo := answered(domain.AnswerNeedsInformation, "Consignee?")
	tests := []struct {
		name   string
		c      *domain.Consultation
		stage  domain.Stage
		open   bool
		awaits bool
		answer domain.Answer
	}{
		{name: "requested", c: requested(t), stage: domain.StageRequested, open: true, awaits: true},
		{name: "acknowledged", c: requested(t, acked), stage: domain.StageAcknowledged, open: true, awaits: true},
		{name: "information requested", c: requested(t, acked, needsInfo), stage: domain.StageAnswered, open: true, awaits: true,
			answer: domain.AnswerNeedsInformation},
		{name: "objection after a request for information", c: requested(t, needsInfo, answered(domain.AnswerObjects, "No.")),
			stage: domain.StageAnswered, open: true, answer: domain.AnswerObjects},
		{name: "closed", c: requested(t, closed("done")), stage: domain.StageClosed},
		{name: "lapsed", c: requested(t, needsInfo, lapsed), stage: domain.StageLapsed, answer: domain.AnswerNeedsInformation},
		{name: "granted", c: requested(t, closed(domain.GrantedReason)), stage: domain.StageGranted},
		{name: "granted after a lapse", c: requested(t, lapsed, closed(domain.GrantedReason)), stage: domain.StageGranted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			if c.Stage != tt.stage || c.Stage.Open() != tt.open || c.AwaitsAnswer() != tt.awaits || c.Answer != tt.answer {
				t.Fatalf("stage %v open %v awaits %v answer %v", c.Stage, c.Stage.Open(), c.AwaitsAnswer(), c.Answer)
			}
		})
	}
}

func TestFoldConsultation_Request(t *testing.T) {
	c := requested(t, acked)
	if !c.Exists() || c.ID != consultationID || c.DenialID != testID || c.Requester != "JPN" || c.Denier != "FRA" {
		t.Fatalf("consultation = %+v", c)
	}
	if !reflect.DeepEqual(c.Application, validApplication(t)) || c.Question != "Is the end-user the same?" {
		t.Errorf("application %+v question %q", c.Application, c.Question)
	}
	if !c.RequestedAt.Equal(now) || !c.Due.Equal(now.Add(consultPolicy.ConsultationPeriod)) || c.Version != 2 || c.Position != 201 {
		t.Errorf("requested %v due %v version %d position %d", c.RequestedAt, c.Due, c.Version, c.Position)
	}
	if !c.Acknowledged || !slices.Equal(c.Members(), []string{"FRA", "JPN"}) {
		t.Errorf("acknowledged %v members %v", c.Acknowledged, c.Members())
	}
	if !c.Party("FRA") || !c.Party("JPN") || c.Party("DEU") {
		t.Error("parties are not exactly FRA and JPN")
	}
	if r, ok := c.Handled(domain.Actor{Member: "FRA"}, "c-ack"); !ok || r.Version != 2 {
		t.Errorf("Handled(FRA, c-ack) = %+v, %v", r, ok)
	}
	if _, ok := c.Handled(domain.Actor{Member: "JPN"}, "c-ack"); ok {
		t.Error("a request id of FRA counts for JPN")
	}
}

func TestFoldConsultation_Empty(t *testing.T) {
	var none *domain.Consultation
	for _, c := range []*domain.Consultation{domain.FoldConsultation(consultationID, nil), none} {
		if c.Exists() || c.Party("") || c.Party("JPN") {
			t.Fatalf("empty consultation %+v exists or has parties", c)
		}
		if _, ok := c.Handled(domain.Actor{Member: "JPN"}, "consult-1"); ok {
			t.Fatal("empty consultation handled a request")
		}
	}
}

func TestAnswerEnum(t *testing.T) {
	for a, want := range map[domain.Answer][2]bool{
		0: {false, false}, domain.AnswerObjects: {true, true}, domain.AnswerNoObjection: {true, true},
		domain.AnswerNeedsInformation: {true, false}, 4: {false, false}, -1: {false, false},
	} {
		if a.Valid() != want[0] || a.Final() != want[1] {
			t.Errorf("answer %d: valid %v final %v, want %v", a, a.Valid(), a.Final(), want)
		}
	}
}

func TestParties(t *testing.T) {
	if got := domain.Parties("JPN", "FRA"); !slices.Equal(got, []string{"FRA", "JPN"}) {
		t.Fatalf("Parties(JPN, FRA) = %v", got)
	}
	if got := domain.Parties("DEU", "FRA"); !slices.Equal(got, []string{"DEU", "FRA"}) {
		t.Fatalf("Parties(DEU, FRA) = %v", got)
	}
}

// TestApplyGrantedDespiteDenial: the denial records the grant and its
// version, and nothing else of its state changes.
func TestApplyGrantedDespiteDenial(t *testing.T) {
	before := notified(t, validNotice(t), ackedBy("DEU"))
	g := domain.GrantedDespiteDenial{ConsultationID: consultationID, Member: "JPN", Explanation: "why", ApplicationReference: "JP-1"}
	after := notified(t, validNotice(t), ackedBy("DEU"), func(h history) history { return h.add(jpn, "grant-1", g) })
	if after.Version != before.Version+1 || after.Grants[consultationID].Event != g {
		t.Fatalf("version %d grants %+v", after.Version, after.Grants)
	}
	if !reflect.DeepEqual(after.Notice, before.Notice) || after.Status != before.Status || !after.ReviewDue.Equal(before.ReviewDue) ||
		!reflect.DeepEqual(after.Acks, before.Acks) || after.Originator != before.Originator {
		t.Fatalf("the grant changed the denial: %+v", after)
	}
	if r, ok := after.Handled(domain.Actor{Member: "JPN"}, "grant-1"); !ok || r.Event != g {
		t.Fatalf("Handled(JPN, grant-1) = %+v, %v", r, ok)
	}
}
