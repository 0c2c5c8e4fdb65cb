// Package annex parses and relates MTCR Annex control-list entries.
//
// An entry is written Item.Group.Number with optional deeper parts that
// alternate lowercase letters and numbers: "3.A.1", "4.C.2.a",
// "20.A.1.b.1". Prefixes ("9", "9.A") are valid codes too: they name a
// branch of the hierarchy and are used by queries and filters. Notices
// need full codes (see [Code.IsFull] and [ValidateFull]).
//
// Every code has exactly one spelling, so two codes are the same entry if
// and only if they compare equal with ==, and [Code.String] returns the
// text that was parsed.
package annex

import "strings"

// Code is a parsed, valid MTCR Annex code or code prefix. The zero Code is
// not a valid code: its String is "", its Depth and Item are 0, and it
// neither covers nor is covered by any code. Codes are comparable; equal
// codes denote the same entry.
type Code struct {
	s     string
	item  uint8
	group byte
	depth uint8
}

// MustParse is like [Parse] but panics if s is not a valid code. It is
// meant for constants in tests and fixtures, not for input.
func MustParse(s string) Code {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String returns the code in its only valid spelling, e.g. "9.A.6.a".
func (c Code) String() string { return c.s }

// Item returns the Annex item, 1-20 (never 5, 7 or 8); 0 for the zero Code.
func (c Code) Item() int { return int(c.item) }

// Group returns the group letter 'A'-'E', or 0 if the code is an item
// prefix such as "9".
func (c Code) Group() byte { return c.group }

// Depth returns the number of dot-separated parts: 1 for "9", 2 for "9.A",
// 3 for "9.A.6", 4 for "9.A.6.a"; 0 for the zero Code.
func (c Code) Depth() int { return int(c.depth) }

// IsFull reports whether the code names at least item, group and number
// (Depth >= 3), as notices require. Prefixes are for filters only.
func (c Code) IsFull() bool { return c.depth >= 3 }

// Category returns CategoryI for items 1-2, CategoryII for items 3-20, and
// 0 (no category) for the zero Code.
func (c Code) Category() Category { return categoryOf(int(c.item)) }

// Covers reports whether other lies in c's branch of the hierarchy: other
// equals c or descends from it. "9.A.6" covers "9.A.6", "9.A.6.a" and
// "9.A.6.a.1" but not "9.A.60" or "9.A.7"; "9" covers all of item 9.
// Covers is reflexive and transitive; the zero Code covers nothing and is
// covered by nothing.
func (c Code) Covers(other Code) bool {
	if c.s == "" || other.s == "" {
		return false
	}
	if other.s == c.s {
		return true
	}
	return len(other.s) > len(c.s) && other.s[len(c.s)] == '.' &&
		strings.HasPrefix(other.s, c.s)
}

// Parent returns the code one level up ("9.A.6" for "9.A.6.a", "9" for
// "9.A") and true, or the zero Code and false for an item ("9") or the
// zero Code. The parent always covers its child.
func (c Code) Parent() (Code, bool) {
	if c.depth <= 1 {
		return Code{}, false
	}
	p := Code{s: c.s[:strings.LastIndexByte(c.s, '.')], item: c.item, depth: c.depth - 1}
	if p.depth >= 2 {
		p.group = c.group
	}
	return p, true
}

// Related reports whether a and b lie on one branch of the hierarchy (one
// covers the other), the control-entry test for an "essentially identical
// transaction": "9.A.6" and "9.A.6.a" are related, "9.A.6.a" and "9.A.6.b"
// are not. Related is symmetric and false if either code is the zero Code.
func Related(a, b Code) bool { return a.Covers(b) || b.Covers(a) }
