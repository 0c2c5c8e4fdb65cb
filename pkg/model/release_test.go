package model_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

// roster is a five-member regime; FRA originates in these tests.
var roster = model.StaticRoster{"FRA", "DEU", "JPN", "KOR", "USA"}

func TestReleasabilityValidate(t *testing.T) {
	tooMany := make([]string, model.MaxMembers+1)
	for i := range tooMany {
		tooMany[i] = "DEU"
	}
	tests := []struct {
		name   string
		r      model.Releasability
		fields []string
		reason string
	}{
		{name: "all members", r: model.Releasability{AllMembers: true}},
		{name: "all members with empty list", r: model.Releasability{AllMembers: true, Members: []string{}}},
		{name: "two members", r: model.Releasability{Members: []string{"DEU", "JPN"}}},
		{name: "every other member", r: model.Releasability{Members: []string{"USA", "KOR", "JPN", "DEU"}}},
		{name: "all members with members", r: model.Releasability{AllMembers: true, Members: []string{"DEU"}},
			fields: []string{"members"}, reason: "must be empty"},
		{name: "nothing said", r: model.Releasability{}, fields: []string{"members"}, reason: "at least one member"},
		{name: "empty list", r: model.Releasability{Members: []string{}}, fields: []string{"members"}},
		{name: "too many", r: model.Releasability{Members: tooMany}, fields: []string{"members"}, reason: "limit is 200"},
		{name: "non-member country", r: model.Releasability{Members: []string{"DEU", "CHN"}},
			fields: []string{"members[1]"}, reason: "CHN is not a regime member"},
		{name: "originator listed", r: model.Releasability{Members: []string{"FRA", "DEU"}},
			fields: []string{"members[0]"}, reason: "originator"},
		{name: "originator only", r: model.Releasability{Members: []string{"FRA"}},
			fields: []string{"members[0]"}, reason: "originator"},
		{name: "duplicate", r: model.Releasability{Members: []string{"DEU", "JPN", "DEU"}},
			fields: []string{"members[2]"}, reason: "listed twice"},
		{name: "lowercase code", r: model.Releasability{Members: []string{"deu"}},
			fields: []string{"members[0]"}, reason: "three uppercase"},
		{name: "unassigned code", r: model.Releasability{Members: []string{"XXX"}},
			fields: []string{"members[0]"}, reason: "not an ISO 3166-1"},
		{name: "empty code", r: model.Releasability{Members: []string{"DEU", ""}},
			fields: []string{"members[1]"}, reason: "is required"},
		{name: "every kind of mistake", r: model.Releasability{Members: []string{"DEU", "deu", "FRA", "DEU", "CHN", "JPN"}},
			fields: []string{"members[1]", "members[2]", "members[3]", "members[4]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate(roster, "FRA")
			assertFields(t, err, tt.fields...)
			if tt.reason != "" {
				assertReason(t, err, tt.fields[0], tt.reason)
			}
		})
	}
}

func TestReleasabilityRecipients(t *testing.T) {
	tests := []struct {
		name   string
		roster model.StaticRoster
		r      model.Releasability
		want   []string
	}{
		{name: "all members but the originator, sorted", roster: model.StaticRoster{"USA", "FRA", "DEU", "JPN"},
			r: model.Releasability{AllMembers: true}, want: []string{"DEU", "JPN", "USA"}},
		{name: "listed members, sorted", roster: roster,
			r: model.Releasability{Members: []string{"JPN", "DEU"}}, want: []string{"DEU", "JPN"}},
		{name: "duplicates removed", roster: roster,
			r: model.Releasability{Members: []string{"USA", "DEU", "USA"}}, want: []string{"DEU", "USA"}},
		{name: "originator never addressed", roster: roster,
			r: model.Releasability{Members: []string{"FRA", "KOR"}}, want: []string{"KOR"}},
		{name: "roster of the originator alone", roster: model.StaticRoster{"FRA"},
			r: model.Releasability{AllMembers: true}, want: nil},
		{name: "nothing said", roster: roster, r: model.Releasability{}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(tt.r.Members)
			got := tt.r.Recipients(tt.roster, "FRA")
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Recipients = %q, want %q", got, tt.want)
			}
			if !slices.Equal(tt.r.Members, before) {
				t.Fatalf("Recipients modified Members: %q, was %q", tt.r.Members, before)
			}
		})
	}
}

func TestReleasabilityVisibleTo(t *testing.T) {
	listed := model.Releasability{Members: []string{"DEU", "JPN"}}
	all := model.Releasability{AllMembers: true}
	tests := []struct {
		name   string
		r      model.Releasability
		member string
		want   bool
	}{
		{name: "originator of a listed notice", r: listed, member: "FRA", want: true},
		{name: "originator when nothing is said", r: model.Releasability{}, member: "FRA", want: true},
		{name: "listed member", r: listed, member: "JPN", want: true},
		{name: "member not listed", r: listed, member: "KOR", want: false},
		{name: "case matters", r: listed, member: "deu", want: false},
		{name: "anyone under all members", r: all, member: "KOR", want: true},
		{name: "nobody when nothing is said", r: model.Releasability{}, member: "DEU", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.VisibleTo(tt.member, "FRA"); got != tt.want {
				t.Fatalf("VisibleTo(%q) = %v, want %v", tt.member, got, tt.want)
			}
		})
	}
}

func TestReleasabilityWidens(t *testing.T) {
	m := func(codes ...string) model.Releasability { return model.Releasability{Members: codes} }
	all := model.Releasability{AllMembers: true}
	tests := []struct {
		name      string
		from, to  model.Releasability
		wantWiden bool
	}{
		{name: "same list", from: m("DEU", "JPN"), to: m("DEU", "JPN")},
		{name: "same list reordered", from: m("DEU", "JPN"), to: m("JPN", "DEU")},
		{name: "narrower list", from: m("DEU", "JPN"), to: m("JPN")},
		{name: "empty list", from: m("DEU"), to: m()},
		{name: "all to all", from: all, to: all},
		{name: "all to list", from: all, to: m("DEU")},
		{name: "list to all", from: m("DEU", "JPN"), to: all, wantWiden: true},
		{name: "one member added", from: m("DEU"), to: m("DEU", "KOR"), wantWiden: true},
		{name: "member swapped", from: m("DEU"), to: m("KOR"), wantWiden: true},
		{name: "from nothing", from: m(), to: m("DEU"), wantWiden: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.Widens(tt.to); got != tt.wantWiden {
				t.Fatalf("%+v.Widens(%+v) = %v, want %v", tt.from, tt.to, got, tt.wantWiden)
			}
		})
	}
}

func TestStaticRoster(t *testing.T) {
	for _, code := range roster {
		if !roster.IsMember(code) {
			t.Errorf("IsMember(%q) = false", code)
		}
	}
	for _, code := range []string{"CHN", "fra", ""} {
		if roster.IsMember(code) {
			t.Errorf("IsMember(%q) = true", code)
		}
	}
	got := roster.Members()
	got[0] = "XXX"
	if roster[0] != "FRA" {
		t.Fatalf("Members returned the roster's own slice")
	}
}

func TestMarkingValid(t *testing.T) {
	for m := model.Marking(-1); m <= model.MarkingConfidential+1; m++ {
		want := m >= model.MarkingUnclassified && m <= model.MarkingConfidential
		t.Run(fmt.Sprint(int(m)), func(t *testing.T) {
			if got := m.Valid(); got != want {
				t.Fatalf("Marking(%d).Valid() = %v, want %v", m, got, want)
			}
		})
	}
	if !(model.MarkingUnclassified < model.MarkingRestricted && model.MarkingRestricted < model.MarkingConfidential) {
		t.Fatal("markings are not ordered from least to most restrictive")
	}
}
