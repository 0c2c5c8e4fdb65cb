package platform

import (
	"context"

	"github.com/vigil-org/vigil/services/vigil/internal/demo"
)

// SeedDemo writes the demonstration items (a few hundred denials, reports
// and alerts by every member over the last two years). It is idempotent.
func (p *Platform) SeedDemo(ctx context.Context) error {
	return demo.Seed(ctx, demo.Config{Store: p.Store, Roster: p.Roster, Now: p.cfg.Now(),
		Denials: demo.DefaultDenials, Reports: demo.DefaultReports, Alerts: demo.DefaultAlerts, Logger: p.log})
}
