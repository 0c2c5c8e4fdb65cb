package platform

import (
	"context"
	"errors"
	"fmt"

	"github.com/vigil-org/vigil/pkg/fixtures"
	"github.com/vigil-org/vigil/pkg/model"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// demoNotice describes one seeded notice; parties come from the fixtures.
type demoNotice struct {
	by, dest, code, national, item, reason string
	to                                     []string
	party                                  int
	ackBy                                  []string
}

var demoNotices = []demoNotice{
	{by: "FRA", to: []string{"DEU", "JPN"}, dest: "IRN", code: "3.A.1", national: "9A101",
		item: "Turbojet engines, 4 units, thrust 1.2 kN", reason: "Risk of use in cruise-missile development", party: 0, ackBy: []string{"DEU"}},
	{by: "DEU", dest: "PRK", code: "9.A.6.a", national: "7A103",
		item: "Fibre-optic gyroscopes for inertial navigation", reason: "End-user linked to ballistic missile programme", party: 1},
	{by: "JPN", dest: "CHN", code: "6.C.2", national: "1C107",
		item: "Fine-grain graphite billets, bulk density 1.8 g/cm3", reason: "Diversion risk to rocket-nozzle production", party: 2, ackBy: []string{"KOR", "USA"}},
	{by: "USA", to: []string{"GBR", "KOR", "JPN"}, dest: "SYR", code: "4.C.2.a", national: "1C111",
		item: "Ammonium perchlorate, 2 tonnes", reason: "Composite propellant precursor; end-use statement not credible", party: 3},
	{by: "KOR", dest: "ARE", code: "15.B.1", national: "9B106",
		item: "Vibration test system with digital controller", reason: "Consignee is a trading company in a free-trade zone", party: 4},
	{by: "GBR", dest: "RUS", code: "11.A.3", national: "7A105",
		item: "GNSS receivers designed for use above 600 m/s", reason: "Military end-use", party: 5},
	{by: "ITA", dest: "IRN", code: "10.A.1", national: "7A116",
		item: "Flight-control servo valves", reason: "Procurement network for UAV programme", party: 6},
	{by: "FRA", to: []string{"ITA"}, dest: "PAK", code: "16.D.1",
		item: "Trajectory modelling software", reason: "Catch-all: end-user of concern", party: 7},
}

// SeedDemo notifies the demonstration notices. It is idempotent: each
// notice has a fixed request id, so a second run changes nothing.
func (p *Platform) SeedDemo(ctx context.Context) error {
	parties, err := fixtures.Parties()
	if err != nil {
		return err
	}
	nc := p.cfg.Now()
	for i, d := range demoNotices {
		n := d.notice(pickParty(parties, d.dest, d.party), nc.AddDate(0, -i, -3).Format("2006-01-02"))
		res, err := p.Denials.App.Notify(ctx, domain.Actor{Member: d.by}, fmt.Sprintf("demo-%d", i+1), n)
		if err != nil {
			return fmt.Errorf("seed demo notice %d: %w", i+1, err)
		}
		for _, m := range d.ackBy {
			_, err := p.Denials.App.Acknowledge(ctx, domain.Actor{Member: m}, fmt.Sprintf("demo-%d-ack", i+1), res.ID)
			if err != nil && !errors.Is(err, domain.ErrAlreadyAcknowledged) {
				return fmt.Errorf("seed demo acknowledgement: %w", err)
			}
		}
	}
	p.log.Info("demo notices seeded", "count", len(demoNotices))
	return nil
}

func (d demoNotice) notice(fx fixtures.Party, date string) domain.Notice {
	rel := model.Releasability{AllMembers: len(d.to) == 0, Members: d.to}
	basis := domain.BasisListed
	if d.national == "" {
		basis = domain.BasisCatchAll
	}
	return domain.Notice{
		Reference:       fmt.Sprintf("%s-DEMO-%s", d.by, date),
		Authority:       d.by + " export licensing authority",
		DenialDate:      date,
		Decision:        domain.DecisionRefused,
		Basis:           basis,
		ControlEntries:  []model.ControlEntry{{MTCRCode: d.code, NationalCode: d.national}},
		ItemDescription: d.item,
		Destination:     d.dest,
		Parties:         []model.Party{fx.ModelParty(model.RoleEndUser)},
		EndUse:          "Stated: civil research",
		Reason:          d.reason,
		Releasability:   rel,
		Marking:         model.MarkingRestricted,
	}
}

// pickParty returns the nth fixture party of country, or the nth party.
func pickParty(ps []fixtures.Party, country string, nth int) fixtures.Party {
	var match []fixtures.Party
	for _, p := range ps {
		if p.Country == country {
			match = append(match, p)
		}
	}
	if len(match) == 0 {
		match = ps
	}
	return match[nth%len(match)]
}
