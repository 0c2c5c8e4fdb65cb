package domain_test

import (
	"reflect"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

func TestReportAttempt(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    *domain.Procurement
	}{
		{"new stream", domain.Fold(testID, nil)},
		{"bare report as the app builds it", &domain.Procurement{ID: testID}},
		{"nil report", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := validReport(t)
			ev := wantOne(t)(domain.ReportAttempt(policy, tt.p, fra, rep, now))
			want := domain.Reported{Report: rep, ReportedAt: now}
			if !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func TestReportAttempt_ValidVariants(t *testing.T) {
	for _, tt := range validReports {
		t.Run(tt.name, func(t *testing.T) {
			rep := validReport(t)
			tt.modify(&rep)
			wantOne(t)(domain.ReportAttempt(policy, domain.Fold(testID, nil), fra, rep, now))
		})
	}
}

func TestReportAttempt_Refused(t *testing.T) {
	bad := validReport(t)
	bad.Reference = ""
	tests := []struct {
		name   string
		p      *domain.Procurement
		actor  domain.Actor
		report domain.Report
		want   error
	}{
		{"by the member's agency", domain.Fold(testID, nil), fraCustoms, validReport(t), domain.ErrAgencyNotAllowed},
		{"by an agency, invalid report", domain.Fold(testID, nil), deuCustoms, bad, domain.ErrAgencyNotAllowed},
		{"by a non-member", domain.Fold(testID, nil), domain.Actor{Member: "CHN"}, validReport(t), domain.ErrNotMember},
		{"by a non-member, invalid report", domain.Fold(testID, nil), domain.Actor{Member: "CHN"}, bad, domain.ErrNotMember},
		{"existing report", reported(t, validReport(t)), fra, validReport(t), domain.ErrAlreadyExists},
		{"existing report, invalid", reported(t, validReport(t)), fra, bad, domain.ErrAlreadyExists},
		{"withdrawn report still exists", reported(t, validReport(t), withdrawn), fra, validReport(t), domain.ErrAlreadyExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.ReportAttempt(policy, tt.p, tt.actor, tt.report, now)
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestReportAttempt_InvalidReport(t *testing.T) {
	for _, tt := range invalidReports {
		t.Run(tt.name, func(t *testing.T) {
			rep := validReport(t)
			tt.modify(&rep)
			events, err := domain.ReportAttempt(policy, domain.Fold(testID, nil), fra, rep, now)
			wantFields(t, events, err, prefixed("report.", tt.fields)...)
		})
	}
}

// A member's releasability is checked against itself as originator.
func TestReportAttempt_ReleasabilityIsRelativeToTheReporter(t *testing.T) {
	rep := validReport(t)
	events, err := domain.ReportAttempt(policy, domain.Fold(testID, nil), deu, rep, now)
	wantFields(t, events, err, "report.releasability.members[0]")
}

func TestUpdate(t *testing.T) {
	tests := []struct {
		name    string
		modify  func(r *domain.Report)
		comment string
	}{
		{"corrected quantity", func(r *domain.Report) { r.Items[0].Quantity.Amount = "60" }, "Second e-mail raised the quantity."},
		{"no comment", func(r *domain.Report) { r.Parties[0].Aliases = nil }, ""},
		{"originator widens releasability to all members", func(r *domain.Report) {
			r.Releasability = model.Releasability{AllMembers: true}
		}, ""},
		{"originator adds a member", func(r *domain.Report) {
			r.Releasability.Members = append(r.Releasability.Members, "KOR")
		}, ""},
		{"originator narrows releasability", func(r *domain.Report) { r.Releasability.Members = []string{"JPN"} }, ""},
		{"originator lowers the marking", func(r *domain.Report) { r.Marking = model.MarkingUnclassified }, ""},
		{"originator raises the marking", func(r *domain.Report) { r.Marking = model.MarkingConfidential }, ""},
		{"multiline comment at the limit", func(*domain.Report) {}, "line\n" + long(model.MaxTextLen-5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := validReport(t)
			tt.modify(&rep)
			ev := wantOne(t)(domain.Update(policy, reported(t, validReport(t)), fra, rep, tt.comment))
			if want := (domain.Updated{Report: rep, Comment: tt.comment}); !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

// originatorOnly lists who may not run an originator-only command on
// FRA's report, and why.
func originatorOnly(t *testing.T) []struct {
	name  string
	p     *domain.Procurement
	actor domain.Actor
	want  error
} {
	allMembers := validReport(t)
	allMembers.Releasability = model.Releasability{AllMembers: true}
	return []struct {
		name  string
		p     *domain.Procurement
		actor domain.Actor
		want  error
	}{
		{"addressed member that can see it", reported(t, validReport(t)), deu, domain.ErrNotOriginator},
		{"addressed member that acknowledged it", reported(t, validReport(t), ackedBy("JPN")), jpn, domain.ErrNotOriginator},
		{"any member of an all-members report", reported(t, allMembers), kor, domain.ErrNotOriginator},
		{"originator's agency", reported(t, validReport(t)), fraCustoms, domain.ErrAgencyNotAllowed},
		{"agency of an addressed member", reported(t, validReport(t)), deuCustoms, domain.ErrAgencyNotAllowed},
		{"member that cannot see it", reported(t, validReport(t)), kor, domain.ErrNotFound},
		{"agency of a member that cannot see it", reported(t, validReport(t)), korCustoms, domain.ErrNotFound},
		{"non-member", reported(t, validReport(t)), domain.Actor{Member: "CHN"}, domain.ErrNotFound},
		{"no such report", domain.Fold(testID, nil), fra, domain.ErrNotFound},
		{"nil report", nil, fra, domain.ErrNotFound},
		{"withdrawn", reported(t, validReport(t), withdrawn), fra, domain.ErrWithdrawn},
		{"withdrawn, by another member", reported(t, validReport(t), withdrawn), deu, domain.ErrNotOriginator},
		{"withdrawn, by a member that cannot see it", reported(t, validReport(t), withdrawn), usa, domain.ErrNotFound},
	}
}

func TestOriginatorOnlyCommands_Refused(t *testing.T) {
	commands := map[string]func(p *domain.Procurement, a domain.Actor) ([]domain.Event, error){
		"update": func(p *domain.Procurement, a domain.Actor) ([]domain.Event, error) {
			return domain.Update(policy, p, a, validReport(t), "")
		},
		"record outcome": func(p *domain.Procurement, a domain.Actor) ([]domain.Event, error) {
			return domain.RecordOutcome(p, a, domain.OutcomeLicenceDenied, "")
		},
		"withdraw": func(p *domain.Procurement, a domain.Actor) ([]domain.Event, error) {
			return domain.Withdraw(p, a, "")
		},
	}
	for cmd, run := range commands {
		for _, tt := range originatorOnly(t) {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				events, err := run(tt.p, tt.actor)
				wantErr(t, events, err, tt.want)
			})
		}
	}
}

// Permission comes before validation: a refused actor learns nothing
// about its input.
func TestOriginatorOnlyCommands_RefusedBeforeValidation(t *testing.T) {
	bad := validReport(t)
	bad.Summary = ""
	events, err := domain.Update(policy, reported(t, validReport(t)), kor, bad, "\x00")
	wantErr(t, events, err, domain.ErrNotFound)
	events, err = domain.RecordOutcome(reported(t, validReport(t)), deu, 0, "")
	wantErr(t, events, err, domain.ErrNotOriginator)
	events, err = domain.Withdraw(reported(t, validReport(t), withdrawn), fra, "\x00")
	wantErr(t, events, err, domain.ErrWithdrawn)
}

func TestUpdate_Invalid(t *testing.T) {
	for _, tt := range invalidReports {
		t.Run(tt.name, func(t *testing.T) {
			rep := validReport(t)
			tt.modify(&rep)
			events, err := domain.Update(policy, reported(t, validReport(t)), fra, rep, "")
			wantFields(t, events, err, prefixed("report.", tt.fields)...)
		})
	}
	t.Run("report and comment", func(t *testing.T) {
		rep := validReport(t)
		rep.Reference = ""
		events, err := domain.Update(policy, reported(t, validReport(t)), fra, rep, "fix\x00")
		wantFields(t, events, err, "report.reference", "comment")
	})
}

var badComments = []struct{ name, text string }{
	{"oversized", long(model.MaxTextLen + 1)},
	{"invalid UTF-8", "fix \xff"},
	{"control character", "fix\x00"},
	{"bidi override", "fix \u202e"},
}

func TestCommentsChecked(t *testing.T) {
	for _, tt := range badComments {
		t.Run("update/"+tt.name, func(t *testing.T) {
			events, err := domain.Update(policy, reported(t, validReport(t)), fra, validReport(t), tt.text)
			wantFields(t, events, err, "comment")
		})
		t.Run("outcome/"+tt.name, func(t *testing.T) {
			events, err := domain.RecordOutcome(reported(t, validReport(t)), fra, domain.OutcomePending, tt.text)
			wantFields(t, events, err, "comment")
		})
		t.Run("withdraw/"+tt.name, func(t *testing.T) {
			events, err := domain.Withdraw(reported(t, validReport(t)), fra, tt.text)
			wantFields(t, events, err, "reason")
		})
	}
}

func TestRecordOutcome(t *testing.T) {
	for o := domain.OutcomePending; o <= domain.OutcomeUnknown; o++ {
		ev := wantOne(t)(domain.RecordOutcome(reported(t, validReport(t)), fra, o, "Firm confirmed."))
		if want := (domain.OutcomeRecorded{Outcome: o, Comment: "Firm confirmed."}); ev != want {
			t.Fatalf("event = %+v, want %+v", ev, want)
		}
	}
}

func TestRecordOutcome_Invalid(t *testing.T) {
	for _, tt := range []struct {
		name    string
		outcome domain.Outcome
		comment string
		fields  []string
	}{
		{"unspecified", 0, "", []string{"outcome"}},
		{"unknown", domain.OutcomeUnknown + 1, "", []string{"outcome"}},
		{"negative", -3, "", []string{"outcome"}},
		{"unknown with a bad comment", 42, "\x07", []string{"outcome", "comment"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.RecordOutcome(reported(t, validReport(t)), fra, tt.outcome, tt.comment)
			wantFields(t, events, err, tt.fields...)
		})
	}
}

func TestWithdraw(t *testing.T) {
	for _, reason := range []string{"", "The source retracted the information.\nDo not use."} {
		ev := wantOne(t)(domain.Withdraw(reported(t, validReport(t)), fra, reason))
		if ev != (domain.Withdrawn{Reason: reason}) {
			t.Fatalf("event = %+v", ev)
		}
	}
}

func TestAcknowledge(t *testing.T) {
	allMembers := validReport(t)
	allMembers.Releasability = model.Releasability{AllMembers: true}
	for _, tt := range []struct {
		name  string
		p     *domain.Procurement
		actor domain.Actor
	}{
		{"listed member", reported(t, validReport(t)), deu},
		{"other listed member after the first acked", reported(t, validReport(t), ackedBy("DEU")), jpn},
		{"any member of an all-members report", reported(t, allMembers), usa},
		{"after an update and an outcome", reported(t, validReport(t), func(h history) history {
			return h.add(fra, "u", domain.Updated{Report: validReport(t)}).add(fra, "o", domain.OutcomeRecorded{Outcome: domain.OutcomePending})
		}), jpn},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ev := wantOne(t)(domain.Acknowledge(policy, tt.p, tt.actor))
			if ev != (domain.Acknowledged{Member: tt.actor.Member}) {
				t.Fatalf("event = %+v", ev)
			}
		})
	}
}

func TestAcknowledge_Refused(t *testing.T) {
	narrowed := validReport(t)
	narrowed.Releasability.Members = []string{"JPN"}
	for _, tt := range []struct {
		name  string
		p     *domain.Procurement
		actor domain.Actor
		want  error
	}{
		{"originator", reported(t, validReport(t)), fra, domain.ErrNotAddressed},
		{"originator's agency", reported(t, validReport(t)), fraCustoms, domain.ErrAgencyNotAllowed},
		{"addressed member's agency", reported(t, validReport(t)), deuCustoms, domain.ErrAgencyNotAllowed},
		{"member that cannot see it", reported(t, validReport(t)), kor, domain.ErrNotFound},
		{"agency of a member that cannot see it", reported(t, validReport(t)), korCustoms, domain.ErrNotFound},
		{"member dropped by an update", reported(t, validReport(t), func(h history) history {
			return h.add(fra, "u", domain.Updated{Report: narrowed})
		}), deu, domain.ErrNotFound},
		{"no such report", domain.Fold(testID, nil), deu, domain.ErrNotFound},
		{"twice", reported(t, validReport(t), ackedBy("DEU")), deu, domain.ErrAlreadyAcknowledged},
		{"withdrawn", reported(t, validReport(t), withdrawn), deu, domain.ErrWithdrawn},
		{"withdrawn, by the originator", reported(t, validReport(t), withdrawn), fra, domain.ErrNotAddressed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Acknowledge(policy, tt.p, tt.actor)
			wantErr(t, events, err, tt.want)
		})
	}
}
