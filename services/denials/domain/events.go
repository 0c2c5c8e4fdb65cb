package domain

import "time"

// Event is a denial event. The concrete types below are the only ones.
type Event interface{ isDenialEvent() }

// Notified records a new notification.
type Notified struct {
	Notice     Notice
	NotifiedAt time.Time
	ReviewDue  time.Time
}

// Amended replaces the notice content.
type Amended struct {
	Notice  Notice
	Comment string
}

// ReviewOutcome is the result of a review.
type ReviewOutcome int

// Review outcomes. Zero is invalid.
const (
	ReviewRenewed ReviewOutcome = iota + 1
	ReviewAmended
	ReviewRevoked
	maxReviewOutcome
)

// Valid reports whether o is a known outcome.
func (o ReviewOutcome) Valid() bool { return o > 0 && o < maxReviewOutcome }

// Reviewed records a review. Notice is set for ReviewAmended; ReviewDue is
// zero for ReviewRevoked.
type Reviewed struct {
	Outcome   ReviewOutcome
	Notice    *Notice
	Comment   string
	ReviewDue time.Time
}

// Acknowledged records an addressed member's receipt.
type Acknowledged struct {
	Member string
}

// Expired records that the review date passed with no review.
type Expired struct {
	ReviewDue time.Time
}

// GrantedDespiteDenial records, in the denial's stream, that Member
// granted a licence despite the denial after consultation ConsultationID,
// with the mandatory explanation. It changes nothing of the notice.
type GrantedDespiteDenial struct {
	ConsultationID       string
	Member               string
	Explanation          string
	ApplicationReference string
}

func (Notified) isDenialEvent()     {}
func (Amended) isDenialEvent()      {}
func (Reviewed) isDenialEvent()     {}
func (Acknowledged) isDenialEvent() {}
func (Expired) isDenialEvent()      {}

func (GrantedDespiteDenial) isDenialEvent() {}

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
