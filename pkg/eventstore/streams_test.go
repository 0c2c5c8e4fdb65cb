package eventstore_test

import (
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
