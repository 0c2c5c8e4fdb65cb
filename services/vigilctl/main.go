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

	"google.golang.org/grpc/status"
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
  denial notify -f FILE [--request-id ID]
  denial amend ID -f FILE [--comment TEXT] [--request-id ID]
  denial review ID (--renew | --revoke | --amend -f FILE) [--comment TEXT] [--request-id ID]
  denial ack ID [--request-id ID]
  denial list [--inbox | --own] [--status active|revoked|expired] [--min-position N]
  denial show ID [--min-position N]`

func dispatch(ctx context.Context, g global, args []string, out io.Writer) error {
	if len(args) < 2 || args[0] != "denial" {
		return usageError{"expected a command"}
	}
	conn, err := g.dial()
	if err != nil {
		return err
	}
	defer conn.Close()
	c := &client{conn: conn, out: out, format: g.output}
	cmds := map[string]func(context.Context, []string) error{
		"notify": c.notify, "amend": c.amend, "review": c.review, "ack": c.ack, "list": c.list, "show": c.show,
	}
	cmd, ok := cmds[args[1]]
	if !ok {
		return usageError{"unknown denial command " + args[1]}
	}
	return cmd(ctx, args[2:])
}
