package app

import (
	"context"
	"errors"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/pkg/match"
	"github.com/vigil-org/vigil/services/views/screening"
)

// Screening defaults.
const (
	// DefaultDenialWindow is how recently a denial must have been notified,
	// or renewed or amended on review, for CheckTransaction: three years.
	DefaultDenialWindow = 3 * 365 * 24 * time.Hour
	// DefaultScreenMinScore is the least score Screen returns.
	DefaultScreenMinScore = 0.5
	// DefaultScreeningWait bounds how long a query waits for the screening
	// projection.
	DefaultScreeningWait = 10 * time.Second
)

// ErrNoDenialAccess: the principal may not see the parties of denials
// (identity.NeedToKnow), so it cannot check a transaction against them.
var ErrNoDenialAccess = errors.New("this principal may not receive the parties of denials, so it cannot check transactions against them")

// ScreeningConfig configures Screen and CheckTransaction. The zero value
// takes every default.
type ScreeningConfig struct {
	// Window is how recently a denial must have been notified, or renewed
	// or amended on review, to count in CheckTransaction; default
	// DefaultDenialWindow.
	Window time.Duration
	// Threshold is the least party score, in (0,1], at which
	// CheckTransaction treats two parties as the same; default
	// match.MatchThreshold.
	Threshold float64
	// MinScore is the least score, in (0,1], of a Screen match; default
	// DefaultScreenMinScore.
	MinScore float64
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Wait bounds how long a query waits for the projection to reach its
	// min_position; default DefaultScreeningWait.
	Wait time.Duration
}

// Validate reports every configuration problem at once.
func (c ScreeningConfig) Validate() error {
	var errs []error
	if c.Window < 0 || c.Wait < 0 {
		errs = append(errs, errors.New("screening: durations must not be negative"))
	}
	if c.Threshold < 0 || c.Threshold > 1 {
		errs = append(errs, errors.New("screening: Threshold must be in (0,1], or 0 for the default"))
	}
	if c.MinScore < 0 || c.MinScore > 1 {
		errs = append(errs, errors.New("screening: MinScore must be in (0,1], or 0 for the default"))
	}
	return errors.Join(errs...)
}

// withDefaults fills in the zero fields.
func (c ScreeningConfig) withDefaults() ScreeningConfig {
	if c.Window == 0 {
		c.Window = DefaultDenialWindow
	}
	if c.Threshold == 0 {
		c.Threshold = match.MatchThreshold
	}
	if c.MinScore == 0 {
		c.MinScore = DefaultScreenMinScore
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Wait == 0 {
		c.Wait = DefaultScreeningWait
	}
	return c
}

// Screening answers Screen and CheckTransaction from the screening
// projection. Every answer is for one principal and is built only from
// the items its member may see, of the kinds whose parties its role may
// receive.
type Screening struct {
	proj *screening.Projection
	cfg  ScreeningConfig
}

// NewScreening returns the screening queries over proj, or cfg's problems.
func NewScreening(proj *screening.Projection, cfg ScreeningConfig) (*Screening, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Screening{proj: proj, cfg: cfg.withDefaults()}, nil
}

// catchUp waits until the projection is ready (it has replayed the log)
// and reflects pos, and returns the position it reflects. It returns
// ErrBehind when that takes longer than the configured wait, or ctx's
// error when ctx ends first.
func (s *Screening) catchUp(ctx context.Context, pos uint64) (uint64, error) {
	wctx, cancel := context.WithTimeout(ctx, s.cfg.Wait)
	defer cancel()
	err := s.proj.WaitReady(wctx)
	if err == nil {
		err = s.proj.WaitFor(wctx, pos)
	}
	switch {
	case err == nil:
		return s.proj.Position(), nil
	case ctx.Err() != nil:
		return 0, ctx.Err()
	}
	return 0, ErrBehind
}

// partyKinds are the item kinds whose parties a principal with access may
// receive.
func partyKinds(access identity.Access) []string {
	var out []string
	for _, k := range access.Kinds() {
		if p, _ := access.Parts(k); p.Parties {
			out = append(out, k)
		}
	}
	return out
}
