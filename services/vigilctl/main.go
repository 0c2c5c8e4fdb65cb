// Command vigilctl is the command-line client of Vigil.
//
//	vigilctl [--server HOST:PORT] [--data-dir DIR] [--as ID] [--cert F --key F --ca F]
//	         [-o json|table] denial notify -f FILE | amend ID -f FILE | review ID
//	         (--renew|--revoke|--amend -f FILE) | ack ID | list | show ID
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	g, rest, err := parseGlobal(args, stderr)
	if err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout)
	defer cancel()
	if err := dispatch(ctx, g, rest, stdout); err != nil {
		fmt.Fprintln(stderr, "vigilctl:", describe(err))
		var u usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
	return 0
}

// describe renders an error; a gRPC status shows its code and message.
func describe(err error) string {
	if st, ok := status.FromError(err); ok {
		return fmt.Sprintf("%s: %s", st.Code(), st.Message())
	}
	return err.Error()
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg + "\n" + usageText }

const usageText = `usage: vigilctl [--server HOST:PORT] [--data-dir DIR] [--as ID] [--cert FILE --key FILE --ca FILE]
                [-o json|table] [--timeout D] COMMAND
commands:
  denial notify -f FILE | amend ID -f FILE [--comment T] | review ID (--renew | --revoke | --amend -f FILE)
         | ack ID | list | show ID
  procurement report -f FILE | update ID -f FILE | outcome ID OUTCOME | withdraw ID [--reason T]
         | link ID OTHER_ID [--comment T] | ack ID | list | show ID
  alert raise -f FILE | update ID -f FILE | respond ID -f FILE | ack ID | close ID [--reason T] | list | show ID
        | watch [--kind K]... [--code C]... [--country C]... [--name N]... [--red-flag F]... [--min-urgency U]
          [--cursor C | --from-start] [--for D]
  inbox          all three kinds shared with you
  screen NAME [--country ISO3] [--limit N]     ranked matches among the parties you may see
  check -f APPLICATION                         active denials of others this licence would undercut
  consult request DENIAL_ID -f APPLICATION [--comment QUESTION] | ack ID
          | answer ID (objects|no-objection|needs-information) [--comment TEXT] | close ID [--reason T]
          | grant ID --reason EXPLANATION | list [--open]
every command takes [--request-id ID]; list and inbox take [--inbox | --own] [--unacked] [--status S]
[--country ISO3] [--code MTCR-PREFIX] [--from DATE] [--to DATE] [--kind K] [--min-position N];
show takes [--min-position N]`

func dispatch(ctx context.Context, g global, args []string, out io.Writer) error {
	if len(args) < 1 {
		return usageError{"expected a command"}
	}
	conn, err := g.dial()
	if err != nil {
		return err
	}
	defer conn.Close()
	c := &client{conn: conn, out: out, format: g.output}
	switch args[0] {
	case "inbox":
		return c.list(ctx, args[1:], vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED)
	case "screen":
		return c.screen(ctx, args[1:])
	case "check":
		return c.check(ctx, args[1:])
	}
	groups := map[string]map[string]func(context.Context, []string) error{
		"denial": c.denialCommands(), "procurement": c.procurementCommands(), "alert": c.alertCommands(),
		"consult": c.consultCommands(),
	}
	group, ok := groups[args[0]]
	if !ok || len(args) < 2 {
		return usageError{"unknown command " + strings.Join(args, " ")}
	}
	cmd, ok := group[args[1]]
	if !ok {
		return usageError{"unknown " + args[0] + " command " + args[1]}
	}
	return cmd(ctx, args[2:])
}
