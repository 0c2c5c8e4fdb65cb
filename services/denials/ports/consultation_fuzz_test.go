package ports

import (
	"reflect"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/grpcerr/grpcerrtest"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/internal/pbnotice"
)

const fuzzConsultationID = "0b1e9e3c0e4b4c46a7b3c1e8f2d4a6b8"

var fuzzJPN = domain.Actor{Member: "JPN"}

// fuzzApplicationPB is a valid application as a client sends it.
func fuzzApplicationPB() *vigilv1.LicenceApplication {
	return &vigilv1.LicenceApplication{
		Reference:          "JP-METI-2025-118",
		ControlEntries:     []*vigilv1.ControlEntry{{MtcrCode: "3.A.1", NationalCode: "4A101"}},
		DestinationCountry: "IRN",
		Parties:            []*vigilv1.Party{{Role: vigilv1.PartyRole_PARTY_ROLE_END_USER, Name: "Shahid Hemat Industries", Country: "IRN"}},
		ItemDescription:    "One turbojet engine.",
	}
}

// fuzzOpenConsultation is JPN's open consultation of FRA about fuzzID.
func fuzzOpenConsultation(t *testing.T) *domain.Consultation {
	t.Helper()
	return domain.FoldConsultation(fuzzConsultationID, []domain.ConsultationRecord{{
		Event: domain.ConsultationRequested{DenialID: fuzzID, Denier: "FRA", Requester: "JPN",
			Application: pbnotice.Application(fuzzApplicationPB()), Due: fuzzNow.Add(domain.DefaultConsultationPeriod)},
		Actor: fuzzJPN, At: fuzzNow, RequestID: "consult-1", Version: 1, Position: 2,
	}})
}

func fuzzCheckConsultationRefs(t *testing.T, id, requestID string) {
	t.Helper()
	if err := model.CheckID("consultation_id", id); err != nil {
		grpcerrtest.FieldErrors(t, statusOf, err, "consultation_id")
	}
	grpcerrtest.Refs(t, statusOf, "denial_id", "", requestID)
}

func FuzzDecodeRequestConsultationRequest(f *testing.F) {
	bad := fuzzApplicationPB()
	bad.ControlEntries[0].MtcrCode, bad.DestinationCountry, bad.Parties = "3.A", "irn", nil
	fuzzSeed(f,
		&vigilv1.RequestConsultationRequest{RequestId: "consult-1", DenialId: fuzzID, Application: fuzzApplicationPB(), Question: "Same end-user?"},
		&vigilv1.RequestConsultationRequest{RequestId: "bad id!", DenialId: "NOT-AN-ID", Application: bad, Question: "\x00"},
		&vigilv1.RequestConsultationRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.RequestConsultationRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		grpcerrtest.Refs(t, statusOf, "denial_id", req.GetDenialId(), req.GetRequestId())
		a := pbnotice.Application(req.GetApplication())
		if back := pbnotice.Application(pbnotice.ApplicationPB(a)); !reflect.DeepEqual(back, a) {
			t.Fatalf("domain -> protobuf -> domain changed the application:\n got %#v\nwant %#v", back, a)
		}
		if err := a.Validate(true); err != nil {
			grpcerrtest.FieldErrors(t, statusOf, err, "")
		}
		events, err := domain.RequestConsultation(fuzzPolicy, fuzzActiveDenial(t), domain.FoldConsultation(fuzzConsultationID, nil),
			fuzzJPN, a, req.GetQuestion(), fuzzNow)
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeAnswerConsultationRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.AnswerConsultationRequest{RequestId: "answer-1", ConsultationId: fuzzConsultationID,
			Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, Text: "Same end-user."},
		&vigilv1.AnswerConsultationRequest{Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NEEDS_INFORMATION},
		&vigilv1.AnswerConsultationRequest{Answer: 9, Text: "\xff"})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.AnswerConsultationRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		fuzzCheckConsultationRefs(t, req.GetConsultationId(), req.GetRequestId())
		events, err := domain.AnswerConsultation(fuzzOpenConsultation(t), fuzzFRA, domain.Answer(req.GetAnswer()), req.GetText())
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeCloseConsultationRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.CloseConsultationRequest{RequestId: "close-1", ConsultationId: fuzzConsultationID, Reason: "Application withdrawn."},
		&vigilv1.CloseConsultationRequest{Reason: domain.GrantedReason},
		&vigilv1.CloseConsultationRequest{Reason: "\u202e"})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.CloseConsultationRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		fuzzCheckConsultationRefs(t, req.GetConsultationId(), req.GetRequestId())
		events, err := domain.CloseConsultation(fuzzOpenConsultation(t), fuzzJPN, req.GetReason())
		grpcerrtest.Decision(t, statusOf, events, err, "")
	})
}

func FuzzDecodeReportGrantedDespiteDenialRequest(f *testing.F) {
	fuzzSeed(f,
		&vigilv1.ReportGrantedDespiteDenialRequest{RequestId: "grant-1", ConsultationId: fuzzConsultationID, Explanation: "End-use verified on site."},
		&vigilv1.ReportGrantedDespiteDenialRequest{Explanation: " "},
		&vigilv1.ReportGrantedDespiteDenialRequest{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var req vigilv1.ReportGrantedDespiteDenialRequest
		if proto.Unmarshal(data, &req) != nil {
			return
		}
		fuzzCheckConsultationRefs(t, req.GetConsultationId(), req.GetRequestId())
		closed, grant, err := domain.GrantDespiteDenial(fuzzOpenConsultation(t), fuzzJPN, req.GetExplanation())
		if err != nil {
			grpcerrtest.FieldErrors(t, statusOf, err, "explanation")
			return
		}
		if closed.Reason != domain.GrantedReason || grant.Explanation != req.GetExplanation() || grant.ConsultationID != fuzzConsultationID {
			t.Fatalf("decision %+v, %+v for %q", closed, grant, req.GetExplanation())
		}
	})
}
