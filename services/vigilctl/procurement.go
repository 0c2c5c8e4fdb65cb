package main

import (
	"context"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func (c *client) procurementCommands() map[string]func(context.Context, []string) error {
	k := vigilv1.ItemKind_ITEM_KIND_PROCUREMENT
	return map[string]func(context.Context, []string) error{
		"report": c.report, "update": c.updateReport, "outcome": c.outcome, "withdraw": c.withdraw,
		"link": c.link, "ack": c.ackReport,
		"list": func(ctx context.Context, a []string) error { return c.list(ctx, a, k) },
		"show": func(ctx context.Context, a []string) error { return c.show(ctx, a, k) },
	}
}

func (c *client) report(ctx context.Context, args []string) error {
	f := newFlags("report")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	r := &vigilv1.ProcurementReport{}
	if err := readJSON(f.file, r); err != nil {
		return err
	}
	res, err := c.procurement().ReportAttempt(ctx, &vigilv1.ReportAttemptRequest{RequestId: f.requestID, Report: r})
	return c.printResult(res.GetResult(), err)
}

func (c *client) updateReport(ctx context.Context, args []string) error {
	f := newFlags("update")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	r := &vigilv1.ProcurementReport{}
	if err := readJSON(f.file, r); err != nil {
		return err
	}
	res, err := c.procurement().UpdateReport(ctx, &vigilv1.UpdateReportRequest{RequestId: f.requestID, ReportId: pos[0], Report: r, Comment: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) outcome(ctx context.Context, args []string) error {
	f := newFlags("outcome")
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	v, ok := enumValue(vigilv1.ProcurementOutcome_value, "PROCUREMENT_OUTCOME_", pos[1])
	if !ok {
		return usageError{"outcome: want pending, refused-by-firm, licence-applied-for, licence-denied, licence-granted, under-investigation or unknown"}
	}
	res, err := c.procurement().RecordOutcome(ctx, &vigilv1.RecordOutcomeRequest{RequestId: f.requestID, ReportId: pos[0],
		Outcome: vigilv1.ProcurementOutcome(v), Comment: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) withdraw(ctx context.Context, args []string) error {
	f := newFlags("withdraw")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.procurement().WithdrawReport(ctx, &vigilv1.WithdrawReportRequest{RequestId: f.requestID, ReportId: pos[0], Reason: f.reason})
	return c.printResult(res.GetResult(), err)
}

// link links a report to another item, whose kind it looks up.
func (c *client) link(ctx context.Context, args []string) error {
	f := newFlags("link")
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	other, err := c.views().GetItem(ctx, &vigilv1.GetItemRequest{Id: pos[1]})
	if err != nil {
		return err
	}
	to := &vigilv1.ItemRef{Kind: other.GetSummary().GetKind(), Id: pos[1]}
	res, err := c.procurement().LinkReport(ctx, &vigilv1.LinkReportRequest{RequestId: f.requestID, ReportId: pos[0], To: to, Comment: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) ackReport(ctx context.Context, args []string) error {
	f := newFlags("ack")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.procurement().AcknowledgeReport(ctx, &vigilv1.AcknowledgeReportRequest{RequestId: f.requestID, ReportId: pos[0]})
	return c.printResult(res.GetResult(), err)
}
