package platform_test

import (
	"testing"

	"github.com/vigil-org/vigil/services/views/adapters"
)

// dumpAt waits for the live views to reach the end of the log and dumps them.
func dumpAt(t *testing.T, r *running) []byte {
	t.Helper()
	if err := r.p.Views.Projector.WaitFor(ctxT(t), r.logLength(t)); err != nil {
		t.Fatal(err)
	}
	b, err := r.p.Views.DB.Dump()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func dumpFile(t *testing.T, path string) []byte {
	t.Helper()
	db, err := adapters.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := db.Dump()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
