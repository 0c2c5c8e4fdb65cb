package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// client runs denial commands over one connection.
type client struct {
	conn   *grpc.ClientConn
	out    io.Writer
	format string
}

func (c *client) denials() vigilv1.DenialsServiceClient {
	return vigilv1.NewDenialsServiceClient(c.conn)
}
func (c *client) views() vigilv1.ViewsServiceClient { return vigilv1.NewViewsServiceClient(c.conn) }

// cmdFlags are the flags shared by the denial commands.
type cmdFlags struct {
	fs                   *flag.FlagSet
	file, requestID      string
	comment, statusName  string
	renew, revoke, amend bool
	inbox, own           bool
	minPosition          uint64
}

func newFlags(name string) *cmdFlags {
	f := &cmdFlags{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	f.fs.SetOutput(io.Discard)
	f.fs.StringVar(&f.file, "f", "", "JSON file with the notice")
	f.fs.StringVar(&f.requestID, "request-id", "", "idempotency key (default: random)")
	f.fs.StringVar(&f.comment, "comment", "", "comment")
	f.fs.BoolVar(&f.renew, "renew", false, "review outcome: renew")
	f.fs.BoolVar(&f.revoke, "revoke", false, "review outcome: revoke")
	f.fs.BoolVar(&f.amend, "amend", false, "review outcome: amend (with -f)")
	f.fs.BoolVar(&f.inbox, "inbox", false, "list only notices shared with you")
	f.fs.BoolVar(&f.own, "own", false, "list only your own notices")
	f.fs.StringVar(&f.statusName, "status", "", "filter: active, revoked or expired")
	f.fs.Uint64Var(&f.minPosition, "min-position", 0, "wait until the view reflects this log position")
	return f
}

// parse accepts flags before and after positional arguments and returns
// exactly want positionals.
func (f *cmdFlags) parse(args []string, want int) ([]string, error) {
	var pos []string
	for {
		if err := f.fs.Parse(args); err != nil {
			return nil, usageError{f.fs.Name() + ": " + err.Error()}
		}
		args = f.fs.Args()
		if len(args) == 0 {
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	if len(pos) != want {
		return nil, usageError{fmt.Sprintf("%s: want %d argument(s), got %d", f.fs.Name(), want, len(pos))}
	}
	if f.requestID == "" {
		f.requestID = randomID()
	}
	return pos, nil
}

func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// readNotice reads a protojson DenialNotice; unknown fields are errors.
func readNotice(path string) (*vigilv1.DenialNotice, error) {
	if path == "" {
		return nil, usageError{"-f FILE is required"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	n := &vigilv1.DenialNotice{}
	if err := protojson.Unmarshal(data, n); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

func (c *client) notify(ctx context.Context, args []string) error {
	f := newFlags("notify")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	n, err := readNotice(f.file)
	if err != nil {
		return err
	}
	res, err := c.denials().NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: f.requestID, Notice: n})
	if err != nil {
		return err
	}
	return c.printResult(res.GetResult())
}

func (c *client) amend(ctx context.Context, args []string) error {
	f := newFlags("amend")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	n, err := readNotice(f.file)
	if err != nil {
		return err
	}
	res, err := c.denials().AmendDenial(ctx, &vigilv1.AmendDenialRequest{RequestId: f.requestID, DenialId: pos[0], Notice: n, Comment: f.comment})
	if err != nil {
		return err
	}
	return c.printResult(res.GetResult())
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
		req.Outcome = vigilv1.ReviewOutcome_REVIEW_OUTCOME_AMENDED
		if req.Notice, err = readNotice(f.file); err != nil {
			return err
		}
	default:
		return usageError{"review: give exactly one of --renew, --revoke, --amend -f FILE"}
	}
	res, err := c.denials().ReviewDenial(ctx, req)
	if err != nil {
		return err
	}
	return c.printResult(res.GetResult())
}

func (c *client) ack(ctx context.Context, args []string) error {
	f := newFlags("ack")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.denials().AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{RequestId: f.requestID, DenialId: pos[0]})
	if err != nil {
		return err
	}
	return c.printResult(res.GetResult())
}

func (c *client) show(ctx context.Context, args []string) error {
	f := newFlags("show")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.views().GetNotice(ctx, &vigilv1.GetNoticeRequest{Id: pos[0], MinPosition: f.minPosition})
	if err != nil {
		return err
	}
	if c.format == "json" {
		return c.printJSON(res)
	}
	return printDetail(c.out, res)
}

func parseStatus(s string) (vigilv1.NoticeStatus, error) {
	if s == "" {
		return vigilv1.NoticeStatus_NOTICE_STATUS_UNSPECIFIED, nil
	}
	v, ok := vigilv1.NoticeStatus_value["NOTICE_STATUS_"+strings.ToUpper(s)]
	if !ok {
		return 0, usageError{"--status: want active, revoked or expired"}
	}
	return vigilv1.NoticeStatus(v), nil
}

func (c *client) list(ctx context.Context, args []string) error {
	f := newFlags("list")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	st, err := parseStatus(f.statusName)
	if err != nil {
		return err
	}
	var rows []*vigilv1.NoticeSummary
	if !f.inbox {
		own, err := c.listOwn(ctx, st, f.minPosition)
		if err != nil {
			return err
		}
		rows = append(rows, own...)
	}
	if !f.own {
		in, err := c.listInbox(ctx, st, f.minPosition)
		if err != nil {
			return err
		}
		rows = append(rows, in...)
	}
	if c.format == "json" {
		return c.printJSONArray(rows)
	}
	return printTable(c.out, rows)
}

func (c *client) listInbox(ctx context.Context, st vigilv1.NoticeStatus, minPos uint64) ([]*vigilv1.NoticeSummary, error) {
	var out []*vigilv1.NoticeSummary
	token := ""
	for {
		res, err := c.views().ListInbox(ctx, &vigilv1.ListInboxRequest{MinPosition: minPos, Status: st, PageToken: token, PageSize: 500})
		if err != nil {
			return nil, err
		}
		out = append(out, res.GetNotices()...)
		if token = res.GetNextPageToken(); token == "" {
			return out, nil
		}
	}
}

func (c *client) listOwn(ctx context.Context, st vigilv1.NoticeStatus, minPos uint64) ([]*vigilv1.NoticeSummary, error) {
	var out []*vigilv1.NoticeSummary
	token := ""
	for {
		res, err := c.views().ListOwnNotices(ctx, &vigilv1.ListOwnNoticesRequest{MinPosition: minPos, Status: st, PageToken: token, PageSize: 500})
		if err != nil {
			return nil, err
		}
		for _, n := range res.GetNotices() {
			out = append(out, n.GetSummary())
		}
		if token = res.GetNextPageToken(); token == "" {
			return out, nil
		}
	}
}

var jsonOpts = protojson.MarshalOptions{Multiline: true, Indent: "  ", EmitUnpopulated: false}

func (c *client) printJSON(m proto.Message) error {
	b, err := jsonOpts.Marshal(m)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.out, string(b))
	return err
}

func (c *client) printJSONArray(rows []*vigilv1.NoticeSummary) error {
	parts := make([]string, 0, len(rows))
	for _, r := range rows {
		b, err := protojson.MarshalOptions{Indent: "  "}.Marshal(r)
		if err != nil {
			return err
		}
		parts = append(parts, "  "+strings.ReplaceAll(string(b), "\n", "\n  "))
	}
	if len(parts) == 0 {
		_, err := fmt.Fprintln(c.out, "[]")
		return err
	}
	_, err := fmt.Fprintf(c.out, "[\n%s\n]\n", strings.Join(parts, ",\n"))
	return err
}

func (c *client) printResult(r *vigilv1.CommandResult) error {
	if c.format == "json" {
		return c.printJSON(r)
	}
	dup := ""
	if r.GetDuplicate() {
		dup = " (duplicate request: nothing new written)"
	}
	_, err := fmt.Fprintf(c.out, "id %s version %d position %s%s\n", r.GetId(), r.GetVersion(), strconv.FormatUint(r.GetPosition(), 10), dup)
	return err
}
