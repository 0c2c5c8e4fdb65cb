package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"github.com/vigil-org/vigil/pkg/identity"
)

// global holds the flags that come before the command.
type global struct {
	server, dataDir, as   string
	cert, key, ca, output string
	timeout               time.Duration
}

func parseGlobal(args []string, stderr io.Writer) (global, []string, error) {
	var g global
	fs := flag.NewFlagSet("vigilctl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usageText) }
	fs.StringVar(&g.server, "server", "127.0.0.1:8443", "gRPC server address")
	fs.StringVar(&g.dataDir, "data-dir", "data", "data directory holding pki/")
	fs.StringVar(&g.as, "as", "", "identity: member code or agency id (uses <data-dir>/pki/<ID>.pem)")
	fs.StringVar(&g.cert, "cert", "", "client certificate file")
	fs.StringVar(&g.key, "key", "", "client key file")
	fs.StringVar(&g.ca, "ca", "", "CA certificate file")
	fs.StringVar(&g.output, "o", "table", "output format: json or table")
	fs.DurationVar(&g.timeout, "timeout", 30*time.Second, "overall time limit")
	if err := fs.Parse(args); err != nil {
		return g, nil, err
	}
	if g.output != "json" && g.output != "table" {
		fmt.Fprintln(stderr, "vigilctl: -o must be json or table")
		return g, nil, errors.New("bad output")
	}
	return g, fs.Args(), nil
}

// files resolves the certificate, key and CA files: explicit flags win,
// else --as picks <data-dir>/pki/<ID>.pem and friends.
func (g global) files() (ca, cert, key string, err error) {
	if g.as != "" {
		if _, err := identity.ParseID(g.as); err != nil {
			return "", "", "", usageError{"--as: " + err.Error()}
		}
		ca, cert, key = identity.ClientFilesFor(g.dataDir, g.as)
	}
	ca, cert, key = pick(g.ca, ca), pick(g.cert, cert), pick(g.key, key)
	if ca == "" || cert == "" || key == "" {
		return "", "", "", usageError{"give --as ID, or --cert, --key and --ca"}
	}
	return ca, cert, key, nil
}

func pick(explicit, derived string) string {
	if explicit != "" {
		return explicit
	}
	return derived
}

func (g global) dial() (*grpc.ClientConn, error) {
	ca, cert, key, err := g.files()
	if err != nil {
		return nil, err
	}
	host, _, err := net.SplitHostPort(g.server)
	if err != nil {
		return nil, usageError{"--server: want HOST:PORT"}
	}
	tlsCfg, err := identity.ClientTLS(ca, cert, key, host)
	if err != nil {
		return nil, err
	}
	return grpc.NewClient(g.server, grpc.WithTransportCredentials(credentials.NewTLS(tlsCfg)))
}
