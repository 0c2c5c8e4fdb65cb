package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func (c *client) consultCommands() map[string]func(context.Context, []string) error {
	return map[string]func(context.Context, []string) error{
		"request": c.consultRequest, "ack": c.consultAck, "answer": c.consultAnswer,
		"close": c.consultClose, "grant": c.consultGrant, "list": c.consultList,
	}
}

// consultRequest asks the denying member about an application: request DENIAL_ID -f APPLICATION.
func (c *client) consultRequest(ctx context.Context, args []string) error {
	f := newFlags("request")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	app := &vigilv1.LicenceApplication{}
	if err := readJSON(f.file, app); err != nil {
		return err
	}
	res, err := c.denials().RequestConsultation(ctx, &vigilv1.RequestConsultationRequest{RequestId: f.requestID, DenialId: pos[0],
		Application: app, Question: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) consultAck(ctx context.Context, args []string) error {
	f := newFlags("ack")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.denials().AcknowledgeConsultation(ctx, &vigilv1.AcknowledgeConsultationRequest{RequestId: f.requestID, ConsultationId: pos[0]})
	return c.printResult(res.GetResult(), err)
}

// consultAnswer: answer ID (objects|no-objection|needs-information) --comment TEXT.
func (c *client) consultAnswer(ctx context.Context, args []string) error {
	f := newFlags("answer")
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	v, ok := enumValue(vigilv1.ConsultationAnswer_value, "CONSULTATION_ANSWER_", pos[1])
	if !ok {
		return usageError{"answer: want objects, no-objection or needs-information"}
	}
	res, err := c.denials().AnswerConsultation(ctx, &vigilv1.AnswerConsultationRequest{RequestId: f.requestID, ConsultationId: pos[0],
		Answer: vigilv1.ConsultationAnswer(v), Text: f.comment})
	return c.printResult(res.GetResult(), err)
}

func (c *client) consultClose(ctx context.Context, args []string) error {
	f := newFlags("close")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.denials().CloseConsultation(ctx, &vigilv1.CloseConsultationRequest{RequestId: f.requestID, ConsultationId: pos[0], Reason: f.reason})
	return c.printResult(res.GetResult(), err)
}

// consultGrant reports a licence granted despite the denial: grant ID --reason EXPLANATION.
func (c *client) consultGrant(ctx context.Context, args []string) error {
	f := newFlags("grant")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.denials().ReportGrantedDespiteDenial(ctx, &vigilv1.ReportGrantedDespiteDenialRequest{RequestId: f.requestID,
		ConsultationId: pos[0], Explanation: f.reason})
	return c.printResult(res.GetResult(), err)
}

func (c *client) consultList(ctx context.Context, args []string) error {
	f := newFlags("list")
	open := f.fs.Bool("open", false, "only open consultations")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	res, err := c.views().ListConsultations(ctx, &vigilv1.ListConsultationsRequest{MinPosition: f.minPosition, OpenOnly: *open})
	if err != nil {
		return err
	}
	if c.format == "json" {
		return printJSONList(c, res.GetConsultations())
	}
	tw := tabwriter.NewWriter(c.out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDENIAL\tFROM\tTO\tSTATUS\tANSWER\tDUE\tOVERDUE")
	for _, k := range res.GetConsultations() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.GetId(), k.GetDenialId(), k.GetRequestingMember(), k.GetDenyingMember(),
			enumName(k.GetStatus(), "CONSULTATION_STATUS_"),
			enumName(k.GetAnswer(), "CONSULTATION_ANSWER_"), day(k.GetDue()), yesNo(k.GetOverdue()))
	}
	return tw.Flush()
}
