package denials_test

import (
	"context"
	"log/slog"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/domain"
	"github.com/vigil-org/vigil/services/denials/ports"
)

func as(ctx context.Context, member, agency string) context.Context {
	id := member
	if agency != "" {
		id += "-" + agency
	}
	return identity.NewContext(ctx, identity.Principal{ID: id, Member: member, Agency: agency})
}

func applicationPB() *vigilv1.LicenceApplication {
	return &vigilv1.LicenceApplication{
		Reference: "JP-METI-2025-118", ControlEntries: []*vigilv1.ControlEntry{{MtcrCode: "3.A.1"}}, DestinationCountry: "IRN",
		Parties:         []*vigilv1.Party{{Role: vigilv1.PartyRole_PARTY_ROLE_END_USER, Name: "Shahid Hemat Industries"}},
		ItemDescription: "One turbojet engine.",
	}
}

func wantCode(t *testing.T, err error, code codes.Code) *status.Status {
	t.Helper()
	st, _ := status.FromError(err)
	if st.Code() != code {
		t.Fatalf("error = %v, want %v", err, code)
	}
	return st
}

// TestConsultationRPCs drives the handlers: protobuf in, the caller from
// the context, codes out.
func TestConsultationRPCs(t *testing.T) {
	f := newFixture(t, nil)
	srv := ports.NewServer(f.svc.App, slog.New(slog.DiscardHandler))
	ctx := t.Context()
	denial := f.notify(t, domain.BasisListed)

	_, err := srv.RequestConsultation(ctx, &vigilv1.RequestConsultationRequest{DenialId: denial, Application: applicationPB()})
	wantCode(t, err, codes.Unauthenticated)
	_, err = srv.RequestConsultation(as(ctx, "KOR", ""), &vigilv1.RequestConsultationRequest{DenialId: denial, Application: applicationPB()})
	wantCode(t, err, codes.NotFound)
	_, err = srv.RequestConsultation(as(ctx, "FRA", ""), &vigilv1.RequestConsultationRequest{DenialId: denial, Application: applicationPB()})
	wantCode(t, err, codes.FailedPrecondition)
	_, err = srv.RequestConsultation(as(ctx, "JPN", "customs"), &vigilv1.RequestConsultationRequest{DenialId: denial, Application: applicationPB()})
	wantCode(t, err, codes.PermissionDenied)
	_, err = srv.RequestConsultation(as(ctx, "JPN", ""), &vigilv1.RequestConsultationRequest{DenialId: denial, Application: &vigilv1.LicenceApplication{}})
	checkViolations(t, wantCode(t, err, codes.InvalidArgument), "application.reference", "application.control_entries",
		"application.destination_country", "application.parties", "application.item_description")

	req, err := srv.RequestConsultation(as(ctx, "JPN", ""), &vigilv1.RequestConsultationRequest{RequestId: "consult-1", DenialId: denial,
		Application: applicationPB(), Question: "Same end-user?"})
	if err != nil {
		t.Fatal(err)
	}
	id := req.GetResult().GetId()
	_, err = srv.AcknowledgeConsultation(as(ctx, "JPN", ""), &vigilv1.AcknowledgeConsultationRequest{ConsultationId: id})
	wantCode(t, err, codes.PermissionDenied)
	if _, err = srv.AcknowledgeConsultation(as(ctx, "FRA", ""), &vigilv1.AcknowledgeConsultationRequest{RequestId: "ack-1", ConsultationId: id}); err != nil {
		t.Fatal(err)
	}
	_, err = srv.AcknowledgeConsultation(as(ctx, "FRA", ""), &vigilv1.AcknowledgeConsultationRequest{RequestId: "ack-2", ConsultationId: id})
	wantCode(t, err, codes.AlreadyExists)
	_, err = srv.AnswerConsultation(as(ctx, "FRA", ""), &vigilv1.AnswerConsultationRequest{ConsultationId: id})
	checkViolations(t, wantCode(t, err, codes.InvalidArgument), "answer")
	_, err = srv.AnswerConsultation(as(ctx, "DEU", ""), &vigilv1.AnswerConsultationRequest{ConsultationId: id,
		Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_NO_OBJECTION})
	wantCode(t, err, codes.NotFound)
	if _, err = srv.AnswerConsultation(as(ctx, "FRA", ""), &vigilv1.AnswerConsultationRequest{RequestId: "answer-1", ConsultationId: id,
		Answer: vigilv1.ConsultationAnswer_CONSULTATION_ANSWER_OBJECTS, Text: "We object."}); err != nil {
		t.Fatal(err)
	}
	grant, err := srv.ReportGrantedDespiteDenial(as(ctx, "JPN", ""), &vigilv1.ReportGrantedDespiteDenialRequest{RequestId: "grant-1",
		ConsultationId: id, Explanation: "End-use verified on site."})
	if err != nil || grant.GetResult().GetId() != id || grant.GetResult().GetPosition() != f.position(t) {
		t.Fatalf("grant = %v, %v", grant, err)
	}
	_, err = srv.ReportGrantedDespiteDenial(as(ctx, "JPN", ""), &vigilv1.ReportGrantedDespiteDenialRequest{RequestId: "grant-2",
		ConsultationId: id, Explanation: "Again."})
	wantCode(t, err, codes.AlreadyExists)
	_, err = srv.CloseConsultation(as(ctx, "JPN", ""), &vigilv1.CloseConsultationRequest{ConsultationId: id})
	wantCode(t, err, codes.FailedPrecondition)
}

func checkViolations(t *testing.T, st *status.Status, fields ...string) {
	t.Helper()
	var got []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				got = append(got, v.GetField())
			}
		}
	}
	if len(got) != len(fields) {
		t.Fatalf("violations on %q, want %q", got, fields)
	}
	for i := range got {
		if got[i] != fields[i] {
			t.Fatalf("violations on %q, want %q", got, fields)
		}
	}
}
