package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func printTable(out io.Writer, rows []*vigilv1.ItemSummary) error {
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tFROM\tREFERENCE\tDEST\tCODES\tSTATUS\tACK\tCREATED\tDUE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.GetId(), kindName(r.GetKind()), r.GetOriginator(),
			r.GetReference(), r.GetDestinationCountry(), strings.Join(r.GetControlCodes(), ","), statusName(r.GetStatus()),
			yesNo(r.GetAcknowledged()), day(r.GetCreatedAt()), day(r.GetDueAt()))
	}
	return tw.Flush()
}

func printDetail(out io.Writer, d *vigilv1.GetItemResponse) error {
	s := d.GetSummary()
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintf(tw, "id\t%s\nkind\t%s\nfrom\t%s\nreference\t%s\nstatus\t%s\nversion\t%d\n", s.GetId(), kindName(s.GetKind()),
		s.GetOriginator(), s.GetReference(), statusName(s.GetStatus()), s.GetVersion())
	fmt.Fprintf(tw, "title\t%s\ndestination\t%s\ncountries\t%s\ncodes\t%s\ndue\t%s\n", s.GetTitle(), s.GetDestinationCountry(),
		strings.Join(s.GetCountries(), ","), strings.Join(s.GetControlCodes(), ","), day(s.GetDueAt()))
	for _, p := range parties(d) {
		fmt.Fprintf(tw, "party\t%s (%s, %s)\n", p.GetName(), enumName(p.GetRole(), "PARTY_ROLE_"), p.GetCountry())
	}
	for _, r := range d.GetRecipients() {
		fmt.Fprintf(tw, "recipient\t%s acknowledged=%s", r.GetMember(), yesNo(r.GetAcknowledged()))
		if s.GetKind() == vigilv1.ItemKind_ITEM_KIND_ALERT {
			fmt.Fprintf(tw, " responded=%s lapsed=%s", yesNo(r.GetResponded()), yesNo(r.GetLapsed()))
			if r.GetResponded() {
				fmt.Fprintf(tw, " %s", enumName(r.GetResponse().GetOutcome(), "RESPONSE_OUTCOME_"))
			}
		}
		fmt.Fprintln(tw)
	}
	for _, l := range d.GetLinks() {
		fmt.Fprintf(tw, "link\t%s %s by %s\n", kindName(l.GetOther().GetKind()), l.GetOther().GetId(), l.GetLinkedBy())
	}
	for _, h := range d.GetHistory() {
		e := h.GetEvent()
		fmt.Fprintf(tw, "history\t#%d %s by %s at %s\n", h.GetPosition(), strings.TrimPrefix(e.GetType(), "vigil.v1."),
			e.GetOriginator().GetMember(), e.GetOccurredAt().AsTime().Format(time.RFC3339))
	}
	return tw.Flush()
}

func parties(d *vigilv1.GetItemResponse) []*vigilv1.Party {
	switch {
	case d.GetDenial() != nil:
		return d.GetDenial().GetParties()
	case d.GetProcurement() != nil:
		return d.GetProcurement().GetParties()
	}
	return d.GetAlert().GetParties()
}

func statusName(s vigilv1.ItemStatus) string {
	return enumName(s, "ITEM_STATUS_")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func day(t *timestamppb.Timestamp) string {
	if t == nil {
		return ""
	}
	return t.AsTime().Format("2006-01-02")
}
