package domain_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

var now = t0.Add(30 * 24 * time.Hour)

func TestNotify(t *testing.T) {
	tests := []struct {
		name   string
		policy domain.Policy
		d      *domain.Denial
	}{
		{name: "new stream", policy: policy, d: domain.Fold(testID, nil)},
		{name: "bare denial as the app builds it", policy: policy, d: &domain.Denial{ID: testID}},
		{name: "nil denial", policy: policy, d: nil},
		{name: "regime with a one-year review period", policy: domain.Policy{ReviewPeriod: 365 * 24 * time.Hour, Roster: roster},
			d: domain.Fold(testID, nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			ev := wantOne(t)(domain.Notify(tt.policy, tt.d, fra, n, now))
			got, ok := ev.(domain.Notified)
			if !ok {
				t.Fatalf("event %T, want domain.Notified", ev)
			}
			if !reflect.DeepEqual(got.Notice, n) {
				t.Errorf("notice = %+v, want %+v", got.Notice, n)
			}
			if !got.NotifiedAt.Equal(now) {
				t.Errorf("NotifiedAt = %v, want %v", got.NotifiedAt, now)
			}
			if want := now.Add(tt.policy.ReviewPeriod); !got.ReviewDue.Equal(want) {
				t.Errorf("ReviewDue = %v, want now + %v = %v", got.ReviewDue, tt.policy.ReviewPeriod, want)
			}
		})
	}
}

func TestNotify_ValidVariants(t *testing.T) {
	for _, tt := range validNotices {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			tt.modify(&n)
			wantOne(t)(domain.Notify(policy, domain.Fold(testID, nil), fra, n, now))
		})
	}
}

func TestDefaultReviewPeriodIsThreeYears(t *testing.T) {
	from := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	due := from.Add(domain.DefaultReviewPeriod)
	// 3 x 365 days: one day short of the calendar date when a leap day
	// falls in between, never more than three calendar years.
	if due.After(from.AddDate(3, 0, 0)) || due.Before(from.AddDate(3, 0, -1)) {
		t.Fatalf("due %v is not three years after %v", due, from)
	}
}

func TestNotify_Refused(t *testing.T) {
	bad := validNotice(t)
	bad.Reference = ""
	tests := []struct {
		name   string
		d      *domain.Denial
		actor  domain.Actor
		notice domain.Notice
		want   error
	}{
		{name: "by an agency", d: domain.Fold(testID, nil), actor: fraAgency, notice: validNotice(t), want: domain.ErrAgencyNotAllowed},
		{name: "by an agency, invalid notice", d: domain.Fold(testID, nil), actor: deuCustoms, notice: bad, want: domain.ErrAgencyNotAllowed},
		{name: "existing notice", d: notified(t, validNotice(t)), actor: fra, notice: validNotice(t), want: domain.ErrAlreadyExists},
		{name: "existing notice, other member", d: notified(t, validNotice(t)), actor: deu, notice: validNotice(t), want: domain.ErrAlreadyExists},
		{name: "existing notice, invalid notice", d: notified(t, validNotice(t)), actor: fra, notice: bad, want: domain.ErrAlreadyExists},
		{name: "revoked notice still exists", d: notified(t, validNotice(t), revoked), actor: fra, notice: validNotice(t), want: domain.ErrAlreadyExists},
		{name: "expired notice still exists", d: notified(t, validNotice(t), expired), actor: fra, notice: validNotice(t), want: domain.ErrAlreadyExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Notify(policy, tt.d, tt.actor, tt.notice, now)
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestNotify_InvalidNotice(t *testing.T) {
	for _, tt := range invalidNotices {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			tt.modify(&n)
			events, err := domain.Notify(policy, domain.Fold(testID, nil), fra, n, now)
			wantFields(t, events, err, prefixed("notice.", tt.fields)...)
		})
	}
}

func TestAmend(t *testing.T) {
	tests := []struct {
		name    string
		modify  func(n *domain.Notice)
		comment string
	}{
		{name: "corrected description", modify: func(n *domain.Notice) { n.ItemDescription = "Three turbojet engines." },
			comment: "Quantity corrected after customs check."},
		{name: "no comment", modify: func(n *domain.Notice) { n.Parties[0].Aliases = nil }},
		{name: "originator widens releasability to all members", modify: func(n *domain.Notice) {
			n.Releasability = model.Releasability{AllMembers: true}
		}},
		{name: "originator adds a member", modify: func(n *domain.Notice) {
			n.Releasability.Members = append(n.Releasability.Members, "KOR")
		}},
		{name: "originator narrows releasability", modify: func(n *domain.Notice) { n.Releasability.Members = []string{"JPN"} }},
		{name: "originator lowers the marking", modify: func(n *domain.Notice) { n.Marking = model.MarkingUnclassified }},
		{name: "originator raises the marking", modify: func(n *domain.Notice) { n.Marking = model.MarkingConfidential }},
		{name: "multiline comment at the limit", modify: func(*domain.Notice) {},
			comment: "line\n" + long(model.MaxTextLen-5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := notified(t, validNotice(t))
			n := validNotice(t)
			tt.modify(&n)
			ev := wantOne(t)(domain.Amend(policy, d, fra, n, tt.comment))
			want := domain.Amended{Notice: n, Comment: tt.comment}
			if !reflect.DeepEqual(ev, want) {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func TestAmend_Refused(t *testing.T) {
	tests := []struct {
		name  string
		d     *domain.Denial
		actor domain.Actor
		want  error
	}{
		{name: "addressed member that can see it", d: notified(t, validNotice(t)), actor: deu, want: domain.ErrNotOriginator},
		{name: "addressed member that acknowledged it", d: notified(t, validNotice(t), ackedBy("JPN")), actor: jpn, want: domain.ErrNotOriginator},
		{name: "any member of an all-members notice", d: notified(t, allMembers(t)), actor: kor, want: domain.ErrNotOriginator},
		{name: "originator's agency", d: notified(t, validNotice(t)), actor: fraAgency, want: domain.ErrNotOriginator},
		{name: "agency of an addressed member", d: notified(t, validNotice(t)), actor: deuCustoms, want: domain.ErrNotOriginator},
		{name: "member that cannot see it", d: notified(t, validNotice(t)), actor: kor, want: domain.ErrNotFound},
		{name: "agency of a member that cannot see it", d: notified(t, validNotice(t)), actor: korCustoms, want: domain.ErrNotFound},
		{name: "no such notice", d: domain.Fold(testID, nil), actor: fra, want: domain.ErrNotFound},
		{name: "nil denial", d: nil, actor: fra, want: domain.ErrNotFound},
		{name: "revoked", d: notified(t, validNotice(t), revoked), actor: fra, want: domain.ErrNotActive},
		{name: "expired", d: notified(t, validNotice(t), expired), actor: fra, want: domain.ErrNotActive},
		{name: "revoked, by another member", d: notified(t, validNotice(t), revoked), actor: deu, want: domain.ErrNotOriginator},
		{name: "revoked, by a member that cannot see it", d: notified(t, validNotice(t), revoked), actor: usa, want: domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Amend(policy, tt.d, tt.actor, validNotice(t), "")
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestAmend_InvalidNotice(t *testing.T) {
	for _, tt := range invalidNotices {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			tt.modify(&n)
			events, err := domain.Amend(policy, notified(t, validNotice(t)), fra, n, "")
			wantFields(t, events, err, prefixed("notice.", tt.fields)...)
		})
	}
}

func TestAmend_InvalidComment(t *testing.T) {
	for _, tt := range []struct{ name, comment string }{
		{"oversized", long(model.MaxTextLen + 1)},
		{"invalid UTF-8", "fix \xff"},
		{"control character", "fix\x00"},
		{"bidi override", "fix \u202e"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Amend(policy, notified(t, validNotice(t)), fra, validNotice(t), tt.comment)
			wantFields(t, events, err, "comment")
		})
	}
}

func allMembers(t testing.TB) domain.Notice {
	t.Helper()
	n := validNotice(t)
	n.Releasability = model.Releasability{AllMembers: true}
	return n
}

func TestReview(t *testing.T) {
	amended := validNotice(t)
	amended.Reason = "Reviewed: the end-user is now also listed by the EU."
	tests := []struct {
		name    string
		outcome domain.ReviewOutcome
		notice  *domain.Notice
		comment string
		want    domain.Reviewed
	}{
		{name: "renewed", outcome: domain.ReviewRenewed, comment: "Risk unchanged.",
			want: domain.Reviewed{Outcome: domain.ReviewRenewed, Comment: "Risk unchanged.", ReviewDue: now.Add(policy.ReviewPeriod)}},
		{name: "renewed without comment", outcome: domain.ReviewRenewed,
			want: domain.Reviewed{Outcome: domain.ReviewRenewed, ReviewDue: now.Add(policy.ReviewPeriod)}},
		{name: "amended", outcome: domain.ReviewAmended, notice: &amended,
			want: domain.Reviewed{Outcome: domain.ReviewAmended, Notice: &amended, ReviewDue: now.Add(policy.ReviewPeriod)}},
		{name: "revoked", outcome: domain.ReviewRevoked, comment: "Licence later granted under new end-use assurances.",
			want: domain.Reviewed{Outcome: domain.ReviewRevoked, Comment: "Licence later granted under new end-use assurances."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := wantOne(t)(domain.Review(policy, notified(t, validNotice(t)), fra, tt.outcome, tt.notice, tt.comment, now))
			if !reflect.DeepEqual(ev, tt.want) {
				t.Fatalf("event = %+v, want %+v", ev, tt.want)
			}
		})
	}
}

// A review may happen after the due date as long as expiry was not yet
// recorded; the new due date counts from the review.
func TestReview_LateButNotExpired(t *testing.T) {
	d := notified(t, validNotice(t))
	late := d.ReviewDue.Add(48 * time.Hour)
	ev := wantOne(t)(domain.Review(policy, d, fra, domain.ReviewRenewed, nil, "", late))
	if got := ev.(domain.Reviewed).ReviewDue; !got.Equal(late.Add(policy.ReviewPeriod)) {
		t.Fatalf("ReviewDue = %v, want %v", got, late.Add(policy.ReviewPeriod))
	}
}

func TestReview_Refused(t *testing.T) {
	tests := []struct {
		name  string
		d     *domain.Denial
		actor domain.Actor
		want  error
	}{
		{name: "addressed member", d: notified(t, validNotice(t)), actor: deu, want: domain.ErrNotOriginator},
		{name: "originator's agency", d: notified(t, validNotice(t)), actor: fraAgency, want: domain.ErrNotOriginator},
		{name: "member that cannot see it", d: notified(t, validNotice(t)), actor: kor, want: domain.ErrNotFound},
		{name: "no such notice", d: domain.Fold(testID, nil), actor: fra, want: domain.ErrNotFound},
		{name: "revoked", d: notified(t, validNotice(t), revoked), actor: fra, want: domain.ErrNotActive},
		{name: "expired", d: notified(t, validNotice(t), expired), actor: fra, want: domain.ErrNotActive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Review(policy, tt.d, tt.actor, domain.ReviewRenewed, nil, "", now)
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestReview_InvalidRequest(t *testing.T) {
	good := validNotice(t)
	bad := validNotice(t)
	bad.Destination, bad.Parties[0].Name = "XXX", ""
	tests := []struct {
		name    string
		outcome domain.ReviewOutcome
		notice  *domain.Notice
		comment string
		fields  []string
	}{
		{name: "outcome unspecified", outcome: 0, fields: []string{"outcome"}},
		{name: "outcome negative", outcome: -1, fields: []string{"outcome"}},
		{name: "outcome unknown", outcome: domain.ReviewRevoked + 1, notice: &good, fields: []string{"outcome"}},
		{name: "amended without notice", outcome: domain.ReviewAmended, fields: []string{"notice"}},
		{name: "renewed with notice", outcome: domain.ReviewRenewed, notice: &good, fields: []string{"notice"}},
		{name: "revoked with notice", outcome: domain.ReviewRevoked, notice: &good, fields: []string{"notice"}},
		{name: "amended with invalid notice", outcome: domain.ReviewAmended, notice: &bad,
			fields: []string{"notice.destination_country", "notice.parties[0].name"}},
		{name: "renewed with invalid comment", outcome: domain.ReviewRenewed, comment: "ok\u2066", fields: []string{"comment"}},
		{name: "revoked with oversized comment", outcome: domain.ReviewRevoked, comment: long(model.MaxTextLen + 1), fields: []string{"comment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Review(policy, notified(t, validNotice(t)), fra, tt.outcome, tt.notice, tt.comment, now)
			wantFields(t, events, err, tt.fields...)
		})
	}
}

func TestReview_InvalidAmendedNotice(t *testing.T) {
	for _, tt := range invalidNotices {
		t.Run(tt.name, func(t *testing.T) {
			n := validNotice(t)
			tt.modify(&n)
			events, err := domain.Review(policy, notified(t, validNotice(t)), fra, domain.ReviewAmended, &n, "", now)
			wantFields(t, events, err, prefixed("notice.", tt.fields)...)
		})
	}
}

func TestAcknowledge(t *testing.T) {
	tests := []struct {
		name  string
		d     *domain.Denial
		actor domain.Actor
	}{
		{name: "addressed member", d: notified(t, validNotice(t)), actor: deu},
		{name: "other addressed member", d: notified(t, validNotice(t)), actor: jpn},
		{name: "after another member acknowledged", d: notified(t, validNotice(t), ackedBy("DEU")), actor: jpn},
		{name: "all members: unlisted roster member", d: notified(t, allMembers(t)), actor: kor},
		{name: "all members: another roster member", d: notified(t, allMembers(t)), actor: usa},
		{name: "added by an amendment", d: notified(t, validNotice(t), amendedTo(func(n *domain.Notice) {
			n.Releasability.Members = append(n.Releasability.Members, "USA")
		})), actor: usa},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := wantOne(t)(domain.Acknowledge(policy, tt.d, tt.actor))
			if want := (domain.Acknowledged{Member: tt.actor.Member}); ev != want {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func amendedTo(modify func(n *domain.Notice)) func(history) history {
	return func(h history) history {
		n := h[len(h)-1].Event.(domain.Notified).Notice
		n.Releasability.Members = append([]string(nil), n.Releasability.Members...)
		modify(&n)
		return h.add(fra, "", domain.Amended{Notice: n})
	}
}

func TestAcknowledge_Refused(t *testing.T) {
	tests := []struct {
		name  string
		d     *domain.Denial
		actor domain.Actor
		want  error
	}{
		{name: "twice", d: notified(t, validNotice(t), ackedBy("DEU")), actor: deu, want: domain.ErrAlreadyAcknowledged},
		{name: "twice under all members", d: notified(t, allMembers(t), ackedBy("KOR")), actor: kor, want: domain.ErrAlreadyAcknowledged},
		{name: "originator", d: notified(t, validNotice(t)), actor: fra, want: domain.ErrNotAddressed},
		{name: "originator under all members", d: notified(t, allMembers(t)), actor: fra, want: domain.ErrNotAddressed},
		{name: "member not addressed", d: notified(t, validNotice(t)), actor: kor, want: domain.ErrNotFound},
		{name: "removed by an amendment", d: notified(t, validNotice(t), amendedTo(func(n *domain.Notice) {
			n.Releasability.Members = []string{"JPN"}
		})), actor: deu, want: domain.ErrNotFound},
		{name: "agency of an addressed member", d: notified(t, validNotice(t)), actor: deuCustoms, want: domain.ErrAgencyNotAllowed},
		{name: "agency of a member not addressed", d: notified(t, validNotice(t)), actor: korCustoms, want: domain.ErrNotFound},
		{name: "originator's agency", d: notified(t, validNotice(t)), actor: fraAgency, want: domain.ErrAgencyNotAllowed},
		{name: "no such notice", d: domain.Fold(testID, nil), actor: deu, want: domain.ErrNotFound},
		{name: "nil denial", d: nil, actor: deu, want: domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Acknowledge(policy, tt.d, tt.actor)
			wantErr(t, events, err, tt.want)
		})
	}
}

// Acknowledgements come only from the members addressed, and under
// all_members the addressed members are the roster's (Recipients). A
// principal outside the roster (an adherent, or a member since removed)
// is not addressed, yet Acknowledge accepts it because VisibleTo returns
// true for anyone when AllMembers is set and nothing consults the roster.
func TestAcknowledge_BugAllMembersAcceptsNonRosterActor(t *testing.T) {
	d := notified(t, allMembers(t))
	outsider := domain.Actor{Member: "CHN"}
	if recipients := d.Notice.Releasability.Recipients(roster, d.Originator); containsString(recipients, "CHN") {
		t.Fatalf("test setup: CHN is among the recipients %q", recipients)
	}
	events, err := domain.Acknowledge(policy, d, outsider)
	if err == nil {
		t.Fatalf("Acknowledge by non-roster CHN of an all-members notice = %#v, nil; want ErrNotAddressed or ErrNotFound", events)
	}
	if !errors.Is(err, domain.ErrNotAddressed) && !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("error = %v, want ErrNotAddressed or ErrNotFound", err)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestExpire(t *testing.T) {
	due := t0.Add(policy.ReviewPeriod)
	renewedAt := t0.Add(400 * 24 * time.Hour)
	renewed := func(h history) history {
		return h.add(fra, "", domain.Reviewed{Outcome: domain.ReviewRenewed, ReviewDue: renewedAt.Add(policy.ReviewPeriod)})
	}
	tests := []struct {
		name string
		d    *domain.Denial
		at   time.Time
		want error // nil: expires
	}{
		{name: "long before due", d: notified(t, validNotice(t)), at: now, want: domain.ErrNotDue},
		{name: "one nanosecond before due", d: notified(t, validNotice(t)), at: due.Add(-time.Nanosecond), want: domain.ErrNotDue},
		{name: "exactly at due", d: notified(t, validNotice(t)), at: due},
		{name: "at due in another time zone", d: notified(t, validNotice(t)), at: due.In(time.FixedZone("JST", 9*3600))},
		{name: "after due", d: notified(t, validNotice(t)), at: due.Add(time.Hour)},
		{name: "after the first due date but renewed", d: notified(t, validNotice(t), renewed), at: due.Add(time.Hour), want: domain.ErrNotDue},
		{name: "after the renewed due date", d: notified(t, validNotice(t), renewed), at: renewedAt.Add(policy.ReviewPeriod)},
		{name: "after revoke", d: notified(t, validNotice(t), revoked), at: due.Add(time.Hour), want: domain.ErrNotActive},
		{name: "revoked, before due", d: notified(t, validNotice(t), revoked), at: now, want: domain.ErrNotActive},
		{name: "already expired", d: notified(t, validNotice(t), expired), at: due.Add(time.Hour), want: domain.ErrNotActive},
		{name: "no such notice", d: domain.Fold(testID, nil), at: due, want: domain.ErrNotFound},
		{name: "nil denial", d: nil, at: due, want: domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Expire(tt.d, tt.at)
			if tt.want != nil {
				wantErr(t, events, err, tt.want)
				return
			}
			ev := wantOne(t)(events, err)
			if want := (domain.Expired{ReviewDue: tt.d.ReviewDue}); ev != want {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
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
