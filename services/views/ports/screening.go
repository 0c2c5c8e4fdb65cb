package ports

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/views/app"
)

// ScreeningServer implements vigilv1.ScreeningServiceServer over the
// screening queries. Answers are built only from the items the caller's
// member may see, of the kinds whose parties its role may receive.
type ScreeningServer struct {
	vigilv1.UnsafeScreeningServiceServer
	s   *Server
	app *app.Screening
}

// NewScreeningServer returns the screening handlers; s maps errors.
func NewScreeningServer(s *Server, a *app.Screening) *ScreeningServer {
	return &ScreeningServer{s: s, app: a}
}

// Screen returns the parties matching the name, best first, each with its
// explanation and the items it appears in. INVALID_ARGUMENT names every
// bad field (name, country, identifiers, limit); UNAVAILABLE means the
// index has not reached min_position (or finished loading) yet.
func (x *ScreeningServer) Screen(ctx context.Context, req *vigilv1.ScreenRequest) (*vigilv1.ScreenResponse, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	q := app.ScreenQuery{Principal: p, Name: req.GetName(), Country: req.GetCountry(), Identifiers: identifiers(req.GetIdentifiers()),
		Limit: int(req.GetLimit()), MinPosition: req.GetMinPosition()}
	if err := invalid(q.Validate()); err != nil {
		return nil, err
	}
	res, err := x.app.Screen(ctx, q)
	if err != nil {
		return nil, x.toStatus(err)
	}
	out := &vigilv1.ScreenResponse{Position: res.Position}
	for _, m := range res.Matches {
		out.Matches = append(out.Matches, screenMatchPB(m))
	}
	return out, nil
}

// CheckTransaction returns the active denials of other members the
// application is essentially identical to, best first. INVALID_ARGUMENT
// names every bad field under "application."; PERMISSION_DENIED means the
// caller's role may not receive denial parties.
func (x *ScreeningServer) CheckTransaction(ctx context.Context, req *vigilv1.CheckTransactionRequest) (*vigilv1.CheckTransactionResponse, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	a := application(req.GetApplication())
	if err := invalid(model.Prefix("application", a.Validate())); err != nil {
		return nil, err
	}
	res, err := x.app.CheckTransaction(ctx, app.CheckQuery{Principal: p, Application: a, MinPosition: req.GetMinPosition()})
	if err != nil {
		return nil, x.toStatus(err)
	}
	out := &vigilv1.CheckTransactionResponse{Position: res.Position}
	for _, m := range res.Matches {
		out.Matches = append(out.Matches, denialMatchPB(m))
	}
	return out, nil
}

// toStatus maps the screening errors, then the views' ones.
func (x *ScreeningServer) toStatus(err error) error {
	if errors.Is(err, app.ErrNoDenialAccess) {
		return status.Error(codes.PermissionDenied, app.ErrNoDenialAccess.Error())
	}
	return x.s.toStatus(err)
}

// application converts a licence application (nil gives the zero one,
// which fails validation).
func application(a *vigilv1.LicenceApplication) app.Application {
	return app.Application{Reference: a.GetReference(), ControlEntries: pbconv.Entries(a.GetControlEntries()),
		Destination: a.GetDestinationCountry(), Parties: pbconv.Parties(a.GetParties()), ItemDescription: a.GetItemDescription()}
}

func identifiers(ids []*vigilv1.Identifier) []model.Identifier {
	var out []model.Identifier
	for _, id := range ids {
		out = append(out, model.Identifier{Type: model.IdentifierType(id.GetType()), Value: id.GetValue(), IssuingCountry: id.GetIssuingCountry()})
	}
	return out
}

func screenMatchPB(m app.ScreenMatch) *vigilv1.ScreenMatch {
	out := &vigilv1.ScreenMatch{PartyName: m.PartyName, Aliases: m.Aliases, Country: m.Country, Score: m.Score,
		Explanation: explanationPB(m.Explanation)}
	if m.Identifier.Value != "" {
		// Found by identifier, not by name: no name score parts.
		out.Explanation.Parts = map[string]float64{"identifier": 1}
	}
	for _, r := range m.Items {
		out.Items = append(out.Items, &vigilv1.ItemRef{Kind: pbconv.ItemKindPB(r.Kind), Id: r.ID})
	}
	return out
}

func denialMatchPB(m app.DenialMatch) *vigilv1.DenialMatch {
	return &vigilv1.DenialMatch{DenialId: m.DenialID, DenyingMember: m.DenyingMember, Reference: m.Reference,
		NotifiedAt: timestamppb.New(m.NotifiedAt), RelatedEntries: m.RelatedEntries, DestinationCountry: m.Destination,
		MatchedParty: m.MatchedParty, ApplicationParty: m.ApplicationParty, PartyExplanation: explanationPB(m.Explanation),
		PartyScore: m.Score, Advisory: m.Advisory, Reason: m.Reason}
}

// explanationPB converts a match explanation; the parts are named as the
// fields of match.ScoreParts.
func explanationPB(e match.Explanation) *vigilv1.MatchExplanation {
	out := &vigilv1.MatchExplanation{MatchedName: e.MatchedName, NormalisedQuery: e.NormalisedQuery, NormalisedName: e.NormalisedName,
		UnmatchedQueryTokens: e.UnmatchedQuery, UnmatchedNameTokens: e.UnmatchedCandidate, Parts: map[string]float64{
			"token_similarity":   e.Parts.TokenSimilarity,
			"query_coverage":     e.Parts.QueryCoverage,
			"candidate_coverage": e.Parts.CandidateCoverage,
			"coverage_penalty":   e.Parts.CoveragePenalty,
			"order_penalty":      e.Parts.OrderPenalty,
			"country_bonus":      e.Parts.CountryBonus,
		}}
	for _, p := range e.Aligned {
		out.Aligned = append(out.Aligned, &vigilv1.TokenAlignment{Query: p.Query, Candidate: p.Candidate, Score: p.Score, How: string(p.How)})
	}
	return out
}
