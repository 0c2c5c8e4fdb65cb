package jsstore

import (
	"fmt"
	"strings"

	"github.com/vigil-org/vigil/pkg/eventstore"
)

// Request limits beyond the eventstore contract, kept so that every value
// travels safely in a NATS header.
const (
	maxStreamName = 200
	maxHeaderText = 256
)

// validateAppend checks req before anything is sent. Every error wraps
// eventstore.ErrInvalidAppend and names the problem.
func validateAppend(req eventstore.AppendRequest, maxEvents int) error {
	if err := validateStreamName(req.Stream); err != nil {
		return err
	}
	if req.ExpectedVersion < eventstore.AnyVersion {
		return invalid("expected version %d", req.ExpectedVersion)
	}
	if err := validateHeaderText("request id", req.RequestID, true); err != nil {
		return err
	}
	if len(req.Events) == 0 {
		return invalid("no events")
	}
	if len(req.Events) > maxEvents {
		return invalid("%d events, more than the %d of one atomic append", len(req.Events), maxEvents)
	}
	for i, ev := range req.Events {
		if err := validateEvent(ev); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
	}
	return nil
}

// validateStreamName enforces "<type>.<id>": letters, digits, '-' and
// '_', exactly one '.' with text on both sides, at most 200 bytes.
func validateStreamName(name string) error {
	if name == "" || len(name) > maxStreamName {
		return invalid("stream name %q: length %d not in [1, %d]", name, len(name), maxStreamName)
	}
	typ, id, ok := strings.Cut(name, ".")
	if !ok || typ == "" || id == "" || strings.Contains(id, ".") {
		return invalid("stream name %q: want <type>.<id>", name)
	}
	for _, r := range name {
		if !isNameRune(r) {
			return invalid("stream name %q: character %q not allowed", name, r)
		}
	}
	return nil
}

func isNameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '-' || r == '_' || r == '.'
}

// validateEvent checks one event's ID, Type and size.
func validateEvent(ev eventstore.Event) error {
	if err := validateHeaderText("id", ev.ID, false); err != nil {
		return err
	}
	if err := validateHeaderText("type", ev.Type, false); err != nil {
		return err
	}
	if len(ev.Data) > eventstore.MaxEventSize {
		return invalid("data of %d bytes exceeds %d", len(ev.Data), eventstore.MaxEventSize)
	}
	return nil
}

// validateHeaderText checks a value that travels in a NATS header: printable
// ASCII, bounded, and non-empty unless optional.
func validateHeaderText(what, s string, optional bool) error {
	if s == "" && !optional {
		return invalid("empty %s", what)
	}
	if len(s) > maxHeaderText {
		return invalid("%s longer than %d bytes", what, maxHeaderText)
	}
	for _, r := range s {
		if r < 0x21 || r > 0x7e {
			return invalid("%s %q: character %q not allowed", what, s, r)
		}
	}
	return nil
}

// invalid wraps eventstore.ErrInvalidAppend with a reason.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", eventstore.ErrInvalidAppend, fmt.Sprintf(format, args...))
}
