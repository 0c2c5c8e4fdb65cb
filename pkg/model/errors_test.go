package model_test

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

func TestInvalid(t *testing.T) {
	err := model.Invalid("parties[0].name", "is %d bytes long, the limit is %d", 300, 256)
	var fe *model.FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("Invalid returned %T", err)
	}
	if fe.Field != "parties[0].name" || fe.Reason != "is 300 bytes long, the limit is 256" {
		t.Fatalf("got %+v", fe)
	}
	if got, want := err.Error(), "parties[0].name: is 300 bytes long, the limit is 256"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}

func TestPrefix(t *testing.T) {
	inv := func(f string) error { return model.Invalid(f, "bad") }
	tests := []struct {
		name   string
		prefix string
		err    error
		fields []string
	}{
		{name: "field", prefix: "notice", err: inv("reference"), fields: []string{"notice.reference"}},
		{name: "indexed prefix", prefix: "parties[0]", err: inv("name"), fields: []string{"parties[0].name"}},
		{name: "indexed field joins without a dot", prefix: "notice.parties", err: inv("[2]"), fields: []string{"notice.parties[2]"}},
		{name: "empty field takes the prefix", prefix: "notice", err: inv(""), fields: []string{"notice"}},
		{name: "empty prefix keeps the field", prefix: "", err: inv("reason"), fields: []string{"reason"}},
		{name: "nested prefixes", prefix: "notice",
			err:    model.Prefix("parties[1]", model.Prefix("addresses[0]", inv("country"))),
			fields: []string{"notice.parties[1].addresses[0].country"}},
		{name: "join keeps order", prefix: "notice",
			err:    errors.Join(inv("reference"), inv("authority"), inv("reason")),
			fields: []string{"notice.reference", "notice.authority", "notice.reason"}},
		{name: "nested joins are flattened in order", prefix: "notice",
			err:    errors.Join(inv("a"), errors.Join(inv("b"), errors.Join(inv("c"))), nil, inv("d")),
			fields: []string{"notice.a", "notice.b", "notice.c", "notice.d"}},
		{name: "wrapped field error", prefix: "notice", err: fmt.Errorf("context: %w", inv("reason")),
			fields: []string{"notice.reason"}},
		{name: "multi-%w wrap is a join", prefix: "notice", err: fmt.Errorf("%w; %w", inv("a"), inv("b")),
			fields: []string{"notice.a", "notice.b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertFields(t, model.Prefix(tt.prefix, tt.err), tt.fields...)
		})
	}
}

func TestPrefixNil(t *testing.T) {
	if err := model.Prefix("notice", nil); err != nil {
		t.Fatalf("Prefix(nil) = %v", err)
	}
	if err := model.Prefix("notice", errors.Join(nil, nil)); err != nil {
		t.Fatalf("Prefix(empty join) = %v", err)
	}
}

func TestPrefixKeepsOtherErrors(t *testing.T) {
	sentinel := errors.New("sentinel")
	err := model.Prefix("notice", errors.Join(model.Invalid("reason", "bad"), sentinel, io.EOF))
	if !errors.Is(err, sentinel) || !errors.Is(err, io.EOF) {
		t.Fatalf("Prefix lost non-field errors: %v", err)
	}
	fes := model.FieldErrors(err)
	if len(fes) != 1 || fes[0].Field != "notice.reason" {
		t.Fatalf("FieldErrors = %v", fes)
	}
	if got := model.Prefix("notice", sentinel); got != sentinel {
		t.Fatalf("Prefix(sentinel) = %v, want it unchanged", got)
	}
}

func TestPrefixDoesNotModifyItsInput(t *testing.T) {
	fe := &model.FieldError{Field: "name", Reason: "is required"}
	in := errors.Join(fe)
	_ = model.Prefix("parties[0]", in)
	_ = model.Prefix("parties[1]", in)
	if fe.Field != "name" {
		t.Fatalf("Prefix modified the original error: %+v", fe)
	}
}

func TestFieldErrors(t *testing.T) {
	a := model.Invalid("a", "bad")
	b := model.Invalid("b", "bad")
	c := model.Invalid("c", "bad")
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{name: "nil", err: nil, want: nil},
		{name: "single", err: a, want: []string{"a"}},
		{name: "non-field error", err: io.EOF, want: nil},
		{name: "wrapped", err: fmt.Errorf("ctx: %w", a), want: []string{"a"}},
		{name: "join in order", err: errors.Join(c, a, b), want: []string{"c", "a", "b"}},
		{name: "nested join", err: errors.Join(a, errors.Join(b, errors.Join(c))), want: []string{"a", "b", "c"}},
		{name: "join with other errors skipped", err: errors.Join(io.EOF, a, errors.New("x"), b), want: []string{"a", "b"}},
		{name: "multi-%w wrap", err: fmt.Errorf("%w and %w", a, b), want: []string{"a", "b"}},
		{name: "prefixed tree", err: model.Prefix("notice", errors.Join(a, model.Prefix("parties[0]", errors.Join(b, c)))),
			want: []string{"notice.a", "notice.parties[0].b", "notice.parties[0].c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, fe := range model.FieldErrors(tt.err) {
				got = append(got, fe.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("FieldErrors = %q, want %q", got, tt.want)
			}
		})
	}
}

// A join wrapped once with %w is still an errors.Join tree; its field
// errors must all survive. These currently fail: Prefix and FieldErrors
// only recurse through Unwrap() []error at the top, and fall back to
// errors.As (which stops at the first FieldError) for a single-%w wrapper.
func TestFieldErrors_BugSingleWrappedJoinLosesAllButFirst(t *testing.T) {
	err := fmt.Errorf("notify: %w", errors.Join(model.Invalid("a", "bad"), model.Invalid("b", "bad")))
	var got []string
	for _, fe := range model.FieldErrors(err) {
		got = append(got, fe.Field)
	}
	if want := []string{"a", "b"}; !slices.Equal(got, want) {
		t.Fatalf("FieldErrors(fmt.Errorf(%%w, errors.Join(a, b))) = %q, want %q", got, want)
	}
}

func TestPrefix_BugSingleWrappedJoinLosesAllButFirst(t *testing.T) {
	err := fmt.Errorf("notify: %w", errors.Join(model.Invalid("a", "bad"), model.Invalid("b", "bad")))
	var got []string
	for _, fe := range model.FieldErrors(model.Prefix("notice", err)) {
		got = append(got, fe.Field)
	}
	// Checked with the test's own walker too, independent of FieldErrors.
	n := 0
	for _, l := range leaves(model.Prefix("notice", err)) {
		var fe *model.FieldError
		if errors.As(l, &fe) {
			n++
		}
	}
	if want := []string{"notice.a", "notice.b"}; !slices.Equal(got, want) || n != 2 {
		t.Fatalf("Prefix(\"notice\", fmt.Errorf(%%w, errors.Join(a, b))) keeps %q (%d leaves), want %q", got, n, want)
	}
}
