package screening

import (
	"time"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// effect is what one event changes on an item.
type effect struct {
	// content is the item's new content, nil when unchanged.
	content *content
	// creates is set by the event that creates the item, created to the
	// time it records.
	creates bool
	created time.Time
	// confirmed is set by a review that renews or amends a denial.
	confirmed time.Time
	// status is the new status, zero when unchanged.
	status vigilv1.ItemStatus
}

// content is the part of an item's content that screening keeps.
type content struct {
	reference   string
	destination string
	entries     []*vigilv1.ControlEntry
	catchAll    bool
	parties     []*vigilv1.Party
	rel         *vigilv1.Releasability
}

// isItemKind reports whether aggregate type k is a shared item's.
func isItemKind(k string) bool { return pbconv.ItemKindPB(k) != vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED }

// next returns the item as it is after env, and whether its parties must
// be indexed again (new content or a new audience). It returns nil when
// env does not concern an item the projection knows or creates: events
// for an unknown item other than its creation are ignored.
func next(old *Item, env *vigilv1.EventEnvelope) (*Item, bool) {
	e := effectOf(env)
	var n Item
	switch {
	case old != nil:
		n = *old
	case e.creates:
		n = Item{Kind: env.GetAggregateType(), ID: env.GetAggregateId(), Originator: env.GetOriginator().GetMember(),
			Status: vigilv1.ItemStatus_ITEM_STATUS_ACTIVE, CreatedAt: e.created, ConfirmedAt: e.created}
	default:
		return nil, false
	}
	n.apply(e, env.GetReleasability())
	reindex := old == nil || e.content != nil || n.Audience.key() != old.Audience.key()
	return &n, reindex
}

// apply changes n by e. The envelope's releasability is the item's after
// the event; an envelope without one keeps the content's releasability,
// or the audience as it was.
func (n *Item) apply(e effect, rel *vigilv1.Releasability) {
	if c := e.content; c != nil {
		n.setContent(c)
		if rel == nil {
			rel = c.rel
		}
	}
	if rel != nil {
		n.Audience = audienceOf(rel, n.Originator)
	}
	if e.status != vigilv1.ItemStatus_ITEM_STATUS_UNSPECIFIED {
		n.Status = e.status
	}
	if e.confirmed.After(n.ConfirmedAt) {
		n.ConfirmedAt = e.confirmed
	}
}

// setContent replaces the content fields with new slices, so that items
// stored before keep theirs.
func (n *Item) setContent(c *content) {
	n.Reference, n.Destination, n.CatchAll = c.reference, c.destination, c.catchAll
	n.Entries = codes(c.entries)
	n.Parties = make([]Party, 0, len(c.parties))
	for _, p := range c.parties {
		m := pbconv.Party(p)
		n.Parties = append(n.Parties, Party{Role: m.Role, Name: m.Name, Aliases: m.Aliases, Country: m.Country, Identifiers: m.Identifiers})
	}
}

// codes parses control entries, skipping any the services should have
// refused (a query can never relate them).
func codes(entries []*vigilv1.ControlEntry) []annex.Code {
	out := make([]annex.Code, 0, len(entries))
	for _, e := range entries {
		if c, err := annex.Parse(e.GetMtcrCode()); err == nil {
			out = append(out, c)
		}
	}
	return out
}

// effectOf reads what env changes.
func effectOf(env *vigilv1.EventEnvelope) effect {
	at := env.GetOccurredAt().AsTime()
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_DenialNotified:
		return effect{content: denialContent(p.DenialNotified.GetNotice()), creates: true, created: p.DenialNotified.GetNotifiedAt().AsTime()}
	case *vigilv1.EventEnvelope_DenialAmended:
		return effect{content: denialContent(p.DenialAmended.GetNotice())}
	case *vigilv1.EventEnvelope_DenialReviewed:
		return reviewEffect(p.DenialReviewed, at)
	case *vigilv1.EventEnvelope_DenialExpired:
		return effect{status: vigilv1.ItemStatus_ITEM_STATUS_EXPIRED}
	}
	return reportOrAlertEffect(env)
}

// reviewEffect is a denial review: revoked, or renewed or amended (which
// confirms the denial at the review's time).
func reviewEffect(r *vigilv1.DenialReviewed, at time.Time) effect {
	if r.GetOutcome() == vigilv1.ReviewOutcome_REVIEW_OUTCOME_REVOKED {
		return effect{status: vigilv1.ItemStatus_ITEM_STATUS_REVOKED}
	}
	e := effect{confirmed: at}
	if r.GetNotice() != nil {
		e.content = denialContent(r.GetNotice())
	}
	return e
}

func reportOrAlertEffect(env *vigilv1.EventEnvelope) effect {
	switch p := env.GetPayload().(type) {
	case *vigilv1.EventEnvelope_ProcurementReported:
		return effect{content: reportContent(p.ProcurementReported.GetReport()), creates: true, created: p.ProcurementReported.GetReportedAt().AsTime()}
	case *vigilv1.EventEnvelope_ProcurementUpdated:
		return effect{content: reportContent(p.ProcurementUpdated.GetReport())}
	case *vigilv1.EventEnvelope_ProcurementWithdrawn:
		return effect{status: vigilv1.ItemStatus_ITEM_STATUS_WITHDRAWN}
	case *vigilv1.EventEnvelope_AlertRaised:
		return effect{content: alertContent(p.AlertRaised.GetAlert()), creates: true, created: p.AlertRaised.GetRaisedAt().AsTime()}
	case *vigilv1.EventEnvelope_AlertUpdated:
		return effect{content: alertContent(p.AlertUpdated.GetAlert())}
	case *vigilv1.EventEnvelope_AlertClosed:
		return effect{status: vigilv1.ItemStatus_ITEM_STATUS_CLOSED}
	}
	return effect{}
}

func denialContent(d *vigilv1.DenialNotice) *content {
	return &content{reference: d.GetReference(), destination: d.GetDestinationCountry(), entries: d.GetControlEntries(),
		catchAll: d.GetBasis() == vigilv1.DenialBasis_DENIAL_BASIS_CATCH_ALL, parties: d.GetParties(), rel: d.GetReleasability()}
}

func reportContent(r *vigilv1.ProcurementReport) *content {
	var entries []*vigilv1.ControlEntry
	for _, it := range r.GetItems() {
		entries = append(entries, it.GetControlEntries()...)
	}
	return &content{reference: r.GetReference(), destination: r.GetDestinationCountry(), entries: entries,
		parties: r.GetParties(), rel: r.GetReleasability()}
}

func alertContent(a *vigilv1.BrokeringAlert) *content {
	return &content{reference: a.GetReference(), destination: a.GetDestinationCountry(), entries: a.GetCargo().GetSuspectedEntries(),
		parties: a.GetParties(), rel: a.GetReleasability()}
}
