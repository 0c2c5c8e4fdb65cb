package model

import (
	"errors"
	"fmt"
)

// FieldError reports one invalid field. Field is a dotted path with indexes,
// such as "parties[0].country".
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Invalid returns a *FieldError for field.
func Invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Prefix returns err with every FieldError's path prefixed by prefix and a
// dot, looking through errors.Join trees and %w wrapping. Other errors are
// returned unchanged.
func Prefix(prefix string, err error) error {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*FieldError); ok {
		return &FieldError{Field: join(prefix, fe.Field), Reason: fe.Reason}
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		errs := u.Unwrap()
		out := make([]error, len(errs))
		for i, e := range errs {
			out[i] = Prefix(prefix, e)
		}
		return errors.Join(out...)
	case interface{ Unwrap() error }:
		if len(FieldErrors(err)) > 0 {
			return Prefix(prefix, u.Unwrap())
		}
	}
	return err
}

func join(prefix, field string) string {
	if prefix == "" {
		return field
	}
	if field == "" {
		return prefix
	}
	if field[0] == '[' {
		return prefix + field
	}
	return prefix + "." + field
}

// FieldErrors flattens err (errors.Join trees, %w wrapping) into its
// FieldErrors, in order.
func FieldErrors(err error) []*FieldError {
	switch u := err.(type) {
	case nil:
		return nil
	case *FieldError:
		return []*FieldError{u}
	case interface{ Unwrap() []error }:
		var out []*FieldError
		for _, e := range u.Unwrap() {
			out = append(out, FieldErrors(e)...)
		}
		return out
	case interface{ Unwrap() error }:
		return FieldErrors(u.Unwrap())
	}
	return nil
}
