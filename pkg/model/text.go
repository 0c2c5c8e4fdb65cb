package model

import (
	"regexp"
	"time"
	"unicode"
	"unicode/utf8"
)

// Size limits for free text, in bytes.
const (
	MaxNameLen  = 256
	MaxShortLen = 128
	MaxTextLen  = 8192
	MaxAliases  = 50
	MaxParties  = 50
	MaxEntries  = 50
	MaxMembers  = 200
	MaxIDs      = 20
	MaxAddrs    = 10
)

// CheckText validates free text: valid UTF-8, no control characters
// (newline and tab are allowed when multiline), at most max bytes, and
// non-blank when required.
func CheckText(field, s string, max int, required, multiline bool) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "is not valid UTF-8")
	}
	if len(s) > max {
		return Invalid(field, "is %d bytes long, the limit is %d", len(s), max)
	}
	for _, r := range s {
		if r == '\n' || r == '\t' || r == '\r' {
			if multiline {
				continue
			}
			return Invalid(field, "must be a single line")
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || isBidiControl(r) {
			return Invalid(field, "contains control character %U", r)
		}
	}
	if required && isBlank(s) {
		return Invalid(field, "is required")
	}
	return nil
}

func isBidiControl(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) }

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ParseDate parses a calendar date YYYY-MM-DD and reports a FieldError for
// anything else.
func ParseDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, Invalid(field, "is required (YYYY-MM-DD)")
	}
	if !dateRE.MatchString(s) {
		return time.Time{}, Invalid(field, "must be a date YYYY-MM-DD")
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, Invalid(field, "is not a valid date")
	}
	return t, nil
}

var requestIDRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// CheckRequestID validates a client idempotency key. Empty is allowed (the
// server then generates one and the command is not idempotent).
func CheckRequestID(s string) error {
	if s != "" && !requestIDRE.MatchString(s) {
		return Invalid("request_id", "must be 1-64 letters, digits, '-' or '_'")
	}
	return nil
}

var idRE = regexp.MustCompile(`^[a-z0-9]{8,64}$`)

// CheckID validates an aggregate id as issued by the services.
func CheckID(field, s string) error {
	if s == "" {
		return Invalid(field, "is required")
	}
	if !idRE.MatchString(s) {
		return Invalid(field, "is not a valid id")
	}
	return nil
}
