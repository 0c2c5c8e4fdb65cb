// Package demo seeds a platform with a realistic, deterministic set of
// shared items: denial notifications, procurement-attempt reports and
// brokering alerts by every member over the last two years, with parties
// drawn from the public-domain OFAC list extract in pkg/fixtures, recurring
// networks, transit hubs and rising and falling patterns, so that the
// trends dashboard shows something worth looking at.
//
// Seeding goes through each service's application layer (every item is
// validated like a command) with a clock set to the item's date, and is
// idempotent: every command has a fixed request id.
package demo

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/fixtures"
	"github.com/vigil-org/vigil/pkg/model"
	bradapters "github.com/vigil-org/vigil/services/brokering/adapters"
	brapp "github.com/vigil-org/vigil/services/brokering/app"
	brdomain "github.com/vigil-org/vigil/services/brokering/domain"
	dadapters "github.com/vigil-org/vigil/services/denials/adapters"
	dapp "github.com/vigil-org/vigil/services/denials/app"
	ddomain "github.com/vigil-org/vigil/services/denials/domain"
	padapters "github.com/vigil-org/vigil/services/procurement/adapters"
	papp "github.com/vigil-org/vigil/services/procurement/app"
	pdomain "github.com/vigil-org/vigil/services/procurement/domain"
)

// Config sizes the seed.
type Config struct {
	Store  eventstore.Store
	Roster model.Roster
	// Now is the end of the two-year window.
	Now                      time.Time
	Denials, Reports, Alerts int
	Logger                   *slog.Logger
}

// Defaults are a few hundred items.
const (
	DefaultDenials = 150
	DefaultReports = 100
	DefaultAlerts  = 60
)

// seeder holds the application services and the movable clock.
type seeder struct {
	cfg     Config
	at      time.Time
	rng     *rand.Rand
	parties []fixtures.Party
	denials *dapp.Service
	reports *papp.Service
	alerts  *brapp.Service
}

// Seed writes the demonstration items. Running it twice changes nothing.
func Seed(ctx context.Context, cfg Config) error {
	parties, err := fixtures.Parties()
	if err != nil {
		return err
	}
	s := &seeder{cfg: cfg, rng: rand.New(rand.NewPCG(2026, 11)), parties: parties}
	clock := func() time.Time { return s.at }
	s.denials = dapp.New(dadapters.NewRepository(cfg.Store), ddomain.Policy{Roster: cfg.Roster}, clock)
	s.reports = papp.New(padapters.NewRepository(cfg.Store), padapters.NewItems(cfg.Store), pdomain.Policy{Roster: cfg.Roster}, clock)
	s.alerts = brapp.New(bradapters.NewRepository(cfg.Store), brdomain.Policy{Roster: cfg.Roster}, clock)
	for _, step := range []func(context.Context) error{s.seedDenials, s.seedReports, s.seedAlerts} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	if cfg.Logger != nil {
		cfg.Logger.Info("demo items seeded", "denials", cfg.Denials, "reports", cfg.Reports, "alerts", cfg.Alerts)
	}
	return nil
}

// when places item i of n in the two-year window, a little later for
// later items, with jitter, so that counts rise over time.
func (s *seeder) when(i, n int) time.Time {
	span := 730 * 24 * time.Hour
	frac := float64(i) / float64(n)
	frac = 1 - (1-frac)*(1-frac)*0.9 // denser towards the present
	jitter := time.Duration(s.rng.IntN(72)) * time.Hour
	return s.cfg.Now.Add(-span + time.Duration(frac*float64(span)) - jitter).UTC().Truncate(time.Minute)
}

func (s *seeder) pick(xs []string) string { return xs[s.rng.IntN(len(xs))] }

func (s *seeder) recipients(by string, wide bool) model.Releasability {
	if wide {
		return model.Releasability{AllMembers: true}
	}
	var out []string
	for _, m := range s.cfg.Roster.Members() {
		if m != by && s.rng.IntN(2) == 0 {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		out = []string{s.pick(otherThan(s.cfg.Roster.Members(), by))}
	}
	return model.Releasability{Members: out}
}

// party returns a fixture party of country (or any), favouring a small
// recurring network so that the same entities show up across items.
func (s *seeder) party(country string, role model.PartyRole) model.Party {
	var match []fixtures.Party
	for _, p := range s.parties {
		if p.Country == country {
			match = append(match, p)
		}
	}
	if len(match) == 0 {
		match = s.parties
	}
	n := len(match)
	if s.rng.IntN(3) > 0 {
		n = min(n, 6) // the recurring network
	}
	return match[s.rng.IntN(n)].ModelParty(role)
}

func otherThan(xs []string, x string) []string {
	var out []string
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

func reqID(kind string, i int, what string) string { return fmt.Sprintf("demo-%s-%d%s", kind, i, what) }
