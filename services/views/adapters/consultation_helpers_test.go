package adapters_test

import (
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/adapters"
	"github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

// consT0 is when the test consultations are requested.
var consT0 = time.Date(2025, 4, 2, 9, 0, 0, 0, time.UTC)

// consLog is the in-memory log of hand-made envelopes that screening
// tests use, with consultation shortcuts.
type consLog struct {
	*screeningtest.Log
	t *testing.T
}

func newConsLog(t *testing.T) *consLog {
	return &consLog{Log: screeningtest.NewLog(t), t: t}
}

// request opens consultation id of denier by requester about denial, due
// after days, requested at consT0.
func (l *consLog) request(id, denial, requester, denier string, days int) uint64 {
	l.t.Helper()
	return l.Add("consultation", id, requester, consRel(requester, denier), consT0, &vigilv1.ConsultationRequested{
		ConsultationId: id, DenialId: denial, DenyingMember: denier, RequestingMember: requester,
		Application: &vigilv1.LicenceApplication{Reference: "APP-" + id, DestinationCountry: "IRN",
			ControlEntries: []*vigilv1.ControlEntry{{MtcrCode: "3.A.1"}}},
		Question: "Same end-user?", Due: timestamppb.New(consT0.AddDate(0, 0, days)),
	})
}

// then appends a later event of consultation id, by member, a day after
// consT0.
func (l *consLog) then(id, member, other string, payload proto.Message) uint64 {
	l.t.Helper()
	return l.Add("consultation", id, member, consRel(member, other), consT0.Add(24*time.Hour), payload)
}

func consRel(a, b string) *vigilv1.Releasability {
	if b < a {
		a, b = b, a
	}
	return &vigilv1.Releasability{Members: []string{a, b}}
}

// consStore opens a fresh views store.
func consStore(t *testing.T) *adapters.Store {
	t.Helper()
	s, err := adapters.Open(t.TempDir() + "/views.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func consGet(t *testing.T, s *adapters.Store, id string) *adapters.Consultation {
	t.Helper()
	c, err := s.Consultation(id)
	if err != nil {
		t.Fatalf("consultation %s: %v", id, err)
	}
	return c
}
