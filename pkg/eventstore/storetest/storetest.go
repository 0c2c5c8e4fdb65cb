// Package storetest is the conformance suite of eventstore.Store: every
// backend runs Run against fresh stores and must pass all of it.
//
// Each subtest calls newStore once. The store's log need not be empty,
// but nobody else may write to it while the subtest runs (subtests check
// exact positions and that failed appends change nothing). Subtests run
// one after another, and close their store when they end (Close is safe
// to call twice, so newStore may also close it in t.Cleanup).
package storetest

import (
	"testing"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// Run runs the conformance suite. newStore returns a ready store; it may
// register its own cleanup with t.
func Run(t *testing.T, newStore func(t *testing.T) eventstore.Store) {
	t.Helper()
	tests := []struct {
		name string
		run  func(t *testing.T, s eventstore.Store)
	}{
		{"AppendLoadRoundTrip", testAppendLoadRoundTrip},
		{"AnyVersion", testAnyVersion},
		{"ExpectedVersionConflict", testExpectedVersionConflict},
		{"IdempotentSingle", testIdempotentSingle},
		{"IdempotentMulti", testIdempotentMulti},
		{"IdempotentRetryAfterOtherWrites", testIdempotentRetryAfterOtherWrites},
		{"ConcurrentSameStream", testConcurrentSameStream},
		{"ConcurrentNewStream", testConcurrentNewStream},
		{"ConcurrentDifferentStreams", testConcurrentDifferentStreams},
		{"MultiEventAtomicity", testMultiEventAtomicity},
		{"ConcurrentMultiEventAppendsDoNotInterleave", testConcurrentMultiEventNoInterleave},
		{"ReadAllPaging", testReadAllPaging},
		{"LastPosition", testLastPosition},
		{"SubscribeCatchUpAndFollow", testSubscribeCatchUpAndFollow},
		{"SubscribeFromMiddle", testSubscribeFromMiddle},
		{"SubscribeFromEnd", testSubscribeFromEnd},
		{"SubscribeHandlerError", testSubscribeHandlerError},
		{"LoadMissingStream", testLoadMissing},
		{"InvalidAppend", testInvalidAppend},
		{"Close", testClose},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			t.Cleanup(func() { _ = s.Close() })
			tc.run(t, s)
		})
	}
}
