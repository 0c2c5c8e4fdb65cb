package alerts_test

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts"
)

func TestCertificateSubjectMatchesIssuedCertificates(t *testing.T) {
	dir := t.TempDir()
	if _, err := identity.EnsureDevPKI(identity.PKIDir(dir), identity.DemoRoster(), time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, e := range identity.DemoRoster() {
		_, certFile, _ := identity.ClientFilesFor(dir, e.ID)
		data, err := os.ReadFile(certFile)
		if err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(data)
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := identity.ParseID(e.ID)
		if got, want := alerts.CertificateSubject(p), cert.Subject.String(); got != want {
			t.Errorf("%s: %q, certificate says %q", e.ID, got, want)
		}
	}
}

func TestNATSUsers(t *testing.T) {
	users, err := alerts.NATSUsers("", []identity.Entry{{ID: "KOR"}, {ID: "KOR-customs"}, {ID: "KOR-statistics"}, {ID: "DEU-enforcement"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range users {
		if len(u.Publish) != 0 || len(u.Subscribe) != 1 {
			t.Errorf("%s: publish %v subscribe %v", u.Subject, u.Publish, u.Subscribe)
		}
		got = append(got, u.Subject+" "+u.Subscribe[0])
	}
	want := []string{"CN=KOR,O=KOR vigil.members.KOR.>", "CN=KOR-customs,OU=customs,O=KOR vigil.agencies.KOR.customs.>",
		"CN=DEU-enforcement,OU=enforcement,O=DEU vigil.agencies.DEU.enforcement.>"}
	if !slices.Equal(got, want) {
		t.Errorf("users %v\nwant %v", got, want)
	}
	if _, err := alerts.NATSUsers("", []identity.Entry{{ID: "kor"}}); err == nil {
		t.Error("invalid id accepted")
	}
}

func TestConfigValidate(t *testing.T) {
	err := alerts.Config{Backlog: -1, Conn: nil}.Validate()
	if err == nil {
		t.Fatal("empty config accepted")
	}
	for _, want := range []string{"Store", "negative"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want %q", err, want)
		}
	}
}

// TestNoGoroutineLeft runs a whole platform with subscribers over gRPC
// and NATS, shuts it down, and checks that every goroutine ended.
func TestNoGoroutineLeft(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Run("platform", func(t *testing.T) {
		e := newEnv(t, nil)
		s := e.subscribe("KOR", &vigilv1.SubscribeRequest{})
		ns := e.natsSub("KOR-customs", "vigil.agencies.KOR.customs.>")
		waitFor(t, "subscription", func() bool { return e.svc.Hub().Subscribers() == 1 })
		scenario(e)
		s.until("s1")
		ns.until("s1")
	})
	deadline := time.Now().Add(wait)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}
