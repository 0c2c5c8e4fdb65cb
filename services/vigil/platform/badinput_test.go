package platform_test

import (
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// TestBadInput sends each kind of bad command and checks the code, that
// the message names the field, and that the log did not grow.
func TestBadInput(t *testing.T) {
	r := startPlatform(t, t.TempDir(), nil)
	fra, deu := r.as(t, "FRA"), r.as(t, "DEU")
	ctx := ctxT(t)
	res, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "base", Notice: exampleNotice(t)})
	if err != nil {
		t.Fatal(err)
	}
	id := res.GetResult().GetId()

	edit := func(f func(n *vigilv1.DenialNotice)) *vigilv1.DenialNotice {
		n := exampleNotice(t)
		f(n)
		return n
	}
	notify := func(n *vigilv1.DenialNotice) error {
		_, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{Notice: n})
		return err
	}
	cases := []struct {
		name  string
		call  func() error
		code  codes.Code
		field string
	}{
		{"unknown control code", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.ControlEntries[0].MtcrCode = "3.X.1" }))
		}, codes.InvalidArgument, "notice.control_entries[0].mtcr_code"},
		{"reserved item", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.ControlEntries[0].MtcrCode = "5.A.1" }))
		}, codes.InvalidArgument, "notice.control_entries[0].mtcr_code"},
		{"unknown destination", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.DestinationCountry = "XXX" }))
		}, codes.InvalidArgument, "notice.destination_country"},
		{"lowercase country", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Parties[0].Country = "irn" }))
		}, codes.InvalidArgument, "notice.parties[0].country"},
		{"missing parties", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Parties = nil }))
		}, codes.InvalidArgument, "notice.parties"},
		{"empty reason", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Reason = "  " }))
		}, codes.InvalidArgument, "notice.reason"},
		{"oversized description", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.ItemDescription = strings.Repeat("x", 9000) }))
		}, codes.InvalidArgument, "notice.item_description"},
		{"invalid UTF-8", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Parties[0].Aliases[0] = "SHIG\xff" }))
		}, codes.InvalidArgument, "notice.parties[0].aliases[0]"},
		{"control character", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Parties[0].Name = "EVIL\u202eCORP" }))
		}, codes.InvalidArgument, "notice.parties[0].name"},
		{"unknown enum", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Decision = 42 }))
		}, codes.InvalidArgument, "notice.decision"},
		{"unknown releasability member", func() error {
			return notify(edit(func(n *vigilv1.DenialNotice) { n.Releasability.Members = []string{"DEU", "BRA"} }))
		}, codes.InvalidArgument, "notice.releasability.members[1]"},
		{"no notice", func() error { return notify(nil) }, codes.InvalidArgument, "notice.reference"},
		{"bad request id", func() error {
			_, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "has space", Notice: exampleNotice(t)})
			return err
		}, codes.InvalidArgument, "request_id"},
		{"bad denial id", func() error {
			_, err := deu.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{DenialId: "../x"})
			return err
		}, codes.InvalidArgument, "denial_id"},
		{"another member's notice", func() error {
			_, err := deu.denials.AmendDenial(ctx, &vigilv1.AmendDenialRequest{DenialId: id, Notice: exampleNotice(t)})
			return err
		}, codes.PermissionDenied, ""},
		{"stale expected version", func() error {
			_, err := fra.denials.AmendDenial(ctx, &vigilv1.AmendDenialRequest{DenialId: id, Notice: exampleNotice(t), ExpectedVersion: 7})
			return err
		}, codes.Aborted, ""},
		{"review amended without notice", func() error {
			_, err := fra.denials.ReviewDenial(ctx, &vigilv1.ReviewDenialRequest{DenialId: id, Outcome: vigilv1.ReviewOutcome_REVIEW_OUTCOME_AMENDED})
			return err
		}, codes.InvalidArgument, "notice"},
		{"review unknown outcome", func() error {
			_, err := fra.denials.ReviewDenial(ctx, &vigilv1.ReviewDenialRequest{DenialId: id, Outcome: 9})
			return err
		}, codes.InvalidArgument, "outcome"},
		{"same reference id twice is a new notice, same request id is not", func() error {
			_, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: "base", Notice: edit(func(n *vigilv1.DenialNotice) { n.Reason = "other" })})
			return err
		}, codes.OK, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := r.logLength(t)
			err := tc.call()
			wantCode(t, err, tc.code)
			if tc.field != "" && !strings.Contains(status.Convert(err).Message(), tc.field+":") {
				t.Errorf("message %q does not name %s", status.Convert(err).Message(), tc.field)
			}
			if after := r.logLength(t); after != before {
				t.Errorf("log grew from %d to %d", before, after)
			}
		})
	}
}
