// Package domain holds the procurement-attempt report aggregate and its
// rules as pure functions over events: no I/O, no protobuf.
package domain

import "github.com/vigil-org/vigil/pkg/model"

// Channel is how the procurement attempt reached the firm.
type Channel int

// Channels. Zero is invalid.
const (
	ChannelEmail Channel = iota + 1
	ChannelTradeFair
	ChannelWebMarketplace
	ChannelVisit
	ChannelPhone
	ChannelIntermediary
	ChannelOther
	maxChannel
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c > 0 && c < maxChannel }

// RedFlag is an indicator of a suspicious transaction, from a fixed list.
type RedFlag int

// Red flags. Zero is invalid.
const (
	FlagNewCustomerIncompleteKnowledge RedFlag = iota + 1
	FlagEndUserIsTrader
	FlagEndUserInFreeTradeZone
	FlagMilitaryTiesBehindCivilEndUse
	FlagCustomerUnfamiliarWithProduct
	FlagContactsInOtherCountry
	FlagReluctantToStateEndUse
	FlagThinWebPresence
	FlagUnusualPaymentTerms
	FlagUnusualShippingRoute
	FlagDeclinesInstallationOrTraining
	FlagProductInconsistentWithBusiness
	FlagFreightForwarderAsEndUser
	FlagPOBoxAddress
	maxRedFlag
)

// Valid reports whether f is a known red flag.
func (f RedFlag) Valid() bool { return f > 0 && f < maxRedFlag }

// Outcome is what became of the attempt.
type Outcome int

// Outcomes. Zero is invalid.
const (
	OutcomePending Outcome = iota + 1
	OutcomeRefusedByFirm
	OutcomeLicenceAppliedFor
	OutcomeLicenceDenied
	OutcomeLicenceGranted
	OutcomeUnderInvestigation
	OutcomeUnknown
	maxOutcome
)

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool { return o > 0 && o < maxOutcome }

// Confidence grades the reliability of the information.
type Confidence int

// Source-confidence grades. Zero is invalid.
const (
	ConfidenceConfirmed Confidence = iota + 1
	ConfidenceProbablyTrue
	ConfidencePossiblyTrue
	ConfidenceDoubtful
	ConfidenceCannotBeJudged
	maxConfidence
)

// Valid reports whether c is a known grade.
func (c Confidence) Valid() bool { return c > 0 && c < maxConfidence }

// SoughtItem is one item the enquirer tried to obtain.
type SoughtItem struct {
	// ControlEntries are the control-list entries when known; may be empty.
	ControlEntries      []model.ControlEntry
	Description         string
	TechnicalParameters string
	Quantity            model.Quantity
}

// Place is a point on a shipping route.
type Place struct {
	Country       string
	Name          string
	FreeTradeZone bool
}

// PaymentRoute describes how payment was to flow. The zero value means
// the route is unknown.
type PaymentRoute struct {
	Description  string
	Countries    []string
	Institutions []string
}

// IsZero reports whether nothing is known of the route.
func (p PaymentRoute) IsZero() bool {
	return p.Description == "" && len(p.Countries) == 0 && len(p.Institutions) == 0
}

// Report is the content of a procurement-attempt report.
type Report struct {
	Reference        string
	Agency           string
	FirstContactDate string
	LastContactDate  string
	Channel          Channel
	Items            []SoughtItem
	Parties          []model.Party
	PaymentRoute     PaymentRoute
	ShippingRoute    []Place
	RedFlags         []RedFlag
	Outcome          Outcome
	SourceConfidence Confidence
	Destination      string
	Summary          string
	Releasability    model.Releasability
	Marking          model.Marking
}
