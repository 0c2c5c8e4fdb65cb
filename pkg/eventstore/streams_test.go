package eventstore_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

func TestRequestKey(t *testing.T) {
	if got := eventstore.RequestKey("procurement.0f3c", "FRA", "r-1"); got != "procurement.0f3c/FRA/r-1" {
		t.Fatalf("RequestKey = %q", got)
	}
	if got := eventstore.RequestKey("procurement.0f3c", "FRA", ""); got != "" {
		t.Fatalf("RequestKey without a request id = %q", got)
	}
}

func TestDerivedID(t *testing.T) {
	sum := sha256.Sum256([]byte("alert/USA/raise-1"))
	if got, want := eventstore.DerivedID("alert", "USA", "raise-1"), hex.EncodeToString(sum[:16]); got != want {
		t.Fatalf("DerivedID = %q, want %q", got, want)
	}
	if eventstore.DerivedID("alert", "USA", "r") == eventstore.DerivedID("alert", "KOR", "r") ||
		eventstore.DerivedID("alert", "USA", "r") == eventstore.DerivedID("denial", "USA", "r") {
		t.Fatal("DerivedID collides across members or kinds")
	}
	if a, b := eventstore.DerivedID("alert", "USA", ""), eventstore.DerivedID("alert", "USA", ""); a == b || len(a) != 32 {
		t.Fatalf("DerivedID without a request id = %q, %q; want two random ids", a, b)
	}
}
