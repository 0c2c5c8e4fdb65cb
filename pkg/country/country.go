// Package country validates ISO 3166-1 alpha-3 country codes, the codes
// Vigil uses for members, destinations and parties' countries.
//
// The table holds the 249 officially assigned alpha-3 codes and nothing
// else: no user-assigned codes such as XKX (Kosovo) or EUE, no
// exceptionally or transitionally reserved codes, and no withdrawn ones
// (ANT, SCG, ...). Names are the English short names, informational only;
// compare codes, never names.
package country

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Errors wrapped by [Validate]; callers branch on them with errors.Is.
var (
	// ErrMalformed means the input is not three uppercase ASCII letters.
	ErrMalformed = errors.New("must be three uppercase letters")
	// ErrUnknown means the input has the right shape but is not an
	// assigned ISO 3166-1 alpha-3 code.
	ErrUnknown = errors.New("not an ISO 3166-1 alpha-3 code")
)

// Valid reports whether code is an assigned ISO 3166-1 alpha-3 code, such
// as "FRA". It is case-sensitive: "fra" is not valid.
func Valid(code string) bool {
	_, ok := Name(code)
	return ok
}

// Name returns the English short name of code ("France" for "FRA") and
// true, or "" and false if code is not valid.
func Name(code string) (string, bool) {
	if !wellFormed(code) {
		return "", false
	}
	i, ok := slices.BinarySearchFunc(table[:], code, func(e entry, c string) int {
		return strings.Compare(e.code, c)
	})
	if !ok {
		return "", false
	}
	return table[i].name, true
}

// Validate returns nil if code is valid. Otherwise it returns an error
// wrapping ErrMalformed (wrong length, case or characters) or ErrUnknown
// (well formed but unassigned), with a message such as
// `country code "FRX": not an ISO 3166-1 alpha-3 code`.
func Validate(code string) error {
	switch {
	case !wellFormed(code):
		return fmt.Errorf("country code %q: %w", clip(code), ErrMalformed)
	case !Valid(code):
		return fmt.Errorf("country code %q: %w", code, ErrUnknown)
	}
	return nil
}

// All returns every valid code in ascending order. The slice is a fresh
// copy the caller may modify.
func All() []string {
	codes := make([]string, len(table))
	for i, e := range table {
		codes[i] = e.code
	}
	return codes
}

func wellFormed(code string) bool {
	return len(code) == 3 && isUpper(code[0]) && isUpper(code[1]) && isUpper(code[2])
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

// clip shortens overlong input in error messages to about 16 bytes plus
// "...", on a character boundary, so that a hostile value cannot blow up a
// log line.
func clip(s string) string {
	const limit = 16
	if len(s) <= limit {
		return s
	}
	n := limit
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
