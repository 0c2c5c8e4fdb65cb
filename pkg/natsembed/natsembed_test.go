package natsembed_test

import (
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/vigil-org/vigil/pkg/natsembed"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
)

func TestStartServesJetStreamWithSyncAlways(t *testing.T) {
	srv := natsembedtest.Start(t)
	if !srv.SyncAlways() {
		t.Fatal("SyncAlways is off")
	}
	if !strings.HasPrefix(srv.ClientURL(), "nats://127.0.0.1:") || strings.HasSuffix(srv.ClientURL(), ":-1") {
		t.Fatalf("client URL %q", srv.ClientURL())
	}
	nc := natsembedtest.Connect(t, srv)
	if _, err := nc.Request("$JS.API.INFO", nil, nats.DefaultTimeout); err != nil {
		t.Fatalf("JetStream info: %v", err)
	}
	srv.Shutdown()
	srv.Shutdown()
}

func TestValidateReportsEveryProblem(t *testing.T) {
	err := natsembed.Config{Port: 70000, ReadyTimeout: -1}.Validate()
	for _, want := range []string{"StoreDir", "Port", "ReadyTimeout"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want a problem with %s", err, want)
		}
	}
	if err := (natsembed.Config{StoreDir: "x"}).Validate(); err != nil {
		t.Errorf("minimal config: %v", err)
	}
}

func TestStartFailsOnBusyPort(t *testing.T) {
	first := natsembedtest.Start(t)
	u, err := url.Parse(first.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatal(err)
	}
	cfg := natsembed.Config{StoreDir: t.TempDir(), Port: port}
	srv, err := natsembed.Start(t.Context(), cfg, slog.New(slog.DiscardHandler))
	if err == nil {
		srv.Shutdown()
		t.Fatal("second server started on a busy port")
	}
}
