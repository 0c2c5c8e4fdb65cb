// Package modeltest holds the assertions the services' domain tests share
// about rule decisions: a command is either decided (exactly one event)
// or refused, with a sentinel error or with field errors naming exactly
// the bad fields.
package modeltest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

// One fails unless a decision is exactly one event without an error, and
// returns that event.
func One[E any](t testing.TB, events []E, err error) E {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if len(events) != 1 {
		t.Fatalf("got %d events %#v, want 1", len(events), events)
	}
	return events[0]
}

// Err fails unless err is target (errors.Is) and no events came back.
func Err[E any](t testing.TB, events []E, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error = %v, want %v", err, target)
	}
	if events != nil {
		t.Fatalf("events %#v returned with an error", events)
	}
}

// Fields fails unless err is exactly the field errors want, in order,
// matches none of the service's sentinel errors, and no events came back.
func Fields[E any](t testing.TB, events []E, err error, sentinels []error, want ...string) {
	t.Helper()
	if events != nil {
		t.Fatalf("events %#v returned with an error", events)
	}
	if got := FieldPaths(t, err); !slices.Equal(got, want) {
		t.Fatalf("field errors on %q, want %q\nerror: %v", got, want, err)
	}
	for _, sentinel := range sentinels {
		if errors.Is(err, sentinel) {
			t.Fatalf("a validation error also matches %v", sentinel)
		}
	}
}

// FieldPaths asserts that err is a non-empty set of *model.FieldError,
// each with a field and a reason, and returns their paths in order.
func FieldPaths(t testing.TB, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want field errors")
	}
	var out []string
	for _, l := range Leaves(err) {
		var fe *model.FieldError
		if !errors.As(l, &fe) {
			t.Fatalf("leaf error %q (%T) is not a *model.FieldError", l, l)
		}
		if fe.Field == "" || fe.Reason == "" {
			t.Fatalf("incomplete field error %+v", fe)
		}
		out = append(out, fe.Field)
	}
	if len(out) == 0 {
		t.Fatalf("error %v holds no field errors", err)
	}
	return out
}

// Leaves flattens an errors.Join tree into its leaves.
func Leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// Prefixed returns fields, each with prefix in front.
func Prefixed(prefix string, fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = prefix + f
	}
	return out
}

// Long returns a string of n x's, for length limits.
func Long(n int) string { return strings.Repeat("x", n) }
