package main

import (
	"context"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func (c *client) denialCommands() map[string]func(context.Context, []string) error {
	k := vigilv1.ItemKind_ITEM_KIND_DENIAL
	return map[string]func(context.Context, []string) error{
		"notify": c.notify, "amend": c.amendDenial, "review": c.review, "ack": c.ackDenial,
		"list": func(ctx context.Context, a []string) error { return c.list(ctx, a, k) },
		"show": func(ctx context.Context, a []string) error { return c.show(ctx, a, k) },
	}
}

func (c *client) notify(ctx context.Context, args []string) error {
	f := newFlags("notify")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	n := &vigilv1.DenialNotice{}
	if err := readJSON(f.file, n); err != nil {
		return err
	}
	res, err := c.denials().NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: f.requestID, Notice: n})
	return c.printResult(res.GetResult(), err)
}

func (c *client) amendDenial(ctx context.Context, args []string) error {
	f := newFlags("amend")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	n := &vigilv1.DenialNotice{}
	if err := readJSON(f.file, n); err != nil {
		return err
	}
	res, err := c.denials().AmendDenial(ctx, &vigilv1.AmendDenialRequest{RequestId: f.requestID, DenialId: pos[0], Notice: n, Comment: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) review(ctx context.Context, args []string) error {
	f := newFlags("review")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	req := &vigilv1.ReviewDenialRequest{RequestId: f.requestID, DenialId: pos[0], Comment: f.comment}
	switch {
	case f.renew && !f.revoke && !f.amend:
		req.Outcome = vigilv1.ReviewOutcome_REVIEW_OUTCOME_RENEWED
	case f.revoke && !f.renew && !f.amend:
		req.Outcome = vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED
	case f.amend && !f.renew && !f.revoke:
		req.Outcome, req.Notice = vigilv1.ReviewOutcome_REVIEW_OUTCOME_AMENDED, &vigilv1.DenialNotice{}
		if err := readJSON(f.file, req.Notice); err != nil {
			return err
		}
	default:
		return usageError{"review: give exactly one of --renew, --revoke, --amend -f FILE"}
	}
	res, err := c.denials().ReviewDenial(ctx, req)
	return c.printResult(res.GetResult(), err)
}

func (c *client) ackDenial(ctx context.Context, args []string) error {
	f := newFlags("ack")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.denials().AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{RequestId: f.requestID, DenialId: pos[0]})
	return c.printResult(res.GetResult(), err)
}
