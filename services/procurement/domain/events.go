package domain

import "time"

// Event is a procurement-report event. The concrete types below are the
// only ones.
type Event interface{ isProcurementEvent() }

// Reported records a new report.
type Reported struct {
	Report     Report
	ReportedAt time.Time
}

// Updated replaces the report content.
type Updated struct {
	Report  Report
	Comment string
}

// OutcomeRecorded records what became of the attempt.
type OutcomeRecorded struct {
	Outcome Outcome
	Comment string
}

// Withdrawn records that the originator withdrew the report. The history
// stays; no further change is accepted.
type Withdrawn struct {
	Reason string
}

// Linked records that member By, who can see both, linked the report to
// another item.
type Linked struct {
	To      ItemRef
	By      string
	Comment string
}

// Acknowledged records a recipient's receipt.
type Acknowledged struct {
	Member string
}

func (Reported) isProcurementEvent()        {}
func (Updated) isProcurementEvent()         {}
func (OutcomeRecorded) isProcurementEvent() {}
func (Withdrawn) isProcurementEvent()       {}
func (Linked) isProcurementEvent()          {}
func (Acknowledged) isProcurementEvent()    {}

// ItemKind is the kind of a shared item a report can link to. Values keep
// the protobuf numbers, so an unknown kind converts to an invalid value.
type ItemKind int

// Item kinds a report can link to. Zero and any other value are invalid.
const (
	KindDenial      ItemKind = 1
	KindProcurement ItemKind = 2
)

// Valid reports whether a report can link to an item of kind k.
func (k ItemKind) Valid() bool { return k == KindDenial || k == KindProcurement }

// ItemRef names one shared item.
type ItemRef struct {
	Kind ItemKind
	ID   string
}

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
