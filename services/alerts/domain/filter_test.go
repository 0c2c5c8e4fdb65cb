package domain_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

func access(id string) identity.Access {
	p, err := identity.ParseID(id)
	if err != nil {
		panic(err)
	}
	return identity.NeedToKnow(p)
}

var (
	all     = identity.Parts{Parties: true, Route: true, Details: true}
	summary = identity.Parts{}
)

func alertItem() *domain.Item {
	return &domain.Item{
		Kind: identity.KindAlert, ID: "a1", Originator: "FRA", Release: model.Releasability{Members: []string{"KOR"}},
		Destination: "PAK", Transit: []string{"ARE", "MYS"}, Codes: []annex.Code{annex.MustParse("9.A.6.a")},
		Parties: [][]domain.NameKey{domain.PartyKeys("Orion Trading FZE", []string{"Orion General Trading"})},
		Urgency: 3,
	}
}

func reportItem() *domain.Item {
	return &domain.Item{
		Kind: identity.KindProcurement, ID: "p1", Originator: "KOR", Release: model.Releasability{AllMembers: true},
		Destination: "IRN", Codes: []annex.Code{annex.MustParse("3.A.1")}, RedFlags: []int32{2, 9},
	}
}

func TestFilterMatches(t *testing.T) {
	tests := []struct {
		name  string
		spec  domain.FilterSpec
		item  *domain.Item
		parts identity.Parts
		want  bool
	}{
		{"empty filter", domain.FilterSpec{}, alertItem(), summary, true},
		{"kind", domain.FilterSpec{Kinds: []string{"denial", "alert"}}, alertItem(), all, true},
		{"other kind", domain.FilterSpec{Kinds: []string{"denial"}}, alertItem(), all, false},
		{"code prefix", domain.FilterSpec{Codes: []string{"9.A"}}, alertItem(), all, true},
		{"code itself", domain.FilterSpec{Codes: []string{"9.A.6.a"}}, alertItem(), all, true},
		{"code sibling", domain.FilterSpec{Codes: []string{"9.A.6.b", "9.A.60"}}, alertItem(), all, false},
		{"code deeper than item", domain.FilterSpec{Codes: []string{"9.A.6.a.1"}}, alertItem(), all, false},
		{"destination", domain.FilterSpec{Countries: []string{"PAK"}}, alertItem(), summary, true},
		{"transit with route", domain.FilterSpec{Countries: []string{"MYS"}}, alertItem(), all, true},
		{"transit without route", domain.FilterSpec{Countries: []string{"MYS"}}, alertItem(), summary, false},
		{"name with parties", domain.FilterSpec{WatchNames: []string{"ORION TRADING"}}, alertItem(), all, true},
		{"alias", domain.FilterSpec{WatchNames: []string{"orion general trading l.l.c."}}, alertItem(), all, true},
		{"name without parties", domain.FilterSpec{WatchNames: []string{"Orion Trading"}}, alertItem(), summary, false},
		{"red flag", domain.FilterSpec{RedFlags: []int32{9, 14}}, reportItem(), summary, true},
		{"other red flag", domain.FilterSpec{RedFlags: []int32{14}}, reportItem(), summary, false},
		{"urgency reached", domain.FilterSpec{MinUrgency: 3}, alertItem(), summary, true},
		{"urgency not reached", domain.FilterSpec{MinUrgency: 3}, &domain.Item{Kind: identity.KindAlert, Urgency: 2}, summary, false},
		{"urgency ignores reports", domain.FilterSpec{MinUrgency: 3}, reportItem(), summary, true},
		{"all criteria", domain.FilterSpec{Kinds: []string{"alert"}, Codes: []string{"9"}, Countries: []string{"ARE"},
			WatchNames: []string{"Orion Trading"}, MinUrgency: 1}, alertItem(), all, true},
		{"one criterion fails", domain.FilterSpec{Kinds: []string{"alert"}, Codes: []string{"3"}, Countries: []string{"ARE"}}, alertItem(), all, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := domain.NewFilter(tt.spec, access("KOR"))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Matches(&domain.Event{Item: tt.item}, tt.parts); got != tt.want {
				t.Errorf("Matches = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewFilterReportsEveryProblem(t *testing.T) {
	spec := domain.FilterSpec{
		Kinds: []string{"alert", "denial"}, Codes: []string{"9.A", "9.Z", ""}, Countries: []string{"FRA", "XXX", "fr"},
		WatchNames: []string{"ok name", "GmbH", strings.Repeat("x", 201)},
	}
	_, err := domain.NewFilter(spec, access("KOR-enforcement"))
	var fields []string
	for _, fe := range model.FieldErrors(err) {
		fields = append(fields, fe.Field)
	}
	want := "kinds[1] control_codes[1] control_codes[2] countries[1] countries[2] watch_names[1] watch_names[2]"
	if strings.Join(fields, " ") != want {
		t.Errorf("fields = %v, want %s (err %v)", fields, want, err)
	}
	if !errors.Is(err, domain.ErrKindNotAllowed) {
		t.Errorf("err = %v, want ErrKindNotAllowed for enforcement asking for denials", err)
	}
}

func TestNewFilterLimits(t *testing.T) {
	many := make([]string, domain.MaxFilterValues+1)
	for i := range many {
		many[i] = "FRA"
	}
	_, err := domain.NewFilter(domain.FilterSpec{Countries: many}, access("KOR"))
	if fes := model.FieldErrors(err); len(fes) != 1 || fes[0].Field != "countries" {
		t.Errorf("err = %v, want one error on countries", err)
	}
}

func TestAudienceReceives(t *testing.T) {
	a := alertItem()
	linkOther := &domain.Item{Kind: identity.KindProcurement, ID: "p9", Originator: "KOR", Release: model.Releasability{Members: []string{"JPN"}}}
	tests := []struct {
		name string
		ev   domain.Event
		id   string
		want bool
	}{
		{"originator", domain.Event{Item: a}, "FRA", true},
		{"released to", domain.Event{Item: a}, "KOR", true},
		{"agency of released member", domain.Event{Item: a}, "KOR-customs", true},
		{"not released", domain.Event{Item: a}, "DEU", false},
		{"role without the kind", domain.Event{Item: a}, "KOR-statistics", false},
		{"ack by another member", domain.Event{Item: a, Concerns: "JPN"}, "KOR", false},
		{"ack by itself", domain.Event{Item: a, Concerns: "KOR"}, "KOR-licensing", true},
		{"ack seen by originator", domain.Event{Item: a, Concerns: "KOR"}, "FRA", true},
		{"link to an item it sees", domain.Event{Item: a, IsLink: true, Link: reportItem()}, "KOR", true},
		{"link to an item it does not see", domain.Event{Item: a, IsLink: true, Link: linkOther}, "FRA", false},
		{"link to an unknown item", domain.Event{Item: a, IsLink: true}, "FRA", false},
	}
	for _, tt := range tests {
		p, _ := identity.ParseID(tt.id)
		aud := domain.Audience{Member: p.Member, Access: identity.NeedToKnow(p)}
		if got := aud.Receives(&tt.ev); got != tt.want {
			t.Errorf("%s: Receives(%s) = %v, want %v", tt.name, tt.id, got, tt.want)
		}
	}
}
