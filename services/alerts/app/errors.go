package app

import (
	"errors"
	"fmt"
)

// ErrStopped means the hub is not running (closed, or its log reader
// failed): subscriptions end with it and new ones are refused.
var ErrStopped = errors.New("alert stream is not running")

// ErrSlowConsumer is wrapped by *SlowConsumerError.
var ErrSlowConsumer = errors.New("subscriber too slow")

// SlowConsumerError ends a live subscription whose buffer filled up
// because the subscriber did not read fast enough. Cursor resumes right
// after the last event the stream delivered or passed over; it is empty
// when the stream had not passed any position yet (resume from the start
// then).
type SlowConsumerError struct {
	Cursor   string
	Buffered int
}

// Error says what happened and how to resume.
func (e *SlowConsumerError) Error() string {
	return fmt.Sprintf("%v: more than %d matching items waited; reconnect with cursor %q to resume without loss",
		ErrSlowConsumer, e.Buffered, e.Cursor)
}

// Unwrap makes errors.Is(err, ErrSlowConsumer) true.
func (e *SlowConsumerError) Unwrap() error { return ErrSlowConsumer }
