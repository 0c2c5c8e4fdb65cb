// Package grpcerrtest holds the assertions the services' fuzz tests share:
// a validator's error is made of field errors only, under the expected
// field path, and the service turns it into InvalidArgument with one
// violation per field error; a rule either decides (events) or refuses
// (field errors), never both.
package grpcerrtest

import (
	"errors"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/model/modeltest"
)

// ToStatus is a service's mapping from application errors to gRPC
// status errors.
type ToStatus func(error) error

// Seed adds the wire encoding of each message to f's corpus, then the
// empty input and the raw encodings in extra (hand-made inputs no
// well-formed message produces: invalid UTF-8, unknown enum values).
func Seed(f *testing.F, msgs []proto.Message, extra ...[]byte) {
	f.Helper()
	for _, m := range msgs {
		b, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	for _, b := range extra {
		f.Add(b)
	}
}

// FieldErrors asserts that err is a non-empty set of *model.FieldError
// whose paths start with prefix, and that toStatus turns it into
// InvalidArgument with one violation per field error.
func FieldErrors(t testing.TB, toStatus ToStatus, err error, prefix string) {
	t.Helper()
	n := 0
	for _, l := range modeltest.Leaves(err) {
		var fe *model.FieldError
		if !errors.As(l, &fe) {
			t.Fatalf("leaf error %q (%T) is not a *model.FieldError", l, l)
		}
		if fe.Field == "" || fe.Reason == "" || !strings.HasPrefix(fe.Field, prefix) {
			t.Fatalf("field error %+v: empty, or not under %q", fe, prefix)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("error %v holds no field errors", err)
	}
	st, ok := status.FromError(toStatus(err))
	if !ok || st.Code() != codes.InvalidArgument {
		t.Fatalf("toStatus(%v) = %v, want InvalidArgument", err, st)
	}
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok && len(br.GetFieldViolations()) != n {
			t.Fatalf("%d violations for %d field errors", len(br.GetFieldViolations()), n)
		}
	}
}

// Decision checks a rule's decision for a well-formed actor on an item
// in a state that allows the command: exactly one event and no error, or
// no events and field errors under prefix only.
func Decision[E any](t testing.TB, toStatus ToStatus, events []E, err error, prefix string) {
	t.Helper()
	if err == nil {
		if len(events) != 1 {
			t.Fatalf("got %d events without an error", len(events))
		}
		return
	}
	if events != nil {
		t.Fatalf("events %v returned with error %v", events, err)
	}
	FieldErrors(t, toStatus, err, prefix)
}

// Refs checks the references a command carries: the item id (when
// present) under idField and the request id, each either valid or
// refused with field errors naming it.
func Refs(t testing.TB, toStatus ToStatus, idField, id, requestID string) {
	t.Helper()
	if id != "" {
		if err := model.CheckID(idField, id); err != nil {
			FieldErrors(t, toStatus, err, idField)
		}
	}
	if err := model.CheckRequestID(requestID); err != nil {
		FieldErrors(t, toStatus, err, "request_id")
	}
}
