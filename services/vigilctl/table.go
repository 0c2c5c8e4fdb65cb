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

func printTable(out io.Writer, rows []*vigilv1.NoticeSummary) error {
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFROM\tREFERENCE\tDEST\tCODES\tSTATUS\tACK\tNOTIFIED")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.GetId(), r.GetOriginator(), r.GetReference(),
			r.GetDestinationCountry(), strings.Join(r.GetControlCodes(), ","), statusName(r.GetStatus()),
			yesNo(r.GetAcknowledged()), day(r.GetNotifiedAt()))
	}
	return tw.Flush()
}

func printDetail(out io.Writer, d *vigilv1.GetNoticeResponse) error {
	s, n := d.GetSummary(), d.GetNotice()
	tw := tabwriter.NewWriter(out, 0, 2, 2, ' ', 0)
	fmt.Fprintf(tw, "id\t%s\nfrom\t%s\nreference\t%s\nstatus\t%s\nversion\t%d\n", s.GetId(), s.GetOriginator(),
		n.GetReference(), statusName(s.GetStatus()), s.GetVersion())
	fmt.Fprintf(tw, "destination\t%s\nitem\t%s\nreason\t%s\nreview due\t%s\n", n.GetDestinationCountry(),
		n.GetItemDescription(), n.GetReason(), day(s.GetReviewDue()))
	for _, p := range n.GetParties() {
		fmt.Fprintf(tw, "party\t%s (%s, %s)\n", p.GetName(), strings.TrimPrefix(p.GetRole().String(), "PARTY_ROLE_"), p.GetCountry())
	}
	for _, r := range d.GetRecipients() {
		fmt.Fprintf(tw, "recipient\t%s acknowledged=%s\n", r.GetMember(), yesNo(r.GetAcknowledged()))
	}
	for _, h := range d.GetHistory() {
		e := h.GetEvent()
		fmt.Fprintf(tw, "history\t#%d %s by %s at %s\n", h.GetPosition(), strings.TrimPrefix(e.GetType(), "vigil.v1."),
			e.GetOriginator().GetMember(), e.GetOccurredAt().AsTime().Format(time.RFC3339))
	}
	return tw.Flush()
}

func statusName(s vigilv1.NoticeStatus) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "NOTICE_STATUS_"))
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
