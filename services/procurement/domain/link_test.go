package domain_test

import (
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/procurement/domain"
)

var (
	toDenial = domain.ItemRef{Kind: domain.KindDenial, ID: otherID}
	toReport = domain.ItemRef{Kind: domain.KindProcurement, ID: otherID}
)

func TestLink(t *testing.T) {
	allMembers := validReport(t)
	allMembers.Releasability = model.Releasability{AllMembers: true}
	for _, tt := range []struct {
		name    string
		p       *domain.Procurement
		actor   domain.Actor
		to      domain.ItemRef
		comment string
	}{
		{"originator to a denial", reported(t, validReport(t)), fra, toDenial, "Same end-user as FR denial 2024-11."},
		{"originator to a report", reported(t, validReport(t)), fra, toReport, ""},
		{"recipient to a denial", reported(t, validReport(t)), deu, toDenial, "Our denial of the same valves."},
		{"any member of an all-members report", reported(t, allMembers), kor, toReport, ""},
		{"to a second item", reported(t, validReport(t), linkedBy("FRA", toDenial)), deu, toReport, ""},
		{"same id, other kind", reported(t, validReport(t), linkedBy("FRA", toDenial)), fra, toReport, ""},
		{"to a denial with the report's own id", reported(t, validReport(t)), fra,
			domain.ItemRef{Kind: domain.KindDenial, ID: testID}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := domain.CheckLink(tt.p, tt.actor, tt.to, tt.comment); err != nil {
				t.Fatalf("CheckLink: %v", err)
			}
			ev := wantOne(t)(domain.Link(tt.p, tt.actor, tt.to, tt.comment, true))
			if want := (domain.Linked{To: tt.to, By: tt.actor.Member, Comment: tt.comment}); ev != want {
				t.Fatalf("event = %+v, want %+v", ev, want)
			}
		})
	}
}

func TestLink_Refused(t *testing.T) {
	for _, tt := range []struct {
		name          string
		p             *domain.Procurement
		actor         domain.Actor
		to            domain.ItemRef
		targetVisible bool
		want          error
	}{
		{"caller cannot see the report", reported(t, validReport(t)), kor, toDenial, true, domain.ErrNotFound},
		{"agency of a caller that cannot see it", reported(t, validReport(t)), korCustoms, toDenial, true, domain.ErrNotFound},
		{"no such report", domain.Fold(testID, nil), fra, toDenial, true, domain.ErrNotFound},
		{"caller cannot see the target", reported(t, validReport(t)), deu, toDenial, false, domain.ErrTargetNotFound},
		{"originator cannot see the target", reported(t, validReport(t)), fra, toReport, false, domain.ErrTargetNotFound},
		{"agency", reported(t, validReport(t)), deuCustoms, toDenial, true, domain.ErrAgencyNotAllowed},
		{"withdrawn", reported(t, validReport(t), withdrawn), deu, toDenial, true, domain.ErrWithdrawn},
		{"duplicate by the same member", reported(t, validReport(t), linkedBy("DEU", toDenial)), deu, toDenial, true, domain.ErrAlreadyLinked},
		{"duplicate by another member", reported(t, validReport(t), linkedBy("FRA", toDenial)), jpn, toDenial, true, domain.ErrAlreadyLinked},
		{"duplicate, target no longer visible", reported(t, validReport(t), linkedBy("FRA", toDenial)), deu, toDenial, false,
			domain.ErrTargetNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			events, err := domain.Link(tt.p, tt.actor, tt.to, "", tt.targetVisible)
			wantErr(t, events, err, tt.want)
		})
	}
}

func TestLink_Invalid(t *testing.T) {
	for _, tt := range []struct {
		name    string
		to      domain.ItemRef
		comment string
		fields  []string
	}{
		{"itself", domain.ItemRef{Kind: domain.KindProcurement, ID: testID}, "", []string{"to"}},
		{"kind unspecified", domain.ItemRef{ID: otherID}, "", []string{"to.kind"}},
		{"kind alert", domain.ItemRef{Kind: 3, ID: otherID}, "", []string{"to.kind"}},
		{"kind negative", domain.ItemRef{Kind: -1, ID: otherID}, "", []string{"to.kind"}},
		{"id missing", domain.ItemRef{Kind: domain.KindDenial}, "", []string{"to.id"}},
		{"id uppercase", domain.ItemRef{Kind: domain.KindDenial, ID: "ABCDEF0123"}, "", []string{"to.id"}},
		{"id with a dot", domain.ItemRef{Kind: domain.KindDenial, ID: "abcdef01.23"}, "", []string{"to.id"}},
		{"id too short", domain.ItemRef{Kind: domain.KindDenial, ID: "abc"}, "", []string{"to.id"}},
		{"empty reference", domain.ItemRef{}, "", []string{"to.kind", "to.id"}},
		{"comment with control", toDenial, "see\x00", []string{"comment"}},
		{"comment oversized", toDenial, long(model.MaxTextLen + 1), []string{"comment"}},
		{"everything", domain.ItemRef{Kind: 9, ID: "X"}, "\u202e", []string{"to.kind", "to.id", "comment"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := reported(t, validReport(t))
			wantFields(t, nil, domain.CheckLink(p, deu, tt.to, tt.comment), tt.fields...)
			events, err := domain.Link(p, deu, tt.to, tt.comment, true)
			wantFields(t, events, err, tt.fields...)
		})
	}
}
