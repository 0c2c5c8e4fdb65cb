package annex

import (
	"fmt"
	"unicode/utf8"
)

// ParseError reports why a string is not a valid Annex code. Every error
// returned by [Parse] and [ValidateFull] is a *ParseError; use errors.As to
// get at it.
type ParseError struct {
	Input  string // the text as given to Parse
	Reason string // what is wrong, e.g. "item 5 is reserved"
}

// Error returns a message such as `annex code "5.A.1": item 5 is reserved`.
// Overlong input is shortened in the message (not in Input).
func (e *ParseError) Error() string {
	return fmt.Sprintf("annex code %q: %s", clip(e.Input), e.Reason)
}

// clip shortens s to about 40 bytes on a character boundary, so that a
// hostile input cannot blow up a log line.
func clip(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	n := limit
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}
