package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-org/vigil/pkg/annex"
	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/views/screening"
)

// CheckQuery asks which active denials of other members an application
// is essentially identical to.
type CheckQuery struct {
	Principal   identity.Principal
	Application Application
	MinPosition uint64
}

// DenialMatch is an active denial an application is essentially identical
// to, with why.
type DenialMatch struct {
	DenialID      string
	DenyingMember string
	Reference     string
	NotifiedAt    time.Time
	// RelatedEntries say how the control entries relate ("9.A.6 covers
	// 9.A.6.a"); empty for a catch-all denial without entries.
	RelatedEntries []string
	Destination    string
	// MatchedParty is the denial's end-user or consignee that matched
	// ApplicationParty, the application's party, with Score and
	// Explanation.
	MatchedParty     string
	ApplicationParty string
	Score            float64
	Explanation      match.Explanation
	// Advisory is set for a catch-all denial, which is advisory only.
	Advisory bool
	// Reason is a one-line summary of why the denial matched.
	Reason string
}

// CheckResult is the answer to CheckTransaction.
type CheckResult struct {
	Matches  []DenialMatch
	Position uint64
}

// CheckTransaction returns the denials q.Application is essentially
// identical to, best party score first: denials by other members that
// q.Principal's member may see, active, notified (or renewed or amended on
// review) within the configured window, to the same destination, with a
// control entry on one branch of the hierarchy as one of the
// application's (any entry, or none, for a catch-all denial without
// entries), and an end-user or consignee whose name or an alias matches a
// name or alias of an application party at the configured threshold or
// above. The application must be valid (Application.Validate). It returns
// ErrNoDenialAccess for a principal whose role may not receive denial
// parties, and ErrBehind when the projection does not reach
// q.MinPosition in time.
func (s *Screening) CheckTransaction(ctx context.Context, q CheckQuery) (CheckResult, error) {
	if p, _ := identity.NeedToKnow(q.Principal).Parts(identity.KindDenial); !p.Parties {
		return CheckResult{}, ErrNoDenialAccess
	}
	pos, err := s.catchUp(ctx, q.MinPosition)
	if err != nil {
		return CheckResult{}, err
	}
	since := s.cfg.Now().Add(-s.cfg.Window)
	codes := q.Application.codes()
	var out []DenialMatch
	for _, d := range s.proj.Denials(q.Principal.Member, q.Application.Destination) {
		if !undercuttable(d, q.Principal.Member, since) {
			continue
		}
		if m, ok := s.checkDenial(d, codes, q.Application.Parties); ok {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b DenialMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), b.NotifiedAt.Compare(a.NotifiedAt), cmp.Compare(a.DenialID, b.DenialID))
	})
	return CheckResult{Matches: out, Position: pos}, nil
}

// undercuttable reports whether denial d binds member: another member's,
// active, and confirmed since the start of the window.
func undercuttable(d *screening.Item, member string, since time.Time) bool {
	return d.Originator != member && d.Active() && !d.ConfirmedAt.Before(since)
}

// checkDenial matches the application's entries and parties against d.
func (s *Screening) checkDenial(d *screening.Item, codes []annex.Code, parties []model.Party) (DenialMatch, bool) {
	related, ok := relatedEntries(codes, d)
	if !ok {
		return DenialMatch{}, false
	}
	pm, ok := s.bestParty(parties, d)
	if !ok {
		return DenialMatch{}, false
	}
	m := DenialMatch{DenialID: d.ID, DenyingMember: d.Originator, Reference: d.Reference, NotifiedAt: d.CreatedAt,
		RelatedEntries: related, Destination: d.Destination, MatchedParty: pm.denial.Name, ApplicationParty: pm.app,
		Score: pm.result.Score, Explanation: pm.result.Explanation, Advisory: d.CatchAll}
	m.Reason = reason(d, m, pm.denial.Role)
	return m, true
}

// relatedEntries describes the pairs of an application code and a denial
// entry on one branch of the hierarchy, and reports whether there is one;
// a catch-all denial without entries needs none.
func relatedEntries(codes []annex.Code, d *screening.Item) ([]string, bool) {
	if d.CatchAll && len(d.Entries) == 0 {
		return nil, true
	}
	var out []string
	for _, a := range codes {
		for _, e := range d.Entries {
			if r := relation(a, e); r != "" && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out, len(out) > 0
}

// relation describes how codes a and b relate: "9.A.6 covers 9.A.6.a"
// (whichever is broader first), "3.A.1 equals 3.A.1", or "" if they are
// on different branches.
func relation(a, b annex.Code) string {
	switch {
	case a == b:
		return a.String() + " equals " + b.String()
	case a.Covers(b):
		return a.String() + " covers " + b.String()
	case b.Covers(a):
		return b.String() + " covers " + a.String()
	}
	return ""
}

// partyMatch is the best pair of an application party and a denial party.
type partyMatch struct {
	app    string
	denial screening.Party
	result match.Result
}

// bestParty scores every name and alias of every application party
// against the end-users and consignees of d, in an index of those alone
// (scored exhaustively, and independent of every other item), and returns
// the best pair at or above the threshold.
func (s *Screening) bestParty(parties []model.Party, d *screening.Item) (partyMatch, bool) {
	ix := denialParties(d)
	var best partyMatch
	for _, p := range parties {
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			rs := ix.ScanSearch(name, match.Options{Country: p.Country, Limit: 1, MinScore: s.cfg.Threshold})
			if len(rs) == 1 && rs[0].Score > best.result.Score {
				i, _ := strconv.Atoi(rs[0].EntryID)
				best = partyMatch{app: p.Name, denial: d.Parties[i], result: rs[0]}
			}
		}
	}
	return best, best.result.Score > 0
}

// denialParties indexes the end-users and consignees of d, by party index.
func denialParties(d *screening.Item) *match.Index {
	ix := match.NewIndex()
	for i, p := range d.Parties {
		if p.Role == model.RoleEndUser || p.Role == model.RoleConsignee {
			_ = ix.Add(match.Entry{ID: strconv.Itoa(i), Names: p.Names(), Country: p.Country})
		}
	}
	return ix
}

// reason is the one-line summary of a denial match.
func reason(d *screening.Item, m DenialMatch, role model.PartyRole) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s denial %s notified %s", d.Originator, d.Reference, d.CreatedAt.Format(time.DateOnly))
	if d.CatchAll {
		b.WriteString(" (catch-all: advisory only)")
	}
	fmt.Fprintf(&b, ": same destination %s", d.Destination)
	if len(m.RelatedEntries) > 0 {
		fmt.Fprintf(&b, ", related control entries (%s)", strings.Join(m.RelatedEntries, "; "))
	}
	fmt.Fprintf(&b, ", %s %q matches application party %q (score %.2f)", roleName(role), m.MatchedParty, m.ApplicationParty, m.Score)
	return b.String()
}

// roleName names the roles a denial match is about.
func roleName(r model.PartyRole) string {
	if r == model.RoleConsignee {
		return "consignee"
	}
	return "end-user"
}
