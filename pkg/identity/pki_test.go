package identity_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
)

func TestEnsureDevPKILayout(t *testing.T) {
	dataDir, _ := newPKI(t)
	dir := identity.PKIDir(dataDir)
	if dir != filepath.Join(dataDir, "pki") {
		t.Fatalf("PKIDir = %s", dir)
	}
	checkMode(t, dir, fs.ModeDir|0o700)
	want := []string{"ca.pem", "ca-key.pem", "server.pem", "server-key.pem"}
	for _, e := range identity.DemoRoster() {
		ca, cert, key := identity.ClientFilesFor(dataDir, e.ID)
		if ca != filepath.Join(dir, "ca.pem") || cert != filepath.Join(dir, e.ID+".pem") || key != filepath.Join(dir, e.ID+"-key.pem") {
			t.Fatalf("ClientFilesFor(%s) = %s, %s, %s", e.ID, ca, cert, key)
		}
		want = append(want, e.ID+".pem", e.ID+"-key.pem")
	}
	if got := listDir(t, dir); !slices.Equal(got, sorted(want)) {
		t.Fatalf("files = %v, want %v", got, sorted(want))
	}
	for _, name := range want {
		mode := fs.FileMode(0o644)
		if strings.HasSuffix(name, "-key.pem") {
			mode = 0o600
		}
		checkMode(t, filepath.Join(dir, name), mode)
	}
}

func TestEnsureDevPKICertificates(t *testing.T) {
	dataDir, p := newPKI(t)
	ca := readCert(t, filepath.Join(identity.PKIDir(dataDir), "ca.pem"))
	if !ca.IsCA || ca.Subject.CommonName != "Vigil development CA" || !ca.Equal(p.CA()) {
		t.Fatalf("CA subject %v, IsCA %v", ca.Subject, ca.IsCA)
	}
	if k, ok := ca.PublicKey.(*ecdsa.PublicKey); !ok || k.Curve != elliptic.P256() {
		t.Fatalf("CA key is %T, want ECDSA P-256", ca.PublicKey)
	}
	if years := ca.NotAfter.Sub(ca.NotBefore).Hours() / 24 / 365; years < 9.9 || years > 10.1 {
		t.Fatalf("CA valid for %.1f years", years)
	}
	_, certFile, _ := identity.ClientFilesFor(dataDir, "DEU-customs")
	leaf := readCert(t, certFile)
	if s := leaf.Subject; s.CommonName != "DEU-customs" || !slices.Equal(s.Organization, []string{"DEU"}) || !slices.Equal(s.OrganizationalUnit, []string{"customs"}) {
		t.Fatalf("client subject %v", s)
	}
	if !slices.Equal(leaf.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}) || leaf.IsCA {
		t.Fatalf("client ExtKeyUsage %v, IsCA %v", leaf.ExtKeyUsage, leaf.IsCA)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: p.CAPool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}); err != nil {
		t.Fatalf("client certificate does not verify: %v", err)
	}
	server := readCert(t, filepath.Join(identity.PKIDir(dataDir), "server.pem"))
	if err := server.VerifyHostname("localhost"); err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"127.0.0.1", "::1", hostname(t)} {
		if err := server.VerifyHostname(host); err != nil {
			t.Errorf("server certificate: %v", err)
		}
	}
	if !slices.Equal(server.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}) {
		t.Fatalf("server ExtKeyUsage %v", server.ExtKeyUsage)
	}
}

func TestEnsureDevPKIIsIdempotent(t *testing.T) {
	dataDir, p := newPKI(t)
	dir := identity.PKIDir(dataDir)
	before := snapshot(t, dir)
	again, err := identity.EnsureDevPKI(dir, identity.DemoRoster(), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatalf("second EnsureDevPKI: %v", err)
	}
	if !again.CA().Equal(p.CA()) {
		t.Fatal("second EnsureDevPKI loaded a different CA")
	}
	assertSnapshot(t, before, snapshot(t, dir))
}

func TestEnsureDevPKIAddsNewEntriesOnly(t *testing.T) {
	dataDir, _ := newPKI(t)
	dir := identity.PKIDir(dataDir)
	before := snapshot(t, dir)
	roster := append(identity.DemoRoster(), identity.Entry{ID: "FRA-customs", Name: "France, customs"})
	if _, err := identity.EnsureDevPKI(dir, roster, time.Now()); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, dir)
	for _, f := range []string{"FRA-customs.pem", "FRA-customs-key.pem"} {
		if _, ok := after[f]; !ok {
			t.Fatalf("%s not issued", f)
		}
		delete(after, f)
	}
	assertSnapshot(t, before, after)
}

func TestEnsureDevPKIRejectsInvalidRoster(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pki")
	_, err := identity.EnsureDevPKI(dir, []identity.Entry{{ID: "FRA"}, {ID: "../etc"}}, time.Now())
	if !errors.Is(err, identity.ErrInvalidID) {
		t.Fatalf("err = %v, want ErrInvalidID", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("directory created for an invalid roster: %v", err)
	}
}

func TestEnsureDevPKIBrokenDirectories(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir, otherDir string)
	}{
		{"client key missing", func(t *testing.T, dir, _ string) { remove(t, dir, "FRA-key.pem") }},
		{"CA key missing", func(t *testing.T, dir, _ string) { remove(t, dir, "ca-key.pem") }},
		{"client key of another certificate", func(t *testing.T, dir, _ string) { copyFile(t, dir, "DEU-key.pem", dir, "FRA-key.pem") }},
		{"client from another CA", func(t *testing.T, dir, other string) {
			copyFile(t, other, "FRA.pem", dir, "FRA.pem")
			copyFile(t, other, "FRA-key.pem", dir, "FRA-key.pem")
		}},
		{"CA replaced", func(t *testing.T, dir, other string) {
			copyFile(t, other, "ca.pem", dir, "ca.pem")
			copyFile(t, other, "ca-key.pem", dir, "ca-key.pem")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dataDir, _ := newPKI(t)
			otherDataDir, _ := newPKI(t)
			dir := identity.PKIDir(dataDir)
			tt.damage(t, dir, identity.PKIDir(otherDataDir))
			_, err := identity.EnsureDevPKI(dir, identity.DemoRoster(), time.Now())
			if !errors.Is(err, identity.ErrBrokenPKI) {
				t.Fatalf("err = %v, want ErrBrokenPKI", err)
			}
		})
	}
}

func TestEnsureDevPKIReissuesAfterInterruptedWrite(t *testing.T) {
	dataDir, _ := newPKI(t)
	dir := identity.PKIDir(dataDir)
	oldKey := readFile(t, filepath.Join(dir, "FRA-key.pem"))
	remove(t, dir, "FRA.pem") // as if the process died between key and certificate
	if _, err := identity.EnsureDevPKI(dir, identity.DemoRoster(), time.Now()); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(oldKey, readFile(t, filepath.Join(dir, "FRA-key.pem"))) {
		t.Fatal("orphaned key was reused")
	}
	if readCert(t, filepath.Join(dir, "FRA.pem")).Subject.CommonName != "FRA" {
		t.Fatal("FRA.pem not reissued")
	}
}

func TestIssueClient(t *testing.T) {
	dataDir, p := newPKI(t)
	if err := p.IssueClient("FRA-customs", time.Now()); err != nil {
		t.Fatalf("IssueClient: %v", err)
	}
	_, cert, key := identity.ClientFilesFor(dataDir, "FRA-customs")
	checkMode(t, key, 0o600)
	if got := readCert(t, cert).Subject.OrganizationalUnit; !slices.Equal(got, []string{"customs"}) {
		t.Fatalf("OU = %v", got)
	}
	before := snapshot(t, identity.PKIDir(dataDir))
	if err := p.IssueClient("FRA-customs", time.Now()); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("reissue: err = %v, want fs.ErrExist", err)
	}
	if err := p.IssueClient("FRA", time.Now()); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("issue over roster member: err = %v, want fs.ErrExist", err)
	}
	if err := p.IssueClient("FRA-key", time.Now()); !errors.Is(err, identity.ErrInvalidID) {
		t.Fatalf("invalid id: err = %v, want ErrInvalidID", err)
	}
	assertSnapshot(t, before, snapshot(t, identity.PKIDir(dataDir)))
}

func TestPKIRoster(t *testing.T) {
	_, p := newPKI(t)
	if err := p.IssueClient("FRA-customs", time.Now()); err != nil {
		t.Fatal(err)
	}
	r, err := p.Roster()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(r.Entries()); got != len(identity.DemoRoster())+1 {
		t.Fatalf("roster has %d entries", got)
	}
	if e, ok := r.Lookup("KOR-customs"); !ok || e.Name != "Republic of Korea, customs" {
		t.Fatalf("Lookup(KOR-customs) = %+v, %v", e, ok)
	}
	if e, ok := r.Lookup("FRA-customs"); !ok || e.Name != "FRA-customs" {
		t.Fatalf("Lookup(FRA-customs) = %+v, %v", e, ok)
	}
}

// fileState is what TestEnsureDevPKIIsIdempotent compares.
type fileState struct {
	data    []byte
	mode    fs.FileMode
	modTime time.Time
}

func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	files := make(map[string]fileState)
	for _, name := range listDir(t, dir) {
		path := filepath.Join(dir, name)
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = fileState{data: readFile(t, path), mode: info.Mode(), modTime: info.ModTime()}
	}
	return files
}

func assertSnapshot(t *testing.T, want, got map[string]fileState) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok || !bytes.Equal(g.data, w.data) || g.mode != w.mode || !g.modTime.Equal(w.modTime) {
			t.Errorf("%s changed", name)
		}
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return sorted(names)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func checkMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode() != want {
		t.Errorf("%s: mode %v, want %v", path, info.Mode(), want)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readCert(t *testing.T, path string) *x509.Certificate {
	t.Helper()
	block, _ := pem.Decode(readFile(t, path))
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("%s: no PEM certificate", path)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cert
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, fromDir, fromName, toDir, toName string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(toDir, toName), readFile(t, filepath.Join(fromDir, fromName)), 0o600); err != nil {
		t.Fatal(err)
	}
}

func hostname(t *testing.T) string {
	t.Helper()
	h, err := os.Hostname()
	if err != nil {
		t.Skipf("no host name: %v", err)
	}
	return h
}
