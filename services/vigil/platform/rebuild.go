package platform

import (
	"context"
	"fmt"
	"os"

	"github.com/vigil-org/vigil/services/views"
)

// RebuildViews drops the views database and projects the whole log into a
// new one. The platform must not be serving (the database is locked).
func RebuildViews(ctx context.Context, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	cfg.defaults()
	cfg.Listen = "127.0.0.1:0"
	p := &Platform{cfg: cfg, log: cfg.Logger}
	defer p.Close()
	for _, step := range []func(context.Context) error{p.startPKI, p.startNATS, p.startStore} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	tmp := cfg.viewsPath() + ".rebuild"
	_ = os.Remove(tmp)
	if err := BuildViews(ctx, p, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, cfg.viewsPath()); err != nil {
		return fmt.Errorf("replace views: %w", err)
	}
	p.log.Info("views rebuilt", "path", cfg.viewsPath())
	return nil
}

// BuildViews projects the whole log, as it is now, into a new views
// database at path.
func BuildViews(ctx context.Context, p *Platform, path string) error {
	last, err := p.Store.LastPosition(ctx)
	if err != nil {
		return err
	}
	v, err := views.New(views.Config{Store: p.Store, Roster: p.Roster, Path: path, Logger: p.log})
	if err != nil {
		return err
	}
	defer v.Close()
	ctx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() { errc <- v.Run(ctx) }()
	waitErr := v.Projector.WaitFor(ctx, last)
	cancel()
	if err := <-errc; err != nil {
		return err
	}
	return waitErr
}
