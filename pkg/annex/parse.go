package annex

import (
	"fmt"
	"strings"
)

// Limits of the code syntax.
const (
	MaxLen    = 32 // longest accepted input, in bytes
	MaxDepth  = 6  // most parts, e.g. "20.A.1.b.1.c"
	maxItem   = 20
	maxDigits = 3 // numbers run 1-999
	maxLetter = 2 // letter parts run a-z, aa-zz
)

// Parse parses s as an Annex code or code prefix. It accepts exactly one
// spelling per code:
//
//	item                  1-20 except the reserved 5, 7 and 8   "9"
//	item.group            group one of A B C D E (uppercase)    "9.A"
//	item.group.number     number 1-999, no leading zeros        "9.A.6"
//	... .letter.number... then alternately 1-2 lowercase letters
//	                      and numbers, up to MaxDepth parts      "9.A.6.a.1"
//
// Input must be at most MaxLen bytes of ASCII letters, digits and single
// dots, with no dot at either end and no whitespace. Any other input gives
// a *ParseError saying what is wrong.
func Parse(s string) (Code, error) {
	if reason := checkShape(s); reason != "" {
		return Code{}, &ParseError{Input: s, Reason: reason}
	}
	parts := strings.Split(s, ".")
	if len(parts) > MaxDepth {
		return Code{}, &ParseError{Input: s, Reason: fmt.Sprintf("more than %d parts", MaxDepth)}
	}
	c := Code{s: s, depth: uint8(len(parts))}
	for i, p := range parts {
		if reason := c.setPart(i, p); reason != "" {
			return Code{}, &ParseError{Input: s, Reason: reason}
		}
	}
	return c, nil
}

// ValidateFull returns nil if s is a full code (item, group and number at
// least, as in "3.A.1"), the form notices require; otherwise a *ParseError.
func ValidateFull(s string) error {
	c, err := Parse(s)
	if err != nil {
		return err
	}
	if !c.IsFull() {
		return &ParseError{Input: s, Reason: "incomplete: want item.group.number, as in 3.A.1"}
	}
	return nil
}

// checkShape checks length, characters and dots, and returns what is
// wrong, or "".
func checkShape(s string) string {
	switch {
	case s == "":
		return "empty"
	case len(s) > MaxLen:
		return fmt.Sprintf("longer than %d bytes", MaxLen)
	}
	for i := 0; i < len(s); i++ {
		if reason := checkByte(s[i]); reason != "" {
			return reason
		}
	}
	switch {
	case s[0] == '.':
		return "starts with a dot"
	case s[len(s)-1] == '.':
		return "ends with a dot"
	case strings.Contains(s, ".."):
		return "has an empty part (..)"
	}
	return ""
}

func checkByte(b byte) string {
	switch {
	case b >= 0x80:
		return "contains a non-ASCII character"
	case b == ' ' || (b >= '\t' && b <= '\r'):
		return "contains whitespace"
	case b == '.' || isDigit(b) || isLower(b) || isUpper(b):
		return ""
	}
	return fmt.Sprintf("invalid character %q", b)
}

// setPart checks part i (0-based) of a code and records it in c.
func (c *Code) setPart(i int, p string) string {
	switch {
	case i == 0:
		return c.setItem(p)
	case i == 1:
		return c.setGroup(p)
	case i == 2:
		_, reason := number(p, "number")
		return reason
	case i%2 == 0:
		_, reason := number(p, fmt.Sprintf("part %d", i+1))
		return reason
	}
	return letters(p, i+1)
}

func (c *Code) setItem(p string) string {
	n, reason := number(p, "item")
	switch {
	case reason != "":
		return reason
	case n > maxItem:
		return fmt.Sprintf("item %d is out of range 1-%d", n, maxItem)
	case n == 5 || n == 7 || n == 8:
		return fmt.Sprintf("item %d is reserved", n)
	}
	c.item = uint8(n)
	return ""
}

func (c *Code) setGroup(p string) string {
	switch {
	case len(p) == 1 && p[0] >= 'A' && p[0] <= 'E':
		c.group = p[0]
		return ""
	case len(p) == 1 && p[0] >= 'a' && p[0] <= 'e':
		return fmt.Sprintf("group %q must be uppercase: write %q", p, strings.ToUpper(p))
	case len(p) == 1 && isUpper(p[0]):
		return fmt.Sprintf("unknown group %q (want A, B, C, D or E)", p)
	}
	return fmt.Sprintf("group must be one letter A-E, got %q", p)
}

// number parses a positive decimal of at most maxDigits digits without
// leading zeros. what names the part in messages.
func number(p, what string) (int, string) {
	for i := 0; i < len(p); i++ {
		if !isDigit(p[i]) {
			return 0, fmt.Sprintf("%s must be a number, got %q", what, p)
		}
	}
	switch {
	case p[0] == '0' && len(p) > 1:
		return 0, fmt.Sprintf("%s %q has a leading zero", what, p)
	case p == "0":
		return 0, fmt.Sprintf("%s must be positive, got %q", what, p)
	case len(p) > maxDigits:
		return 0, fmt.Sprintf("%s %q has more than %d digits", what, p, maxDigits)
	}
	n := 0
	for i := 0; i < len(p); i++ {
		n = n*10 + int(p[i]-'0')
	}
	return n, ""
}

// letters checks a letter part (part pos, 1-based): 1-2 lowercase letters.
func letters(p string, pos int) string {
	for i := 0; i < len(p); i++ {
		switch {
		case isUpper(p[i]):
			return fmt.Sprintf("part %d %q must be lowercase", pos, p)
		case !isLower(p[i]):
			return fmt.Sprintf("part %d must be a lowercase letter, got %q", pos, p)
		}
	}
	if len(p) > maxLetter {
		return fmt.Sprintf("part %d %q has more than %d letters", pos, p, maxLetter)
	}
	return ""
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isLower(b byte) bool { return b >= 'a' && b <= 'z' }
func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
