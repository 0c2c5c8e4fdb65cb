package domain_test

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

func TestFoldEmpty(t *testing.T) {
	for name, a := range map[string]*domain.Alert{"no events": domain.Fold(testID, nil), "empty": domain.Fold(testID, []domain.Recorded{})} {
		t.Run(name, func(t *testing.T) {
			if a.Exists() || a.Version != 0 || a.Position != 0 || a.Status != 0 || a.Originator != "" || a.ID != testID {
				t.Fatalf("empty fold = %+v", a)
			}
			if a.Acks == nil || a.Responses == nil || a.Lapsed == nil {
				t.Fatalf("maps not initialised: %+v", a)
			}
			if _, ok := a.Handled(domain.Actor{Member: "USA"}, "raise-1"); ok {
				t.Fatal("empty alert handled a request")
			}
			if a.VisibleTo(roster, "USA") || a.IsAddressed("KOR") {
				t.Fatal("an alert that does not exist is visible or addressed")
			}
		})
	}
	var none *domain.Alert
	if none.Exists() || none.VisibleTo(roster, "USA") || none.IsAddressed("KOR") {
		t.Fatal("nil alert exists, is visible or addressed")
	}
	if _, ok := none.Handled(domain.Actor{Member: "USA"}, "raise-1"); ok {
		t.Fatal("nil alert handled a request")
	}
}

// lifecycle is an alert's full life: raised by USA, acknowledged by KOR,
// updated (DEU addressed, deadline extended), KOR responds twice, JPN
// lapses (the system, no request id), JPN responds late, closed.
// Positions are global and not contiguous.
func lifecycle(t *testing.T) (history, domain.Details, domain.Details) {
	t.Helper()
	first := validDetails(t)
	second := validDetails(t)
	second.AddressedMembers = []string{"KOR", "JPN", "DEU"}
	second.ResponseDeadline = deadline.Add(24 * time.Hour)
	monitoring := domain.Response{ActionTaken: domain.ActionMonitor, Outcome: domain.OutcomeMonitoring, Text: "Tracking the vessel."}
	h := history{
		{Event: domain.Raised{Details: first, RaisedAt: t0}, Actor: usa, At: t0, RequestID: "raise-1", Version: 1, Position: 17},
		{Event: domain.Acknowledged{Member: "KOR"}, Actor: kor, At: t0.Add(time.Hour), RequestID: "ack-1", Version: 2, Position: 23},
		{Event: domain.Updated{Details: second, Comment: "vessel delayed"}, Actor: usa, At: t0.Add(2 * time.Hour),
			RequestID: "update-1", Version: 3, Position: 40},
		{Event: domain.Responded{Member: "KOR", Response: monitoring}, Actor: kor, At: t0.Add(3 * time.Hour),
			RequestID: "resp-1", Version: 4, Position: 41},
		{Event: domain.Responded{Member: "KOR", Response: seized}, Actor: kor, At: t0.Add(30 * time.Hour),
			RequestID: "resp-2", Version: 5, Position: 60},
		{Event: domain.ResponseLapsed{Member: "DEU", Deadline: second.ResponseDeadline}, Actor: system,
			At: second.ResponseDeadline, Version: 6, Position: 88},
		{Event: domain.ResponseLapsed{Member: "JPN", Deadline: second.ResponseDeadline}, Actor: system,
			At: second.ResponseDeadline, Version: 7, Position: 89},
		{Event: domain.Responded{Member: "JPN", Response: seized}, Actor: jpn, At: second.ResponseDeadline.Add(time.Hour),
			RequestID: "resp-1", Version: 8, Position: 95},
		{Event: domain.Closed{Reason: "seized"}, Actor: usa, At: second.ResponseDeadline.Add(2 * time.Hour),
			RequestID: "close-1", Version: 9, Position: 120},
	}
	return h, first, second
}

func TestFoldLifecycle(t *testing.T) {
	h, first, second := lifecycle(t)
	lapsedAt := map[string]time.Time{"DEU": second.ResponseDeadline, "JPN": second.ResponseDeadline}
	tests := []struct {
		after     int
		status    domain.Status
		details   domain.Details
		acks      []string
		responses map[string]domain.Outcome
		lapsed    map[string]time.Time
		pending   []string
	}{
		{after: 1, status: domain.StatusOpen, details: first, pending: []string{"JPN", "KOR"}},
		{after: 2, status: domain.StatusOpen, details: first, acks: []string{"KOR"}, pending: []string{"JPN", "KOR"}},
		{after: 3, status: domain.StatusOpen, details: second, acks: []string{"KOR"}, pending: []string{"DEU", "JPN", "KOR"}},
		{after: 4, status: domain.StatusOpen, details: second, acks: []string{"KOR"},
			responses: map[string]domain.Outcome{"KOR": domain.OutcomeMonitoring}, pending: []string{"DEU", "JPN"}},
		{after: 5, status: domain.StatusOpen, details: second, acks: []string{"KOR"},
			responses: map[string]domain.Outcome{"KOR": domain.OutcomeSeized}, pending: []string{"DEU", "JPN"}},
		{after: 7, status: domain.StatusOpen, details: second, acks: []string{"KOR"},
			responses: map[string]domain.Outcome{"KOR": domain.OutcomeSeized}, lapsed: lapsedAt},
		{after: 8, status: domain.StatusOpen, details: second, acks: []string{"KOR"},
			responses: map[string]domain.Outcome{"KOR": domain.OutcomeSeized, "JPN": domain.OutcomeSeized}, lapsed: lapsedAt},
		{after: 9, status: domain.StatusClosed, details: second, acks: []string{"KOR"},
			responses: map[string]domain.Outcome{"KOR": domain.OutcomeSeized, "JPN": domain.OutcomeSeized}, lapsed: lapsedAt},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.after), func(t *testing.T) {
			a := domain.Fold(testID, h[:tt.after])
			last := h[tt.after-1]
			if !a.Exists() || a.Originator != "USA" || !a.RaisedAt.Equal(t0) || a.Version != last.Version || a.Position != last.Position {
				t.Fatalf("identity: exists=%v originator=%q raised=%v version=%d position=%d",
					a.Exists(), a.Originator, a.RaisedAt, a.Version, a.Position)
			}
			if a.Status != tt.status || !reflect.DeepEqual(a.Details, tt.details) {
				t.Errorf("status %v, details %+v", a.Status, a.Details)
			}
			if got := slices.Sorted(maps.Keys(a.Acks)); !slices.Equal(got, tt.acks) {
				t.Errorf("acks %v, want %v", got, tt.acks)
			}
			if got := outcomes(a.Responses); !reflect.DeepEqual(got, orEmpty(tt.responses)) {
				t.Errorf("responses %v, want %v", got, tt.responses)
			}
			if tt.lapsed == nil {
				tt.lapsed = map[string]time.Time{}
			}
			if !reflect.DeepEqual(a.Lapsed, tt.lapsed) {
				t.Errorf("lapsed %v, want %v", a.Lapsed, tt.lapsed)
			}
			if got := a.Pending(); !slices.Equal(got, tt.pending) {
				t.Errorf("pending %v, want %v", got, tt.pending)
			}
		})
	}
}

func outcomes(rs map[string]domain.Response) map[string]domain.Outcome {
	out := map[string]domain.Outcome{}
	for m, r := range rs {
		out[m] = r.Outcome
	}
	return out
}

func orEmpty(m map[string]domain.Outcome) map[string]domain.Outcome {
	if m == nil {
		return map[string]domain.Outcome{}
	}
	return m
}

func TestVisibleTo(t *testing.T) {
	a := raised(t, validDetails(t))
	all := raised(t, allMembers(t))
	tests := []struct {
		a      *domain.Alert
		member string
		want   bool
	}{
		{a, "USA", true}, {a, "DEU", true}, {a, "JPN", true}, {a, "KOR", true},
		{a, "FRA", false}, {a, "GBR", false}, {a, "CHN", false}, {a, "", false},
		{all, "FRA", true}, {all, "GBR", true},
		{all, "CHN", false}, // not in the roster
	}
	for _, tt := range tests {
		if got := tt.a.VisibleTo(roster, tt.member); got != tt.want {
			t.Errorf("VisibleTo(%q) = %v, want %v (all members: %v)", tt.member, got, tt.want, tt.a.Details.Releasability.AllMembers)
		}
	}
	// The originator sees its own alert even if it left the roster.
	if !a.VisibleTo(model.StaticRoster{"DEU"}, "USA") {
		t.Error("originator outside the roster cannot see its alert")
	}
}

func TestHandled(t *testing.T) {
	h, _, _ := lifecycle(t)
	a := domain.Fold(testID, h)
	tests := []struct {
		name, member, requestID string
		want                    uint64 // version of the recorded event; 0 for none
	}{
		{"raise", "USA", "raise-1", 1},
		{"acknowledgement", "KOR", "ack-1", 2},
		{"update", "USA", "update-1", 3},
		{"first response", "KOR", "resp-1", 4},
		{"second response", "KOR", "resp-2", 5},
		{"same request id, other member", "JPN", "resp-1", 8},
		{"close", "USA", "close-1", 9},
		{"raise id, other member", "KOR", "raise-1", 0},
		{"unknown request id", "USA", "raise-2", 0},
		{"empty request id never matches", "USA", "", 0},
		{"system lapses have no request id", "USA/system", "", 0},
		{"case-sensitive request id", "USA", "RAISE-1", 0},
		{"case-sensitive member", "usa", "raise-1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := a.Handled(domain.Actor{Member: tt.member}, tt.requestID)
			if tt.want == 0 {
				if ok {
					t.Fatalf("Handled(%q, %q) = version %d, want none", tt.member, tt.requestID, r.Version)
				}
				return
			}
			if !ok || !reflect.DeepEqual(r, h[tt.want-1]) {
				t.Fatalf("Handled(%q, %q) = %+v, %v; want version %d", tt.member, tt.requestID, r, ok, tt.want)
			}
		})
	}
}

// Applying events one at a time, even to a zero Alert, gives the same
// state as folding them.
func TestApplyMatchesFold(t *testing.T) {
	h, _, _ := lifecycle(t)
	a := &domain.Alert{ID: testID}
	for _, r := range h {
		a.Apply(r)
	}
	if want := domain.Fold(testID, h); !reflect.DeepEqual(a, want) {
		t.Fatalf("Apply one by one = %+v, Fold = %+v", a, want)
	}
}

// The rules decide from folded state: after the recorded events of a
// command, the same command is refused (or found by Handled first).
func TestDecideThenApply(t *testing.T) {
	a := domain.Fold(testID, nil)
	apply := func(actor domain.Actor, requestID string, events []domain.Event, err error) {
		t.Helper()
		if err != nil || len(events) == 0 {
			t.Fatalf("decision = %v, %v", events, err)
		}
		for _, e := range events {
			a.Apply(domain.Recorded{Event: e, Actor: actor, At: now, RequestID: requestID, Version: a.Version + 1, Position: a.Position + 10})
		}
	}
	events, err := domain.Raise(policy, a, usa, validDetails(t), now)
	apply(usa, "r1", events, err)
	events, err = domain.Acknowledge(policy, a, kor)
	apply(kor, "a1", events, err)
	if _, err := domain.Acknowledge(policy, a, kor); err == nil {
		t.Fatal("second acknowledgement accepted")
	}
	events, err = domain.Respond(policy, a, kor, seized)
	apply(kor, "p1", events, err)
	events, err = domain.Lapse(a, deadline)
	if len(events) != 1 {
		t.Fatalf("lapse after KOR responded = %v, %v; want JPN only", events, err)
	}
	apply(system, "", events, err)
	if _, err := domain.Lapse(a, deadline.Add(time.Hour)); err == nil {
		t.Fatal("second lapse accepted")
	}
	events, err = domain.Close(policy, a, usa, "")
	apply(usa, "c1", events, err)
	if _, err := domain.Respond(policy, a, jpn, seized); err == nil {
		t.Fatal("response to a closed alert accepted")
	}
	if a.Version != 5 || a.Position != 50 || a.Status != domain.StatusClosed {
		t.Fatalf("final state: version=%d position=%d status=%v", a.Version, a.Position, a.Status)
	}
	if r, ok := a.Handled(domain.Actor{Member: "KOR"}, "p1"); !ok || r.Version != 3 {
		t.Fatalf("Handled(KOR, p1) = %+v, %v", r, ok)
	}
}
