package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/vigil-org/vigil/pkg/model"
	brdomain "github.com/vigil-org/vigil/services/brokering/domain"
	ddomain "github.com/vigil-org/vigil/services/denials/domain"
	pdomain "github.com/vigil-org/vigil/services/procurement/domain"
)

func (s *seeder) seedDenials(ctx context.Context) error {
	members := s.cfg.Roster.Members()
	for i := range s.cfg.Denials {
		s.at = s.when(i, s.cfg.Denials)
		by, dest, it := s.pick(members), s.pick(destinations), items[s.rng.IntN(len(items))]
		n := ddomain.Notice{
			Reference: fmt.Sprintf("%s-%s-%04d", by, s.at.Format("2006"), i+1), Authority: by + " export licensing authority",
			DenialDate: s.at.AddDate(0, 0, -7).Format(time.DateOnly), Decision: ddomain.DecisionRefused, Basis: ddomain.BasisListed,
			ControlEntries:  []model.ControlEntry{{MTCRCode: it.code, NationalCode: it.national}},
			ItemDescription: it.what, Destination: dest,
			Parties: []model.Party{s.party(dest, model.RoleEndUser)},
			EndUse:  "Stated: civil research", Reason: "Risk of contribution to a missile delivery system programme",
			Releasability: s.recipients(by, s.rng.IntN(3) > 0), Marking: model.MarkingRestricted,
		}
		if s.rng.IntN(4) == 0 {
			n.Parties = append(n.Parties, s.party(s.pick([]string{"ARE", "HKG", "TUR", "MYS"}), model.RoleConsignee))
		}
		res, err := s.denials.Notify(ctx, ddomain.Actor{Member: by}, reqID("d", i, ""), n)
		if err != nil {
			return fmt.Errorf("demo denial %d: %w", i, err)
		}
		if err := s.ackDenial(ctx, i, res.ID, n.Releasability.Recipients(s.cfg.Roster, by)); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) ackDenial(ctx context.Context, i int, id string, recipients []string) error {
	for _, m := range recipients {
		if s.rng.IntN(3) == 0 {
			continue
		}
		s.at = s.at.Add(time.Duration(1+s.rng.IntN(48)) * time.Hour)
		_, err := s.denials.Acknowledge(ctx, ddomain.Actor{Member: m}, reqID("d", i, "-ack-"+m), id)
		if err != nil && !errors.Is(err, ddomain.ErrAlreadyAcknowledged) {
			return fmt.Errorf("demo acknowledgement: %w", err)
		}
	}
	return nil
}

func (s *seeder) seedReports(ctx context.Context) error {
	members := s.cfg.Roster.Members()
	for i := range s.cfg.Reports {
		s.at = s.when(i, s.cfg.Reports)
		by, dest, it := s.pick(members), s.pick(destinations), items[s.rng.IntN(len(items))]
		hub := hubs[s.rng.IntN(len(hubs))]
		r := pdomain.Report{
			Reference: fmt.Sprintf("%s-PA-%s-%03d", by, s.at.Format("2006"), i+1), Agency: "customs and export control",
			FirstContactDate: s.at.AddDate(0, 0, -20).Format(time.DateOnly), LastContactDate: s.at.AddDate(0, 0, -5).Format(time.DateOnly),
			Channel: pdomain.Channel(1 + s.rng.IntN(5)),
			Items: []pdomain.SoughtItem{{ControlEntries: []model.ControlEntry{{MTCRCode: it.code, NationalCode: it.national}},
				Description: it.what, Quantity: model.Quantity{Amount: fmt.Sprint(1 + s.rng.IntN(40)), Unit: "units"}}},
			Parties: []model.Party{s.party(hub.country, model.RoleEnquiringParty), s.party(dest, model.RoleEndUser)},
			ShippingRoute: []pdomain.Place{{Country: hub.country, Name: hub.port, FreeTradeZone: hub.country == "ARE"},
				{Country: dest, Name: discharge[dest].port}},
			RedFlags:         s.redFlags(),
			Outcome:          pdomain.Outcome(2 + s.rng.IntN(3)),
			SourceConfidence: pdomain.Confidence(1 + s.rng.IntN(3)),
			Destination:      dest,
			Summary:          fmt.Sprintf("Enquiry via %s for %s, claimed civil end-use; routed through %s.", hub.port, it.what, hub.port),
			Releasability:    s.recipients(by, s.rng.IntN(4) > 0), Marking: model.MarkingRestricted,
		}
		if _, err := s.reports.ReportAttempt(ctx, pdomain.Actor{Member: by}, reqID("p", i, ""), r); err != nil {
			return fmt.Errorf("demo report %d: %w", i, err)
		}
	}
	return nil
}

func (s *seeder) redFlags() []pdomain.RedFlag {
	var out []pdomain.RedFlag
	seen := map[int]bool{}
	for range 1 + s.rng.IntN(3) {
		f := 1 + s.rng.IntN(8)
		if !seen[f] {
			seen[f] = true
			out = append(out, pdomain.RedFlag(f))
		}
	}
	return out
}

func (s *seeder) seedAlerts(ctx context.Context) error {
	members := s.cfg.Roster.Members()
	for i := range s.cfg.Alerts {
		s.at = s.when(i, s.cfg.Alerts)
		by, dest := s.pick(members), s.pick(destinations)
		d := s.alert(i, by, dest)
		res, err := s.alerts.Raise(ctx, brdomain.Actor{Member: by}, reqID("a", i, ""), d)
		if err != nil {
			return fmt.Errorf("demo alert %d: %w", i, err)
		}
		if err := s.respond(ctx, i, res.ID, d); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) alert(i int, by, dest string) brdomain.Details {
	hub, from, it, cargo := hubs[s.rng.IntN(len(hubs))], loading[s.rng.IntN(len(loading))], items[s.rng.IntN(len(items))], alertCargo[s.rng.IntN(len(alertCargo))]
	others := otherThan(s.cfg.Roster.Members(), by)
	s.rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	addressed := others[:1+s.rng.IntN(2)]
	slices.Sort(addressed)
	day := func(d int) string { return s.at.AddDate(0, 0, d).Format(time.DateOnly) }
	return brdomain.Details{
		Reference: fmt.Sprintf("%s-TS-%s-%03d", by, s.at.Format("2006"), i+1), Type: brdomain.AlertType(1 + s.rng.IntN(4)),
		Urgency: brdomain.Urgency(1 + s.rng.IntN(3)),
		Vessel:  brdomain.Vessel{Name: "OCEAN GLORY", IMONumber: "9074729", MMSI: "477123456", Flag: "HKG"},
		Route: []brdomain.PortCall{
			{Role: brdomain.PortCallRole(1), Port: from.port, LOCODE: from.locode, Country: from.country, DepartureDate: day(-2)},
			{Role: brdomain.PortCallRole(2), Port: hub.port, LOCODE: hub.locode, Country: hub.country, ArrivalDate: day(3), DepartureDate: day(5)},
			{Role: brdomain.PortCallRole(4), Port: discharge[dest].port, LOCODE: discharge[dest].locode, Country: dest, ArrivalDate: day(15)},
		},
		Parties:          []model.Party{s.party(hub.country, model.RoleBroker), s.party(dest, model.RoleConsignee)},
		Cargo:            brdomain.Cargo{DeclaredDescription: cargo.declared, HSCode: cargo.hs, SuspectedEntries: []model.ControlEntry{{MTCRCode: it.code, NationalCode: it.national}}},
		RequestedAction:  brdomain.Action(1 + s.rng.IntN(3)),
		AddressedMembers: addressed,
		ResponseDeadline: s.at.Add(time.Duration(48+s.rng.IntN(120)) * time.Hour),
		Summary:          fmt.Sprintf("Suspected %s declared as %s, transshipped at %s.", it.what, cargo.declared, hub.port),
		Destination:      dest,
		Releasability:    model.Releasability{Members: addressed},
		Marking:          model.MarkingConfidential,
	}
}

func (s *seeder) respond(ctx context.Context, i int, id string, d brdomain.Details) error {
	for _, m := range d.AddressedMembers {
		if s.rng.IntN(4) == 0 {
			continue // left to lapse
		}
		s.at = s.at.Add(time.Duration(2+s.rng.IntN(40)) * time.Hour)
		r := brdomain.Response{ActionTaken: d.RequestedAction, Outcome: brdomain.Outcome(1 + s.rng.IntN(5)),
			Text: "Vessel boarded at berth; documents and cargo checked against the alert."}
		if _, err := s.alerts.Respond(ctx, brdomain.Actor{Member: m}, reqID("a", i, "-resp-"+m), id, r); err != nil {
			return fmt.Errorf("demo response: %w", err)
		}
	}
	return nil
}
