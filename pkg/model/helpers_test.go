package model_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

// leaves returns the leaves of an errors.Join tree, independently of
// model.FieldErrors (which is itself under test).
func leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	}
	return []error{err}
}

// fieldErrs asserts that every leaf of err is a *model.FieldError with a
// reason, and returns them in order.
func fieldErrs(t *testing.T, err error) []*model.FieldError {
	t.Helper()
	var out []*model.FieldError
	for _, l := range leaves(err) {
		var fe *model.FieldError
		if !errors.As(l, &fe) {
			t.Fatalf("leaf error %q (%T) is not a *model.FieldError", l, l)
		}
		if fe.Reason == "" {
			t.Errorf("field error on %q has an empty reason", fe.Field)
		}
		out = append(out, fe)
	}
	return out
}

// assertFields fails unless err is exactly the field errors want, in
// order. No fields means err must be nil.
func assertFields(t *testing.T, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want field errors %q", want)
	}
	var got []string
	for _, fe := range fieldErrs(t, err) {
		got = append(got, fe.Field)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("field errors on %q, want %q\nerror: %v", got, want, err)
	}
}

// assertReason fails unless err holds a field error on field whose reason
// contains substr.
func assertReason(t *testing.T, err error, field, substr string) {
	t.Helper()
	for _, fe := range fieldErrs(t, err) {
		if fe.Field == field {
			if !strings.Contains(fe.Reason, substr) {
				t.Fatalf("reason for %q = %q, want it to contain %q", field, fe.Reason, substr)
			}
			return
		}
	}
	t.Fatalf("no field error on %q in %v", field, err)
}
