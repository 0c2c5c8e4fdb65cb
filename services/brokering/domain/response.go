package domain

import (
	"errors"

	"github.com/vigil-org/vigil/pkg/model"
)

// Outcome is what an addressed member found or did.
type Outcome int

// Outcomes. Zero is invalid.
const (
	OutcomeInspected Outcome = iota + 1
	OutcomeSeized
	OutcomeReleased
	OutcomeNoShow
	OutcomeMonitoring
	maxOutcome
)

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool { return o > 0 && o < maxOutcome }

// Response is an addressed member's answer to an alert.
type Response struct {
	ActionTaken Action
	Outcome     Outcome
	Text        string
}

// Validate checks a response; paths are relative to it.
func (r Response) Validate() error {
	return errors.Join(
		checkEnum("action_taken", r.ActionTaken.Valid(), "must be monitor, inspect or hold"),
		checkEnum("outcome", r.Outcome.Valid(), "must be inspected, seized, released, no-show or monitoring"),
		model.CheckText("text", r.Text, model.MaxTextLen, true, true),
	)
}
