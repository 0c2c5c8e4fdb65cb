package domain_test

import (
	"encoding/base64"
	"errors"
	"testing"

	"github.com/vigil-org/vigil/services/alerts/domain"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, pos := range []uint64{1, 42, 1 << 40, ^uint64(0)} {
		got, err := domain.ParseCursor(domain.Cursor(pos))
		if err != nil || got != pos {
			t.Errorf("ParseCursor(Cursor(%d)) = %d, %v", pos, got, err)
		}
	}
}

func TestParseCursorRejects(t *testing.T) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, c := range []string{"", "x", enc("v1:"), enc("v1:0"), enc("v1:-1"), enc("v1:+5"), enc("v1:007"),
		enc("v2:5"), enc("v1:5 "), enc("v1:99999999999999999999"), base64.StdEncoding.EncodeToString([]byte("v1:5")) + "="} {
		if _, err := domain.ParseCursor(c); !errors.Is(err, domain.ErrBadCursor) {
			t.Errorf("ParseCursor(%q) = %v, want ErrBadCursor", c, err)
		}
	}
}
