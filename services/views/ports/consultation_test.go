package ports_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/app"
	"github.com/vigil-org/vigil/services/views/ports"
)

// consProjection is a projection with nothing left to apply.
type consProjection struct{ store *adapters.Store }

func (w consProjection) WaitFor(_ context.Context, pos uint64) error {
	if pos > w.Position() {
		return context.DeadlineExceeded
	}
	return nil
}

func (w consProjection) Position() uint64 {
	pos, _ := w.store.Position()
	return pos
}

// newConsultationServer returns the views handlers over a store holding
// JPN's consultation of FRA, requested in 2025 (so overdue now).
func newConsultationServer(t *testing.T) *ports.Server {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/views.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	env := &vigilv1.EventEnvelope{EventId: "e1", Type: "vigil.v1.ConsultationRequested", AggregateType: "consultation",
		AggregateId: "c1", AggregateVersion: 1, Originator: &vigilv1.Originator{Member: "JPN"},
		Payload: &vigilv1.EventEnvelope_ConsultationRequested{ConsultationRequested: &vigilv1.ConsultationRequested{
			ConsultationId: "c1", DenialId: "d1", DenyingMember: "FRA", RequestingMember: "JPN",
			Due: timestamppb.New(time.Now().AddDate(-1, 0, 0))}}}
	data, err := proto.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Apply([]eventstore.RecordedEvent{{Event: eventstore.Event{ID: "e1", Data: data}, Stream: "consultation.c1", Version: 1, Position: 1}}); err != nil {
		t.Fatal(err)
	}
	a := app.New(s, consProjection{s}, model.StaticRoster{"FRA", "JPN", "KOR"})
	return ports.NewServer(a, slog.New(slog.DiscardHandler))
}

func TestListConsultationsRPC(t *testing.T) {
	srv := newConsultationServer(t)
	ctx := t.Context()
	if _, err := srv.ListConsultations(ctx, &vigilv1.ListConsultationsRequest{}); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("no identity: %v", err)
	}
	for member, want := range map[string]int{"FRA": 1, "JPN": 1, "KOR": 0} {
		res, err := srv.ListConsultations(identity.NewContext(ctx, identity.Principal{ID: member, Member: member}),
			&vigilv1.ListConsultationsRequest{OpenOnly: true, MinPosition: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.GetConsultations()) != want || res.GetPosition() != 1 {
			t.Fatalf("%s lists %v at %d", member, res.GetConsultations(), res.GetPosition())
		}
		if want == 1 && (!res.GetConsultations()[0].GetOverdue() || res.GetConsultations()[0].GetId() != "c1") {
			t.Fatalf("%s lists %v", member, res.GetConsultations()[0])
		}
	}
	_, err := srv.ListConsultations(identity.NewContext(ctx, identity.Principal{ID: "FRA", Member: "FRA"}),
		&vigilv1.ListConsultationsRequest{MinPosition: 2})
	if status.Code(err) != codes.Unavailable {
		t.Fatalf("behind: %v", err)
	}
}
