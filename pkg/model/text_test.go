package model_test

import (
	"strings"
	"testing"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		name      string
		s         string
		max       int
		required  bool
		multiline bool
		reason    string // "" means valid
	}{
		{name: "plain ASCII", s: "Shahid Hemmat Industrial Group", max: 64, required: true},
		{name: "accented Latin", s: "Société Générale d'Équipement", max: 64, required: true},
		{name: "CJK and Arabic script", s: "東京精密 / شركة", max: 64, required: true},
		{name: "empty optional", s: "", max: 8},
		{name: "blank optional", s: "   ", max: 8},
		{name: "exactly max bytes", s: strings.Repeat("a", 8), max: 8, required: true},
		{name: "multi-byte exactly max bytes", s: "éééé", max: 8, required: true},
		{name: "multiline newline", s: "line one\nline two", max: 64, multiline: true},
		{name: "multiline tab", s: "a\tb", max: 64, multiline: true},
		{name: "multiline CRLF", s: "a\r\nb", max: 64, multiline: true},
		{name: "zero-width joiner is not a control", s: "a\u200db", max: 64},

		{name: "invalid UTF-8 byte", s: "abc\xff", max: 64, reason: "not valid UTF-8"},
		{name: "truncated UTF-8 sequence", s: "caf\xc3", max: 64, reason: "not valid UTF-8"},
		{name: "overlong UTF-8 encoding", s: "\xc0\xaf", max: 64, reason: "not valid UTF-8"},
		{name: "UTF-16 surrogate half", s: "\xed\xa0\x80", max: 64, reason: "not valid UTF-8"},
		{name: "invalid UTF-8 in multiline", s: "a\nb\xfe", max: 64, multiline: true, reason: "not valid UTF-8"},
		{name: "NUL", s: "a\x00b", max: 64, reason: "control character U+0000"},
		{name: "BEL", s: "a\ab", max: 64, reason: "control character U+0007"},
		{name: "ESC in multiline", s: "a\x1b[31mred", max: 64, multiline: true, reason: "control character U+001B"},
		{name: "DEL", s: "a\x7f", max: 64, reason: "control character U+007F"},
		{name: "C1 NEL", s: "a\u0085b", max: 64, multiline: true, reason: "control character U+0085"},
		{name: "line separator", s: "a\u2028b", max: 64, multiline: true, reason: "control character U+2028"},
		{name: "paragraph separator", s: "a\u2029b", max: 64, multiline: true, reason: "control character U+2029"},
		{name: "bidi right-to-left override", s: "invoice\u202Efdp.exe", max: 64, reason: "control character U+202E"},
		{name: "bidi left-to-right embedding", s: "a\u202Ab", max: 64, reason: "control character U+202A"},
		{name: "bidi pop directional formatting", s: "a\u202Cb", max: 64, multiline: true, reason: "control character U+202C"},
		{name: "bidi left-to-right isolate", s: "a\u2066b", max: 64, reason: "control character U+2066"},
		{name: "bidi pop directional isolate", s: "a\u2069b", max: 64, reason: "control character U+2069"},
		{name: "newline in single line", s: "a\nb", max: 64, reason: "single line"},
		{name: "tab in single line", s: "a\tb", max: 64, reason: "single line"},
		{name: "carriage return in single line", s: "a\rb", max: 64, reason: "single line"},
		{name: "trailing newline in single line", s: "name\n", max: 64, required: true, reason: "single line"},
		{name: "one byte over max", s: strings.Repeat("a", 9), max: 8, reason: "is 9 bytes long, the limit is 8"},
		{name: "multi-byte over max counts bytes", s: "ééééé", max: 8, reason: "is 10 bytes long, the limit is 8"},
		{name: "oversized multiline", s: strings.Repeat("a\n", 5), max: 8, multiline: true, reason: "limit is 8"},
		{name: "empty required", s: "", max: 8, required: true, reason: "is required"},
		{name: "spaces required", s: "    ", max: 8, required: true, reason: "is required"},
		{name: "no-break space required", s: "\u00a0", max: 8, required: true, reason: "is required"},
		{name: "ideographic space required", s: "\u3000", max: 8, required: true, reason: "is required"},
		{name: "only newlines required multiline", s: "\n\n", max: 8, required: true, multiline: true, reason: "is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := model.CheckText("notice.reason", tt.s, tt.max, tt.required, tt.multiline)
			if tt.reason == "" {
				assertFields(t, err)
				return
			}
			assertFields(t, err, "notice.reason")
			assertReason(t, err, "notice.reason", tt.reason)
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name   string
		s      string
		want   time.Time
		reason string
	}{
		{name: "ordinary date", s: "2024-03-15", want: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)},
		{name: "leap day", s: "2024-02-29", want: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{name: "first day of year", s: "2000-01-01", want: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{name: "empty", s: "", reason: "is required"},
		{name: "no leap day", s: "2023-02-29", reason: "not a valid date"},
		{name: "February 30", s: "2024-02-30", reason: "not a valid date"},
		{name: "month 13", s: "2024-13-01", reason: "not a valid date"},
		{name: "month 00", s: "2024-00-10", reason: "not a valid date"},
		{name: "day 00", s: "2024-01-00", reason: "not a valid date"},
		{name: "day 32", s: "2024-01-32", reason: "not a valid date"},
		{name: "single-digit month", s: "2024-3-15", reason: "YYYY-MM-DD"},
		{name: "two-digit year", s: "24-03-15", reason: "YYYY-MM-DD"},
		{name: "slashes", s: "2024/03/15", reason: "YYYY-MM-DD"},
		{name: "European order", s: "15-03-2024", reason: "YYYY-MM-DD"},
		{name: "RFC 3339 timestamp", s: "2024-03-15T00:00:00Z", reason: "YYYY-MM-DD"},
		{name: "leading space", s: " 2024-03-15", reason: "YYYY-MM-DD"},
		{name: "trailing newline", s: "2024-03-15\n", reason: "YYYY-MM-DD"},
		{name: "five-digit year", s: "12024-03-15", reason: "YYYY-MM-DD"},
		{name: "fullwidth digits", s: "２０２４-03-15", reason: "YYYY-MM-DD"},
		{name: "Arabic-Indic digits", s: "٢٠٢٤-03-15", reason: "YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := model.ParseDate("denial_date", tt.s)
			if tt.reason != "" {
				assertFields(t, err, "denial_date")
				assertReason(t, err, "denial_date", tt.reason)
				if !got.IsZero() {
					t.Fatalf("ParseDate(%q) = %v with an error, want the zero time", tt.s, got)
				}
				return
			}
			assertFields(t, err)
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Fatalf("ParseDate(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}

func TestCheckRequestID(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		valid bool
	}{
		{name: "empty is allowed", s: "", valid: true},
		{name: "one character", s: "a", valid: true},
		{name: "letters digits dash underscore", s: "Notify_2024-03-15-FRA", valid: true},
		{name: "UUID", s: "0f8fad5b-d9cb-469f-a165-70867728950e", valid: true},
		{name: "64 characters", s: strings.Repeat("x", 64), valid: true},
		{name: "65 characters", s: strings.Repeat("x", 65)},
		{name: "space", s: "a b"},
		{name: "slash (would clash with the request key separator)", s: "FRA/1"},
		{name: "dot", s: "a.b"},
		{name: "non-ASCII letter", s: "café"},
		{name: "trailing newline", s: "abc\n"},
		{name: "NUL", s: "a\x00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := model.CheckRequestID(tt.s)
			if tt.valid {
				assertFields(t, err)
				return
			}
			assertFields(t, err, "request_id")
		})
	}
}

func TestCheckID(t *testing.T) {
	tests := []struct {
		name   string
		s      string
		reason string
	}{
		{name: "8 characters", s: "abcdef12"},
		{name: "hex id of 32 characters", s: "9f86d081884c7d659a2feaa0c55ad015"},
		{name: "64 characters", s: strings.Repeat("a", 64)},
		{name: "empty", s: "", reason: "is required"},
		{name: "7 characters", s: "abcdef1", reason: "not a valid id"},
		{name: "65 characters", s: strings.Repeat("a", 65), reason: "not a valid id"},
		{name: "uppercase", s: "ABCDEF12", reason: "not a valid id"},
		{name: "dash", s: "abcd-ef12", reason: "not a valid id"},
		{name: "path traversal", s: "../../etc/passwd", reason: "not a valid id"},
		{name: "trailing newline", s: "abcdef12\n", reason: "not a valid id"},
		{name: "non-ASCII", s: "abcdéf12", reason: "not a valid id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := model.CheckID("denial_id", tt.s)
			if tt.reason == "" {
				assertFields(t, err)
				return
			}
			assertFields(t, err, "denial_id")
			assertReason(t, err, "denial_id", tt.reason)
		})
	}
}
