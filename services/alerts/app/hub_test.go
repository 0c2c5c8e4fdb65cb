package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/app"
	"github.com/vigil-org/vigil/services/alerts/domain"
	te "github.com/vigil-org/vigil/services/alerts/internal/testevents"
)

func TestHubEndsSubscriptionsWhenClosed(t *testing.T) {
	st, _ := newStore(t)
	h, err := app.NewHub(app.HubConfig{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- h.Run(t.Context()) }()
	subErr := make(chan error, 1)
	aud := domain.Audience{Member: "KOR", Access: identity.NeedToKnow(identity.Principal{ID: "KOR", Member: "KOR"})}
	go func() {
		subErr <- h.Subscribe(t.Context(), app.Subscription{Audience: aud}, func(*vigilv1.StreamItem) error { return nil })
	}()
	for h.Subscribers() == 0 {
		time.Sleep(time.Millisecond)
	}
	_ = h.Close()
	_ = h.Close()
	if err := <-subErr; !errors.Is(err, app.ErrStopped) {
		t.Errorf("subscription ended with %v, want ErrStopped", err)
	}
	if err := <-runErr; err != nil {
		t.Errorf("Run = %v, want nil after Close", err)
	}
	if err := h.Subscribe(t.Context(), app.Subscription{Audience: aud}, nil); !errors.Is(err, app.ErrStopped) {
		t.Errorf("Subscribe after Close = %v", err)
	}
	if err := h.Run(t.Context()); err == nil {
		t.Error("second Run accepted")
	}
}

// TestHubCatchUpSeesStateAsOfEachPosition resumes from before a
// releasability change with a backlog of one: the replayed events are
// judged by the item as it was at each of them.
func TestHubCatchUpSeesStateAsOfEachPosition(t *testing.T) {
	st, log := newStore(t)
	h, err := app.NewHub(app.HubConfig{Store: st, Backlog: 1})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _ = h.Run(ctx) }()
	a := &vigilv1.BrokeringAlert{}
	evs := []te.Event{
		te.Alert("a1", "FRA", te.To("KOR"), a), te.Alert("a2", "FRA", te.To("DEU"), a),
		te.UpdateAlert("a1", "FRA", te.To("KOR", "DEU"), a), te.Alert("a3", "FRA", te.To("JPN"), a),
		te.Alert("a4", "FRA", te.All(), a),
	}
	var last uint64
	for _, ev := range evs {
		if last, err = log.Append(t.Context(), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.WaitFor(t.Context(), last); err != nil {
		t.Fatal(err)
	}
	aud := domain.Audience{Member: "DEU", Access: identity.NeedToKnow(identity.Principal{ID: "DEU-customs", Member: "DEU", Agency: "customs"})}
	var got []string
	sctx, scancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer scancel()
	err = h.Subscribe(sctx, app.Subscription{Audience: aud, After: 0}, func(si *vigilv1.StreamItem) error {
		got = append(got, si.GetEventType()+" "+si.GetItem().GetId())
		if len(got) == 3 {
			scancel()
		}
		return nil
	})
	want := "vigil.v1.AlertRaised a2,vigil.v1.AlertUpdated a1,vigil.v1.AlertRaised a4"
	if g := joinStrings(got); g != want || !errors.Is(err, context.Canceled) {
		t.Errorf("got %s (%v), want %s", g, err, want)
	}
}

func joinStrings(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}
