package identity_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
)

// containsText reports whether err's message contains s.
func containsText(err error, s string) bool {
	return err != nil && strings.Contains(err.Error(), s)
}

// newPKI creates a development PKI for the demo roster under a fresh data
// directory and returns the data directory and the PKI.
func newPKI(t *testing.T) (string, *identity.PKI) {
	t.Helper()
	dataDir := t.TempDir()
	p, err := identity.EnsureDevPKI(identity.PKIDir(dataDir), identity.DemoRoster(), time.Now())
	if err != nil {
		t.Fatalf("EnsureDevPKI: %v", err)
	}
	return dataDir, p
}
