package domain

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// ErrBadCursor means a cursor is not one this service issued.
var ErrBadCursor = errors.New("not a cursor issued by this service")

// cursorPrefix versions the cursor encoding.
const cursorPrefix = "v1:"

// Cursor returns the opaque cursor that resumes a stream after log
// position pos: URL-safe base64 of "v1:<pos>".
func Cursor(pos uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatUint(pos, 10)))
}

// ParseCursor returns the log position a cursor resumes after, or an
// error wrapping ErrBadCursor.
func ParseCursor(c string) (uint64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, ErrBadCursor
	}
	digits, ok := strings.CutPrefix(string(raw), cursorPrefix)
	if !ok {
		return 0, ErrBadCursor
	}
	pos, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || pos == 0 || Cursor(pos) != c {
		return 0, ErrBadCursor
	}
	return pos, nil
}
