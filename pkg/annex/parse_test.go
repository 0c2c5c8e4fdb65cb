package annex

import (
	"errors"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		in    string
		item  int
		group byte
		depth int
		full  bool
	}{
		{"9", 9, 0, 1, false},
		{"20", 20, 0, 1, false},
		{"9.A", 9, 'A', 2, false},
		{"1.E", 1, 'E', 2, false},
		{"3.A.1", 3, 'A', 3, true},
		{"4.C.2.a", 4, 'C', 4, true},
		{"20.A.1.b.1", 20, 'A', 5, true},
		{"9.A.6.a.1.c", 9, 'A', 6, true},
		{"16.D.999", 16, 'D', 3, true},
		{"11.B.10.zz.120.ab", 11, 'B', 6, true},
		{"6.C.2", 6, 'C', 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if c.String() != tt.in || c.Item() != tt.item || c.Group() != tt.group ||
				c.Depth() != tt.depth || c.IsFull() != tt.full {
				t.Errorf("got %q item %d group %q depth %d full %v", c, c.Item(), c.Group(), c.Depth(), c.IsFull())
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		in, reason string
	}{
		{"", "empty"},
		{" 3.A.1", "contains whitespace"},
		{"3.A.1 ", "contains whitespace"},
		{"3.A.\t1", "contains whitespace"},
		{"3.A.1.\u00e4", "contains a non-ASCII character"},
		{"３.A.1", "contains a non-ASCII character"},
		{"3.A.1\x00", `invalid character '\x00'`},
		{"3-A-1", `invalid character '-'`},
		{"3.A.1.a.1.b.2", "more than 6 parts"},
		{"1.A.1.a.1.b.1.a.1.b.1.a.1.b.12345", "longer than 32 bytes"},
		{"1.A.1.a.1.b.1.a.1.b.1.a.1.b.1234", "more than 6 parts"}, // exactly 32 bytes
		{"3.A.1.", "ends with a dot"},
		{".3.A.1", "starts with a dot"},
		{"3..A", "has an empty part (..)"},
		{".", "starts with a dot"},
		{"5.A.1", "item 5 is reserved"},
		{"7", "item 7 is reserved"},
		{"8.B", "item 8 is reserved"},
		{"0.A.1", `item must be positive, got "0"`},
		{"21.A.1", "item 21 is out of range 1-20"},
		{"03.A.1", `item "03" has a leading zero`},
		{"A.3.1", `item must be a number, got "A"`},
		{"1234", `item "1234" has more than 3 digits`},
		{"3.a.1", `group "a" must be uppercase: write "A"`},
		{"3.e", `group "e" must be uppercase: write "E"`},
		{"3.F.1", `unknown group "F" (want A, B, C, D or E)`},
		{"3.f.1", `group must be one letter A-E, got "f"`},
		{"3.AB.1", `group must be one letter A-E, got "AB"`},
		{"3.1.1", `group must be one letter A-E, got "1"`},
		{"3.A.0", `number must be positive, got "0"`},
		{"3.A.01", `number "01" has a leading zero`},
		{"3.A.1000", `number "1000" has more than 3 digits`},
		{"3.A.a", `number must be a number, got "a"`},
		{"3.A.1.A", `part 4 "A" must be lowercase`},
		{"3.A.1.aB", `part 4 "aB" must be lowercase`},
		{"3.A.1.1", `part 4 must be a lowercase letter, got "1"`},
		{"3.A.1.abc", `part 4 "abc" has more than 2 letters`},
		{"3.A.1.a.b", `part 5 must be a number, got "b"`},
		{"3.A.1.a.01", `part 5 "01" has a leading zero`},
		{"3.A.1.a.0", `part 5 must be positive, got "0"`},
		{"3.A.1.a.1.B", `part 6 "B" must be lowercase`},
		{"00000000000000000000000000000000", `item "00000000000000000000000000000000" has a leading zero`},
		{"18446744073709551616000000000000", `item "18446744073709551616000000000000" has more than 3 digits`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Parse(tt.in)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse = %v, %v; want *ParseError", c, err)
			}
			if pe.Input != tt.in || pe.Reason != tt.reason {
				t.Errorf("got {%q, %q}, want reason %q", pe.Input, pe.Reason, tt.reason)
			}
			if c != (Code{}) {
				t.Errorf("Parse returned non-zero code %v with error", c)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("5.A.1")
	if got, want := err.Error(), `annex code "5.A.1": item 5 is reserved`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	long := strings.Repeat("\u00e9", 100)
	_, err = Parse(long)
	if got := err.Error(); len(got) > 80 || !strings.HasSuffix(got, `...": longer than 32 bytes`) {
		t.Errorf("long input not clipped: %q", got)
	}
}

func TestValidateFull(t *testing.T) {
	for _, s := range []string{"3.A.1", "4.C.2.a", "20.A.1.b.1"} {
		if err := ValidateFull(s); err != nil {
			t.Errorf("ValidateFull(%q) = %v", s, err)
		}
	}
	tests := map[string]string{
		"9":     "incomplete: want item.group.number, as in 3.A.1",
		"9.A":   "incomplete: want item.group.number, as in 3.A.1",
		"5.A.1": "item 5 is reserved",
		"":      "empty",
	}
	for in, reason := range tests {
		var pe *ParseError
		if err := ValidateFull(in); !errors.As(err, &pe) || pe.Reason != reason {
			t.Errorf("ValidateFull(%q) = %v, want reason %q", in, err, reason)
		}
	}
}

func TestMustParse(t *testing.T) {
	if got := MustParse("9.A.6"); got.String() != "9.A.6" {
		t.Errorf("MustParse = %v", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustParse of invalid code did not panic")
		}
	}()
	MustParse("5.A.1")
}
