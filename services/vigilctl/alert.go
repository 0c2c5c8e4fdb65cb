package main

import (
	"context"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func (c *client) alertCommands() map[string]func(context.Context, []string) error {
	k := vigilv1.ItemKind_ITEM_KIND_ALERT
	return map[string]func(context.Context, []string) error{
		"raise": c.raise, "update": c.updateAlert, "respond": c.respond, "ack": c.ackAlert, "close": c.closeAlert, "watch": c.watch,
		"list": func(ctx context.Context, a []string) error { return c.list(ctx, a, k) },
		"show": func(ctx context.Context, a []string) error { return c.show(ctx, a, k) },
	}
}

func (c *client) raise(ctx context.Context, args []string) error {
	f := newFlags("raise")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	a := &vigilv1.BrokeringAlert{}
	if err := readJSON(f.file, a); err != nil {
		return err
	}
	res, err := c.brokering().RaiseAlert(ctx, &vigilv1.RaiseAlertRequest{RequestId: f.requestID, Alert: a})
	return c.printResult(res.GetResult(), err)
}

func (c *client) updateAlert(ctx context.Context, args []string) error {
	f := newFlags("update")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	a := &vigilv1.BrokeringAlert{}
	if err := readJSON(f.file, a); err != nil {
		return err
	}
	res, err := c.brokering().UpdateAlert(ctx, &vigilv1.UpdateAlertRequest{RequestId: f.requestID, AlertId: pos[0], Alert: a, Comment: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) respond(ctx context.Context, args []string) error {
	f := newFlags("respond")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	r := &vigilv1.AlertResponse{}
	if err := readJSON(f.file, r); err != nil {
		return err
	}
	res, err := c.brokering().RespondToAlert(ctx, &vigilv1.RespondToAlertRequest{RequestId: f.requestID, AlertId: pos[0], Response: r})
	return c.printResult(res.GetResult(), err)
}

func (c *client) ackAlert(ctx context.Context, args []string) error {
	f := newFlags("ack")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.brokering().AcknowledgeAlert(ctx, &vigilv1.AcknowledgeAlertRequest{RequestId: f.requestID, AlertId: pos[0]})
	return c.printResult(res.GetResult(), err)
}

func (c *client) closeAlert(ctx context.Context, args []string) error {
	f := newFlags("close")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.brokering().CloseAlert(ctx, &vigilv1.CloseAlertRequest{RequestId: f.requestID, AlertId: pos[0], Reason: f.reason})
	return c.printResult(res.GetResult(), err)
}
