package main

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// cmdFlags are the flags shared by the item commands.
type cmdFlags struct {
	fs                          *flag.FlagSet
	file, requestID             string
	comment, reason, statusName string
	renew, revoke, amend        bool
	inbox, own, unacked         bool
	country, code, from, to     string
	kind, outcome               string
	minPosition                 uint64
}

func newFlags(name string) *cmdFlags {
	f := &cmdFlags{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	f.fs.SetOutput(io.Discard)
	f.fs.StringVar(&f.file, "f", "", "JSON file")
	f.fs.StringVar(&f.requestID, "request-id", "", "idempotency key (default: random)")
	f.fs.StringVar(&f.comment, "comment", "", "comment")
	f.fs.StringVar(&f.reason, "reason", "", "reason")
	f.fs.BoolVar(&f.renew, "renew", false, "review outcome: renew")
	f.fs.BoolVar(&f.revoke, "revoke", false, "review outcome: revoke")
	f.fs.BoolVar(&f.amend, "amend", false, "review outcome: amend (with -f)")
	f.fs.BoolVar(&f.inbox, "inbox", false, "list only items shared with you")
	f.fs.BoolVar(&f.own, "own", false, "list only your own items")
	f.fs.BoolVar(&f.unacked, "unacked", false, "list only items you have not acknowledged")
	f.fs.StringVar(&f.statusName, "status", "", "filter: active, revoked, expired, withdrawn, closed")
	f.fs.StringVar(&f.country, "country", "", "filter: ISO 3166-1 alpha-3 country named by the item")
	f.fs.StringVar(&f.code, "code", "", "filter: MTCR code or prefix (9.A matches 9.A.6.a)")
	f.fs.StringVar(&f.from, "from", "", "filter: created on or after YYYY-MM-DD")
	f.fs.StringVar(&f.to, "to", "", "filter: created on or before YYYY-MM-DD")
	f.fs.StringVar(&f.kind, "kind", "", "filter: denial, procurement or alert")
	f.fs.StringVar(&f.outcome, "outcome", "", "procurement outcome")
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

// readJSON reads a protojson message from path; unknown fields are errors.
func readJSON(path string, m proto.Message) error {
	if path == "" {
		return usageError{"-f FILE is required"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := protojson.Unmarshal(data, m); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// filter builds the list filter from the flags, with kind forced when
// non-zero. The server validates the values.
func (f *cmdFlags) filter(kind vigilv1.ItemKind) (*vigilv1.ItemFilter, error) {
	out := &vigilv1.ItemFilter{Kind: kind, Country: f.country, ControlCode: f.code, FromDate: f.from, ToDate: f.to, UnacknowledgedOnly: f.unacked}
	if f.kind != "" {
		v, ok := enumValue(vigilv1.ItemKind_value, "ITEM_KIND_", f.kind)
		if !ok {
			return nil, usageError{"--kind: want denial, procurement or alert"}
		}
		out.Kind = vigilv1.ItemKind(v)
	}
	if f.statusName != "" {
		v, ok := enumValue(vigilv1.ItemStatus_value, "ITEM_STATUS_", f.statusName)
		if !ok {
			return nil, usageError{"--status: want active, revoked, expired, withdrawn or closed"}
		}
		out.Status = vigilv1.ItemStatus(v)
	}
	return out, nil
}
