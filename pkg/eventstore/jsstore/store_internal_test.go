package jsstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// raceClose runs op from 64 goroutines while s closes, and fails unless
// each call either succeeds or fails with ErrClosed (none hangs).
func raceClose(t *testing.T, s *Store, what string, op func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Go(func() { errs <- op(i) })
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil && !errors.Is(err, eventstore.ErrClosed) {
			t.Fatalf("%s racing Close: %v", what, err)
		}
	}
}

// TestCloseDuringAppends: appends racing with Close either succeed or
// fail with ErrClosed, none hangs, and the committer goroutine exits.
func TestCloseDuringAppends(t *testing.T) {
	s := testStore(t)
	raceClose(t, s, "append", func(i int) error {
		stream := "order.c" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26))
		_, err := s.Append(context.WithoutCancel(t.Context()), eventstore.AppendRequest{Stream: stream, ExpectedVersion: eventstore.AnyVersion, Events: []eventstore.Event{{ID: "e", Type: "T"}}})
		return err
	})
	select {
	case <-s.commit.done:
	case <-time.After(10 * time.Second):
		t.Fatal("committer still running after Close")
	}
}

// TestCloseDuringLoads: loads racing with Close either succeed or fail
// with ErrClosed, and none waits for its timeout: Close ends the reads
// waiting on the shared reply subscription.
func TestCloseDuringLoads(t *testing.T) {
	s := testStore(t)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "order.l", ExpectedVersion: eventstore.NoStream, Events: []eventstore.Event{{ID: "e", Type: "T"}}})
	start := time.Now()
	raceClose(t, s, "load", func(int) error {
		evs, err := s.Load(context.WithoutCancel(t.Context()), "order.l")
		if err == nil && len(evs) != 1 {
			err = fmt.Errorf("%d events", len(evs))
		}
		return err
	})
	if waited := time.Since(start); waited >= s.cfg.RequestTimeout {
		t.Fatalf("loads racing Close took %v, as long as the request timeout", waited)
	}
}

// TestLoadAndReadAllCrossPages: reads span several direct-get pages, cut
// both by message count and by bytes.
func TestLoadAndReadAllCrossPages(t *testing.T) {
	s := testStore(t)
	const small = 1200 // > pageMsgs, in appends of 100
	for v := 0; v < small; v += 100 {
		req := eventstore.AppendRequest{Stream: "order.many", ExpectedVersion: int64(v)}
		for i := range 100 {
			req.Events = append(req.Events, eventstore.Event{ID: "e", Type: "T", Data: []byte{byte(v + i)}})
		}
		mustAppend(t, s, req)
	}
	big := bytes.Repeat([]byte("b"), 400<<10)
	const bigN = pageBytes/(400<<10) + 3
	for v := range bigN {
		mustAppend(t, s, eventstore.AppendRequest{Stream: "order.big", ExpectedVersion: int64(v), Events: []eventstore.Event{{ID: "b", Type: "T", Data: big}}})
	}
	for stream, n := range map[string]int{"order.many": small, "order.big": bigN} {
		got, err := s.Load(t.Context(), stream)
		if err != nil || len(got) != n || got[n-1].Version != uint64(n) {
			t.Fatalf("load %s: %d events, %v; want %d", stream, len(got), err, n)
		}
	}
	all, err := s.ReadAll(t.Context(), 0, small+bigN+10)
	if err != nil || len(all) != small+bigN || all[len(all)-1].Position != uint64(small+bigN) {
		t.Fatalf("read all: %d events, %v; want %d", len(all), err, small+bigN)
	}
}

// TestRequestIDReusedOnAnotherStream: a RequestID is global; reusing it
// for another stream is a client error, reported as ErrInvalidAppend.
func TestRequestIDReusedOnAnotherStream(t *testing.T) {
	s := testStore(t)
	one := []eventstore.Event{{ID: "e", Type: "T"}}
	two := []eventstore.Event{{ID: "e", Type: "T"}, {ID: "f", Type: "T"}}
	mustAppend(t, s, eventstore.AppendRequest{Stream: "order.a", RequestID: "r1", Events: one})
	mustAppend(t, s, eventstore.AppendRequest{Stream: "order.b", RequestID: "r2", Events: two})
	for _, req := range []eventstore.AppendRequest{
		{Stream: "order.c", RequestID: "r1", Events: one},
		{Stream: "order.d", RequestID: "r2", Events: two},
	} {
		if _, err := s.Append(t.Context(), req); !errors.Is(err, eventstore.ErrInvalidAppend) {
			t.Fatalf("reuse of %s on %s: %v, want ErrInvalidAppend", req.RequestID, req.Stream, err)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	if err := (Config{}).Validate(); err == nil || !strings.Contains(err.Error(), "Conn") {
		t.Fatalf("zero config: %v", err)
	}
	bad := Config{StreamName: "a.b", SubjectPrefix: "x.>", Replicas: 7, DuplicateWindow: time.Hour, MaxBatch: 5000, RequestTimeout: -1}
	err := bad.Validate()
	for _, want := range []string{"Conn", "StreamName", "SubjectPrefix", "Replicas", "DuplicateWindow", "MaxBatch", "RequestTimeout"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want a problem with %s", err, want)
		}
	}
}

// TestNoGoroutineLeftAfterClose: once subscriptions have returned and the
// store is closed, no goroutine runs the store's code.
func TestNoGoroutineLeftAfterClose(t *testing.T) {
	s := testStore(t)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- s.Subscribe(ctx, 0, func(context.Context, eventstore.RecordedEvent) error { return nil })
	}()
	mustAppend(t, s, eventstore.AppendRequest{Stream: "order.leak", Events: []eventstore.Event{{ID: "e", Type: "T"}}})
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("subscribe: %v", err)
	}
	_ = s.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		stacks := buf[:runtime.Stack(buf, true)]
		if !bytes.Contains(stacks, []byte("jsstore.(*committer)")) && !bytes.Contains(stacks, []byte("jsstore.(*Store)")) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("store goroutines left after Close:\n%s", stacks)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSubscribeStopsOnClose: Close ends a running subscription with
// ErrClosed.
func TestSubscribeStopsOnClose(t *testing.T) {
	s := testStore(t)
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Subscribe(t.Context(), 0, func(context.Context, eventstore.RecordedEvent) error {
			close(started)
			return nil
		})
	}()
	mustAppend(t, s, eventstore.AppendRequest{Stream: "order.sub", Events: []eventstore.Event{{ID: "e", Type: "T"}}})
	<-started
	_ = s.Close()
	select {
	case err := <-done:
		if !errors.Is(err, eventstore.ErrClosed) {
			t.Fatalf("subscribe after Close: %v, want ErrClosed", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("subscription still running after Close")
	}
}
