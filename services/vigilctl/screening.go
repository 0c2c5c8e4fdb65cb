package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// screen prints ranked matches for a party name among the parties of the
// items the caller may see.
func (c *client) screen(ctx context.Context, args []string) error {
	f := newFlags("screen")
	limit := f.fs.Int("limit", 10, "at most this many matches")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := vigilv1.NewScreeningServiceClient(c.conn).Screen(ctx, &vigilv1.ScreenRequest{Name: pos[0], Country: f.country,
		Limit: int32(*limit), MinPosition: f.minPosition})
	if err != nil {
		return err
	}
	if c.format == "json" {
		return printJSONList(c, res.GetMatches())
	}
	tw := tabwriter.NewWriter(c.out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tPARTY\tCOUNTRY\tMATCHED NAME\tALIGNED\tITEMS")
	for _, m := range res.GetMatches() {
		fmt.Fprintf(tw, "%.2f\t%s\t%s\t%s\t%s\t%s\n", m.GetScore(), m.GetPartyName(), m.GetCountry(),
			m.GetExplanation().GetMatchedName(), aligned(m.GetExplanation()), refs(m.GetItems()))
	}
	return tw.Flush()
}

// check prints the active denials a licence application is essentially
// identical to.
func (c *client) check(ctx context.Context, args []string) error {
	f := newFlags("check")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	app := &vigilv1.LicenceApplication{}
	if err := readJSON(f.file, app); err != nil {
		return err
	}
	res, err := vigilv1.NewScreeningServiceClient(c.conn).CheckTransaction(ctx, &vigilv1.CheckTransactionRequest{Application: app, MinPosition: f.minPosition})
	if err != nil {
		return err
	}
	if c.format == "json" {
		return printJSONList(c, res.GetMatches())
	}
	if len(res.GetMatches()) == 0 {
		_, err := fmt.Fprintln(c.out, "no active denial of another member matches this application")
		return err
	}
	tw := tabwriter.NewWriter(c.out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "DENIAL\tBY\tREFERENCE\tPARTY SCORE\tADVISORY\tWHY")
	for _, m := range res.GetMatches() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\t%s\n", m.GetDenialId(), m.GetDenyingMember(), m.GetReference(),
			m.GetPartyScore(), yesNo(m.GetAdvisory()), m.GetReason())
	}
	return tw.Flush()
}

func aligned(e *vigilv1.MatchExplanation) string {
	var parts []string
	for _, a := range e.GetAligned() {
		parts = append(parts, fmt.Sprintf("%s~%s(%s)", a.GetQuery(), a.GetCandidate(), a.GetHow()))
	}
	return strings.Join(parts, " ")
}

func refs(rs []*vigilv1.ItemRef) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, kindName(r.GetKind())+":"+r.GetId())
	}
	return strings.Join(parts, ",")
}
