package screening_test

import (
	"log/slog"
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/eventstore/jsstore"
	"github.com/vigil-org/vigil/pkg/natsembed/natsembedtest"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/screening"
	st "github.com/vigil-org/vigil/services/views/screening/screeningtest"
)

// TestProjection_RealStore replays and follows a JetStream event store on
// an embedded NATS server, as the views service does.
func TestProjection_RealStore(t *testing.T) {
	nc := natsembedtest.Connect(t, natsembedtest.Start(t))
	store, err := jsstore.New(t.Context(), jsstore.Config{Conn: nc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	l := st.NewLog(t)
	l.Notified("d1", "FRA", t0, shigDenial(st.Only("JPN")))
	copyLog(t, store, l.Events())

	p := screening.New(store, slog.New(slog.DiscardHandler))
	st.Run(t, p)
	if err := p.WaitReady(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := found(p, "JPN", "Shahid Hemat Industrial Group"); !slices.Equal(got, []string{"d1"}) {
		t.Fatalf("after replay JPN finds %v", got)
	}
	l.Add(screening.KindDenial, "d1", "FRA", st.Only("KOR"), t0, &vigilv1.DenialAmended{DenialId: "d1", Notice: shigDenial(st.Only("KOR"))})
	pos := copyLog(t, store, l.Events()[1:])
	if err := p.WaitFor(t.Context(), pos); err != nil {
		t.Fatal(err)
	}
	if got := found(p, "JPN", shig); got != nil {
		t.Errorf("after narrowing JPN finds %v", got)
	}
	if got := found(p, "KOR", shig); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("after widening to KOR, KOR finds %v", got)
	}
}

// copyLog appends evs to store, each at its version, and returns the
// position of the last.
func copyLog(t *testing.T, store eventstore.Store, evs []eventstore.RecordedEvent) uint64 {
	t.Helper()
	var pos uint64
	for _, ev := range evs {
		res, err := store.Append(t.Context(), eventstore.AppendRequest{Stream: ev.Stream, ExpectedVersion: int64(ev.Version - 1), Events: []eventstore.Event{ev.Event}})
		if err != nil {
			t.Fatal(err)
		}
		pos = res.LastPosition
	}
	return pos
}
