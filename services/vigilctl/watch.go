package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// watchFlags are the flags of "alert watch".
type watchFlags struct {
	fs                             *flag.FlagSet
	kinds, codes, countries, names listFlag
	redFlags                       listFlag
	minUrgency, cursor             string
	fromStart                      bool
	duration                       time.Duration
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func newWatchFlags() *watchFlags {
	f := &watchFlags{fs: flag.NewFlagSet("watch", flag.ContinueOnError)}
	f.fs.SetOutput(io.Discard)
	f.fs.Var(&f.kinds, "kind", "denial, procurement or alert (repeatable)")
	f.fs.Var(&f.codes, "code", "MTCR code or prefix, 9.A matches 9.A.6.a (repeatable)")
	f.fs.Var(&f.countries, "country", "destination or transit country, ISO 3166-1 alpha-3 (repeatable)")
	f.fs.Var(&f.names, "name", "party name to watch (repeatable)")
	f.fs.Var(&f.redFlags, "red-flag", "red flag, such as po-box-address (repeatable)")
	f.fs.StringVar(&f.minUrgency, "min-urgency", "", "routine, priority or immediate (alerts only)")
	f.fs.StringVar(&f.cursor, "cursor", "", "resume after this cursor")
	f.fs.BoolVar(&f.fromStart, "from-start", false, "start at the beginning of the log")
	f.fs.DurationVar(&f.duration, "for", 0, "stop after this long (default: until interrupted)")
	return f
}

// request builds the subscription request; the server validates values.
func (f *watchFlags) request() (*vigilv1.SubscribeRequest, error) {
	flt := &vigilv1.StreamFilter{ControlCodes: f.codes, Countries: f.countries, WatchNames: f.names}
	for _, k := range f.kinds {
		v, ok := enumValue(vigilv1.ItemKind_value, "ITEM_KIND_", k)
		if !ok {
			return nil, usageError{"--kind: want denial, procurement or alert"}
		}
		flt.Kinds = append(flt.Kinds, vigilv1.ItemKind(v))
	}
	for _, r := range f.redFlags {
		v, ok := enumValue(vigilv1.RedFlag_value, "RED_FLAG_", r)
		if !ok {
			return nil, usageError{"--red-flag: unknown red flag " + r}
		}
		flt.RedFlags = append(flt.RedFlags, vigilv1.RedFlag(v))
	}
	if f.minUrgency != "" {
		v, ok := enumValue(vigilv1.Urgency_value, "URGENCY_", f.minUrgency)
		if !ok {
			return nil, usageError{"--min-urgency: want routine, priority or immediate"}
		}
		flt.MinUrgency = vigilv1.Urgency(v)
	}
	return &vigilv1.SubscribeRequest{Filter: flt, Cursor: f.cursor, FromStart: f.fromStart}, nil
}

// enumValue looks up "po-box-address" as PREFIX_PO_BOX_ADDRESS; the
// unspecified value is not accepted.
func enumValue(values map[string]int32, prefix, s string) (int32, bool) {
	v, ok := values[prefix+strings.ToUpper(strings.ReplaceAll(s, "-", "_"))]
	return v, ok && v != 0
}

// enumName is the inverse of enumValue for display: PREFIX_PO_BOX_ADDRESS
// as "po_box_address".
func enumName(v fmt.Stringer, prefix string) string {
	return strings.ToLower(strings.TrimPrefix(v.String(), prefix))
}

// watch prints matching items as they arrive, until interrupted (or
// --for passes). It ignores --timeout. When the stream ends otherwise
// (too slow, server gone) it fails with the cursor to resume from.
func (c *client) watch(ctx context.Context, args []string) error {
	f := newWatchFlags()
	if err := f.fs.Parse(args); err != nil {
		return usageError{"watch: " + err.Error()}
	}
	if f.fs.NArg() > 0 {
		return usageError{"watch: unexpected argument " + f.fs.Arg(0)}
	}
	req, err := f.request()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.WithoutCancel(ctx), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if f.duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.duration)
		defer cancel()
	}
	last, err := c.follow(ctx, req)
	return watchEnd(ctx, last, err)
}

// follow prints items until the stream ends and returns the last cursor
// (the request's when nothing arrived) and the stream's error.
func (c *client) follow(ctx context.Context, req *vigilv1.SubscribeRequest) (string, error) {
	last := req.GetCursor()
	st, err := vigilv1.NewAlertsServiceClient(c.conn).Subscribe(ctx, req)
	if err != nil {
		return last, err
	}
	for {
		res, err := st.Recv()
		if err != nil {
			return last, err
		}
		if err := c.printItem(res.GetItem()); err != nil {
			return last, err
		}
		last = res.GetItem().GetCursor()
	}
}

// watchEnd turns the end of a watch into the command's result: nil when
// the user stopped it, else an error that says how to resume.
func watchEnd(ctx context.Context, last string, err error) error {
	resume := "; no item received, no cursor to resume from"
	if last != "" {
		resume = "; resume with --cursor " + last
	}
	if ctx.Err() != nil {
		if last != "" {
			fmt.Fprintln(os.Stderr, "vigilctl: stopped"+resume)
		}
		return nil
	}
	if s, ok := status.FromError(err); ok && s.Code() != codes.Unknown {
		if s.Code() == codes.InvalidArgument || s.Code() == codes.PermissionDenied || s.Code() == codes.Unauthenticated {
			return err
		}
		return errors.New("stream ended: " + s.Code().String() + ": " + s.Message() + resume)
	}
	return fmt.Errorf("stream ended: %w%s", err, resume)
}

// lineJSON prints one protojson object per line.
var lineJSON = protojson.MarshalOptions{}

// printItem prints one item: a JSON line, or a short table line.
func (c *client) printItem(it *vigilv1.StreamItem) error {
	if c.format == "json" {
		b, err := lineJSON.Marshal(it)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(c.out, string(b))
		return err
	}
	s := it.GetItem()
	_, err := fmt.Fprintf(c.out, "%s  %-26s %-11s %-22s %-3s %-16s %-3s %-12s %s  cursor=%s\n",
		it.GetOccurredAt().AsTime().Format(time.RFC3339), strings.TrimPrefix(it.GetEventType(), "vigil.v1."),
		kindName(s.GetKind()), s.GetId(), s.GetOriginator(), s.GetReference(), s.GetDestinationCountry(),
		strings.Join(s.GetControlCodes(), ","), partyNames(it), it.GetCursor())
	return err
}

// partyNames lists the item's party names, when the role may see them.
func partyNames(it *vigilv1.StreamItem) string {
	var out []string
	for _, p := range it.GetParties() {
		out = append(out, p.GetName())
	}
	return strings.Join(out, "; ")
}
