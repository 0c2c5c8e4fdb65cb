package domain

import "time"

// Event is an alert event. The concrete types below are the only ones.
type Event interface{ isAlertEvent() }

// Raised records a new alert.
type Raised struct {
	Details  Details
	RaisedAt time.Time
}

// Updated replaces the alert content.
type Updated struct {
	Details Details
	Comment string
}

// Acknowledged records an addressed member's receipt.
type Acknowledged struct {
	Member string
}

// Responded records an addressed member's response. A member may respond
// more than once; its latest response counts.
type Responded struct {
	Member   string
	Response Response
}

// Closed records that the originator closed the alert.
type Closed struct {
	Reason string
}

// ResponseLapsed records that an addressed member had not responded by
// the deadline. The system records it, at most once per member.
type ResponseLapsed struct {
	Member   string
	Deadline time.Time
}

func (Raised) isAlertEvent()         {}
func (Updated) isAlertEvent()        {}
func (Acknowledged) isAlertEvent()   {}
func (Responded) isAlertEvent()      {}
func (Closed) isAlertEvent()         {}
func (ResponseLapsed) isAlertEvent() {}

// Actor is who issues a command: a member delegation or one of its
// agencies.
type Actor struct {
	Member string
	Agency string
}

// ID is the principal's identity: the member code, or "<member>-<agency>"
// for an agency (KOR-customs). Request ids are scoped to it, so that an
// agency reusing its member's request id never receives the member's
// result.
func (a Actor) ID() string {
	if a.Agency == "" {
		return a.Member
	}
	return a.Member + "-" + a.Agency
}

// Recorded is an event as stored, with its metadata.
type Recorded struct {
	Event     Event
	Actor     Actor
	At        time.Time
	RequestID string
	Version   uint64
	Position  uint64
}
