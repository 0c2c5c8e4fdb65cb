package domain_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/brokering/domain"
)

func TestRaise(t *testing.T) {
	for name, a := range map[string]*domain.Alert{
		"new stream":                 domain.Fold(testID, nil),
		"bare alert as the app does": {ID: testID},
		"nil alert":                  nil,
	} {
		t.Run(name, func(t *testing.T) {
			d := validDetails(t)
			ev := wantOne(t)(domain.Raise(policy, a, usa, d, now))
			if want := (domain.Raised{Details: d, RaisedAt: now}); !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func TestRaise_ValidVariants(t *testing.T) {
	for _, tt := range validVariants {
		t.Run(tt.name, func(t *testing.T) {
			d := validDetails(t)
			tt.modify(&d)
			wantOne(t)(domain.Raise(policy, domain.Fold(testID, nil), usa, d, now))
		})
	}
}

func TestRaise_Refused(t *testing.T) {
	bad := validDetails(t)
	bad.Reference = ""
	tests := []struct {
		name    string
		a       *domain.Alert
		actor   domain.Actor
		details domain.Details
		want    error
	}{
		{"by an agency", domain.Fold(testID, nil), usaAgency, validDetails(t), domain.ErrAgencyNotAllowed},
		{"by an agency, invalid alert", domain.Fold(testID, nil), korCustoms, bad, domain.ErrAgencyNotAllowed},
		{"by a non-member", domain.Fold(testID, nil), domain.Actor{Member: "CHN"}, validDetails(t), domain.ErrNotMember},
		{"by a non-member, invalid alert", domain.Fold(testID, nil), domain.Actor{Member: "CHN"}, bad, domain.ErrNotMember},
		{"existing alert", raised(t, validDetails(t)), usa, validDetails(t), domain.ErrAlreadyExists},
		{"existing alert, invalid alert", raised(t, validDetails(t)), usa, bad, domain.ErrAlreadyExists},
		{"closed alert still exists", raised(t, validDetails(t), closed), usa, validDetails(t), domain.ErrAlreadyExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Raise(policy, tt.a, tt.actor, tt.details, now)
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestRaise_Invalid(t *testing.T) {
	for _, tt := range invalidDetails {
		t.Run(tt.name, func(t *testing.T) {
			d := validDetails(t)
			tt.modify(&d)
			events, err := domain.Raise(policy, domain.Fold(testID, nil), usa, d, now)
			wantFields(t, events, err, prefixed("alert.", tt.fields)...)
		})
	}
}

// The addressing rules depend on who raises: KOR may not address itself,
// and USA becomes addressable.
func TestRaise_AddressingDependsOnOriginator(t *testing.T) {
	d := validDetails(t)
	events, err := domain.Raise(policy, domain.Fold(testID, nil), kor, d, now)
	wantFields(t, events, err, "alert.addressed_members[0]", "alert.releasability.members[2]")
	d.AddressedMembers = []string{"USA", "JPN"}
	d.Releasability.Members = []string{"USA", "JPN"}
	wantOne(t)(domain.Raise(policy, domain.Fold(testID, nil), kor, d, now))
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name    string
		a       *domain.Alert
		modify  func(d *domain.Details)
		comment string
	}{
		{"new deadline", raised(t, validDetails(t)), func(d *domain.Details) { d.ResponseDeadline = deadline.Add(24 * time.Hour) }, "Vessel delayed."},
		{"add an addressed member", raised(t, validDetails(t)), func(d *domain.Details) {
			d.AddressedMembers = append(d.AddressedMembers, "DEU")
		}, ""},
		{"widen to all members", raised(t, validDetails(t)), func(d *domain.Details) {
			d.Releasability = model.Releasability{AllMembers: true}
		}, ""},
		{"lower the marking", raised(t, validDetails(t)), func(d *domain.Details) { d.Marking = model.MarkingUnclassified }, ""},
		{"after responses and a lapse", raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeSeized), lapsedFor("JPN")),
			func(d *domain.Details) { d.Summary = "Seized at Busan." }, "multi\nline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDetails(t)
			tt.modify(&d)
			ev := wantOne(t)(domain.Update(policy, tt.a, usa, d, tt.comment, now))
			if want := (domain.Updated{Details: d, Comment: tt.comment}); !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func TestUpdate_Refused(t *testing.T) {
	bad := validDetails(t)
	bad.Summary = ""
	tests := []struct {
		name    string
		a       *domain.Alert
		actor   domain.Actor
		details domain.Details
		want    error
	}{
		{"addressed member", raised(t, validDetails(t)), kor, validDetails(t), domain.ErrNotOriginator},
		{"member that sees it, not addressed", raised(t, validDetails(t)), deu, validDetails(t), domain.ErrNotOriginator},
		{"any member of an all-members alert", raised(t, allMembers(t)), fra, validDetails(t), domain.ErrNotOriginator},
		{"not originator, invalid alert", raised(t, validDetails(t)), jpn, bad, domain.ErrNotOriginator},
		{"originator's agency", raised(t, validDetails(t)), usaAgency, validDetails(t), domain.ErrAgencyNotAllowed},
		{"agency of an addressed member", raised(t, validDetails(t)), korCustoms, validDetails(t), domain.ErrAgencyNotAllowed},
		{"member that cannot see it", raised(t, validDetails(t)), fra, validDetails(t), domain.ErrNotFound},
		{"agency of a member that cannot see it", raised(t, validDetails(t)), fraCustoms, validDetails(t), domain.ErrNotFound},
		{"non-member of an all-members alert", raised(t, allMembers(t)), domain.Actor{Member: "CHN"}, validDetails(t), domain.ErrNotFound},
		{"no such alert", domain.Fold(testID, nil), usa, validDetails(t), domain.ErrNotFound},
		{"nil alert", nil, usa, validDetails(t), domain.ErrNotFound},
		{"closed", raised(t, validDetails(t), closed), usa, validDetails(t), domain.ErrClosed},
		{"closed, invalid alert", raised(t, validDetails(t), closed), usa, bad, domain.ErrClosed},
		{"closed, by another member", raised(t, validDetails(t), closed), kor, validDetails(t), domain.ErrNotOriginator},
		{"closed, by a member that cannot see it", raised(t, validDetails(t), closed), fra, validDetails(t), domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Update(policy, tt.a, tt.actor, tt.details, "", now)
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestUpdate_Invalid(t *testing.T) {
	for _, tt := range invalidDetails {
		t.Run(tt.name, func(t *testing.T) {
			d := validDetails(t)
			tt.modify(&d)
			events, err := domain.Update(policy, raised(t, validDetails(t)), usa, d, "", now)
			wantFields(t, events, err, prefixed("alert.", tt.fields)...)
		})
	}
}

// After the deadline passed, an update must carry a new deadline.
func TestUpdate_AfterDeadlineNeedsNewDeadline(t *testing.T) {
	a := raised(t, validDetails(t))
	late := deadline.Add(time.Hour)
	events, err := domain.Update(policy, a, usa, validDetails(t), "", late)
	wantFields(t, events, err, "alert.response_deadline")
	d := validDetails(t)
	d.ResponseDeadline = late.Add(12 * time.Hour)
	wantOne(t)(domain.Update(policy, a, usa, d, "extended", late))
}

func TestUpdate_InvalidComment(t *testing.T) {
	for _, c := range []string{long(model.MaxTextLen + 1), "fix \xff", "fix\x00", "fix \u202e"} {
		events, err := domain.Update(policy, raised(t, validDetails(t)), usa, validDetails(t), c, now)
		wantFields(t, events, err, "comment")
	}
}

func allMembers(t testing.TB) domain.Details {
	t.Helper()
	d := validDetails(t)
	d.Releasability = model.Releasability{AllMembers: true}
	return d
}

func TestAcknowledge(t *testing.T) {
	tests := []struct {
		name  string
		a     *domain.Alert
		actor domain.Actor
	}{
		{"addressed member", raised(t, validDetails(t)), kor},
		{"other addressed member", raised(t, validDetails(t)), jpn},
		{"after another member acknowledged", raised(t, validDetails(t), ackedBy("KOR")), jpn},
		{"after responding", raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeInspected)), kor},
		{"after the response lapsed", raised(t, validDetails(t), lapsedFor("JPN")), jpn},
		{"addressed by an update", raised(t, validDetails(t), updatedTo(func(d *domain.Details) {
			d.AddressedMembers = append(d.AddressedMembers, "DEU")
		})), deu},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := wantOne(t)(domain.Acknowledge(policy, tt.a, tt.actor))
			if want := (domain.Acknowledged{Member: tt.actor.Member}); ev != want {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

// refusals common to acknowledging and responding: only addressed member
// delegations of open alerts they can see.
func addressedOnlyRefusals(t *testing.T) []struct {
	name  string
	a     *domain.Alert
	actor domain.Actor
	want  error
} {
	return []struct {
		name  string
		a     *domain.Alert
		actor domain.Actor
		want  error
	}{
		{"originator", raised(t, validDetails(t)), usa, domain.ErrNotAddressed},
		{"member that sees it, not addressed", raised(t, validDetails(t)), deu, domain.ErrNotAddressed},
		{"all members: member not addressed", raised(t, allMembers(t)), fra, domain.ErrNotAddressed},
		{"removed by an update", raised(t, validDetails(t), updatedTo(func(d *domain.Details) {
			d.AddressedMembers = []string{"JPN"}
		})), kor, domain.ErrNotAddressed},
		{"member that cannot see it", raised(t, validDetails(t)), fra, domain.ErrNotFound},
		{"non-member of an all-members alert", raised(t, allMembers(t)), domain.Actor{Member: "CHN"}, domain.ErrNotFound},
		{"agency of an addressed member", raised(t, validDetails(t)), korCustoms, domain.ErrAgencyNotAllowed},
		{"agency of a member that cannot see it", raised(t, validDetails(t)), fraCustoms, domain.ErrNotFound},
		{"originator's agency", raised(t, validDetails(t)), usaAgency, domain.ErrAgencyNotAllowed},
		{"no such alert", domain.Fold(testID, nil), kor, domain.ErrNotFound},
		{"nil alert", nil, kor, domain.ErrNotFound},
		{"closed", raised(t, validDetails(t), closed), kor, domain.ErrClosed},
		{"closed, not addressed", raised(t, validDetails(t), closed), deu, domain.ErrNotAddressed},
		{"closed, agency", raised(t, validDetails(t), closed), korCustoms, domain.ErrAgencyNotAllowed},
	}
}

func TestAcknowledge_Refused(t *testing.T) {
	cases := append(addressedOnlyRefusals(t), []struct {
		name  string
		a     *domain.Alert
		actor domain.Actor
		want  error
	}{
		{"twice", raised(t, validDetails(t), ackedBy("KOR")), kor, domain.ErrAlreadyAcknowledged},
		{"twice, acknowledged before an update", raised(t, validDetails(t), ackedBy("JPN"), updatedTo(func(d *domain.Details) {
			d.Summary = "changed"
		})), jpn, domain.ErrAlreadyAcknowledged},
		{"closed after acknowledging", raised(t, validDetails(t), ackedBy("KOR"), closed), kor, domain.ErrClosed},
	}...)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Acknowledge(policy, tt.a, tt.actor)
			wantErr(t, events, err, tt.want)
		})
	}
}

var seized = domain.Response{ActionTaken: domain.ActionHold, Outcome: domain.OutcomeSeized, Text: "Container held and seized at Busan."}

func TestRespond(t *testing.T) {
	tests := []struct {
		name  string
		a     *domain.Alert
		actor domain.Actor
	}{
		{"addressed member", raised(t, validDetails(t)), kor},
		{"without acknowledging first", raised(t, validDetails(t), ackedBy("JPN")), kor},
		{"a second time: the latest counts", raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeMonitoring)), kor},
		{"late, after the lapse", raised(t, validDetails(t), lapsedFor("KOR")), kor},
		{"all members: addressed member", raised(t, allMembers(t)), jpn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := wantOne(t)(domain.Respond(policy, tt.a, tt.actor, seized))
			if want := (domain.Responded{Member: tt.actor.Member, Response: seized}); ev != want {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func TestRespond_Refused(t *testing.T) {
	for _, tt := range addressedOnlyRefusals(t) {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Respond(policy, tt.a, tt.actor, seized)
			wantErr(t, events, err, tt.want)
			// Refusals come before validation: an invalid response by
			// someone who may not respond gets the refusal.
			events, err = domain.Respond(policy, tt.a, tt.actor, domain.Response{})
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestRespond_Invalid(t *testing.T) {
	tests := []struct {
		name   string
		r      domain.Response
		fields []string
	}{
		{"empty", domain.Response{}, []string{"response.action_taken", "response.outcome", "response.text"}},
		{"outcome unspecified", domain.Response{ActionTaken: domain.ActionInspect, Text: "x"}, []string{"response.outcome"}},
		{"action unknown", domain.Response{ActionTaken: 7, Outcome: domain.OutcomeNoShow, Text: "x"}, []string{"response.action_taken"}},
		{"text oversized", domain.Response{ActionTaken: 1, Outcome: 1, Text: long(model.MaxTextLen + 1)}, []string{"response.text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Respond(policy, raised(t, validDetails(t)), kor, tt.r)
			wantFields(t, events, err, tt.fields...)
		})
	}
}

func TestClose(t *testing.T) {
	for name, a := range map[string]*domain.Alert{
		"open":                      raised(t, validDetails(t)),
		"after responses and lapse": raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeSeized), lapsedFor("JPN")),
	} {
		t.Run(name, func(t *testing.T) {
			ev := wantOne(t)(domain.Close(policy, a, usa, "Cargo seized."))
			if ev != (domain.Closed{Reason: "Cargo seized."}) {
				t.Fatalf("event = %+v", ev)
			}
		})
	}
	wantOne(t)(domain.Close(policy, raised(t, validDetails(t)), usa, ""))
}

func TestClose_Refused(t *testing.T) {
	tests := []struct {
		name  string
		a     *domain.Alert
		actor domain.Actor
		want  error
	}{
		{"addressed member", raised(t, validDetails(t)), kor, domain.ErrNotOriginator},
		{"member that sees it", raised(t, validDetails(t)), deu, domain.ErrNotOriginator},
		{"member that cannot see it", raised(t, validDetails(t)), fra, domain.ErrNotFound},
		{"originator's agency", raised(t, validDetails(t)), usaAgency, domain.ErrAgencyNotAllowed},
		{"no such alert", domain.Fold(testID, nil), usa, domain.ErrNotFound},
		{"twice", raised(t, validDetails(t), closed), usa, domain.ErrClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Close(policy, tt.a, tt.actor, "")
			wantErr(t, events, err, tt.want)
		})
	}
	events, err := domain.Close(policy, raised(t, validDetails(t)), usa, "bad\x00")
	wantFields(t, events, err, "reason")
}

func TestLapse(t *testing.T) {
	lapse := func(member string) domain.Event { return domain.ResponseLapsed{Member: member, Deadline: deadline} }
	later := deadline.Add(24 * time.Hour)
	tests := []struct {
		name string
		a    *domain.Alert
		at   time.Time
		want []domain.Event
		err  error
	}{
		{"long before the deadline", raised(t, validDetails(t)), now, nil, domain.ErrNotDue},
		{"a nanosecond before", raised(t, validDetails(t)), deadline.Add(-time.Nanosecond), nil, domain.ErrNotDue},
		{"at the deadline: both, sorted", raised(t, validDetails(t)), deadline, []domain.Event{lapse("JPN"), lapse("KOR")}, nil},
		{"at the deadline in another zone", raised(t, validDetails(t)), deadline.In(time.FixedZone("JST", 9*3600)),
			[]domain.Event{lapse("JPN"), lapse("KOR")}, nil},
		{"after the deadline", raised(t, validDetails(t)), later, []domain.Event{lapse("JPN"), lapse("KOR")}, nil},
		{"acknowledged is not responded", raised(t, validDetails(t), ackedBy("KOR")), later,
			[]domain.Event{lapse("JPN"), lapse("KOR")}, nil},
		{"partially responded", raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeInspected)), later,
			[]domain.Event{lapse("JPN")}, nil},
		{"partially lapsed", raised(t, validDetails(t), lapsedFor("JPN")), later, []domain.Event{lapse("KOR")}, nil},
		{"all responded", raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeNoShow), respondedBy("JPN", domain.OutcomeReleased)),
			later, nil, domain.ErrNothingToLapse},
		{"one responded, one lapsed", raised(t, validDetails(t), respondedBy("KOR", domain.OutcomeNoShow), lapsedFor("JPN")),
			later, nil, domain.ErrNothingToLapse},
		{"lapsed then responded late: never lapsed twice", raised(t, validDetails(t), lapsedFor("JPN"), lapsedFor("KOR"),
			respondedBy("KOR", domain.OutcomeSeized)), later, nil, domain.ErrNothingToLapse},
		{"deadline extended by an update", raised(t, validDetails(t), updatedTo(func(d *domain.Details) {
			d.ResponseDeadline = later
		})), deadline.Add(time.Hour), nil, domain.ErrNotDue},
		{"member removed by an update is not lapsed", raised(t, validDetails(t), updatedTo(func(d *domain.Details) {
			d.AddressedMembers = []string{"KOR"}
		})), later, []domain.Event{lapse("KOR")}, nil},
		{"closed", raised(t, validDetails(t), closed), later, nil, domain.ErrClosed},
		{"no such alert", domain.Fold(testID, nil), later, nil, domain.ErrNotFound},
		{"nil alert", nil, later, nil, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Lapse(tt.a, tt.at)
			if tt.err != nil {
				wantErr(t, events, err, tt.err)
				return
			}
			if err != nil || !reflect.DeepEqual(events, tt.want) {
				t.Fatalf("Lapse = %+v, %v; want %+v", events, err, tt.want)
			}
		})
	}
}

// A lapse carries the deadline in force: the extended one after an update.
func TestLapse_ExtendedDeadline(t *testing.T) {
	later := deadline.Add(24 * time.Hour)
	a := raised(t, validDetails(t), updatedTo(func(d *domain.Details) { d.ResponseDeadline = later }))
	events, err := domain.Lapse(a, later)
	if err != nil || len(events) != 2 || events[0] != (domain.ResponseLapsed{Member: "JPN", Deadline: later}) {
		t.Fatalf("Lapse = %+v, %v", events, err)
	}
}

// Every sentinel has a distinct, non-empty message: the ports send it to
// clients and match on identity.
func TestSentinelsDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range sentinels {
		msg := e.Error()
		if msg == "" || seen[msg] || strings.Contains(msg, "%") {
			t.Errorf("sentinel message %q is empty, repeated or unformatted", msg)
		}
		seen[msg] = true
	}
}
