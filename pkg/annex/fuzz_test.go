package annex

import (
	"errors"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"9", "9.A", "3.A.1", "4.C.2.a", "20.A.1.b.1", "9.A.6.a.1.c", "5.A.1",
		"3.a.1", "03.A.1", "3.A.1.", "3.A.1.A", " 3.A.1", "3.A.1.ä", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			checkFailure(t, s, c, err)
			return
		}
		if c.String() != s {
			t.Fatalf("String() = %q, input %q", c, s)
		}
		again, err := Parse(c.String())
		if err != nil || again != c {
			t.Fatalf("re-parse of %q = %#v, %v; want %#v", s, again, err, c)
		}
		checkHierarchy(t, c)
	})
}

func checkFailure(t *testing.T, s string, c Code, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Input != s || pe.Reason == "" {
		t.Fatalf("Parse(%q) error %#v is not a complete *ParseError", s, err)
	}
	if c != (Code{}) {
		t.Fatalf("Parse(%q) returned %#v with an error", s, c)
	}
	if !strings.HasPrefix(err.Error(), "annex code ") {
		t.Fatalf("error message %q", err)
	}
}

// checkHierarchy walks c up to its item: every ancestor is a valid code,
// covers c and is not covered by it, and Covers is reflexive throughout.
func checkHierarchy(t *testing.T, c Code) {
	t.Helper()
	if !c.Covers(c) || !Related(c, c) {
		t.Fatalf("%s does not cover itself", c)
	}
	if c.Item() < 1 || c.Item() > 20 || ItemTitle(c.Item()) == "" || c.Category() == 0 {
		t.Fatalf("%s has item %d", c, c.Item())
	}
	for child := c; ; {
		p, ok := child.Parent()
		if !ok {
			if child.Depth() != 1 || child.Group() != 0 {
				t.Fatalf("%s: top %s has depth %d group %q", c, child, child.Depth(), child.Group())
			}
			return
		}
		if reparsed, err := Parse(p.String()); err != nil || reparsed != p {
			t.Fatalf("parent %#v of %s does not re-parse (%v)", p, child, err)
		}
		if !p.Covers(child) || !p.Covers(c) || child.Covers(p) || p.Depth() != child.Depth()-1 {
			t.Fatalf("parent %s of %s breaks Covers/Depth", p, child)
		}
		child = p
	}
}
