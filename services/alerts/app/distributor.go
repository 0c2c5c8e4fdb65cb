package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/vigil-org/vigil/pkg/eventstore"
	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts/adapters"
	"github.com/vigil-org/vigil/services/alerts/domain"
)

// Publisher sends the distributor's messages. Flush returns once every
// message published before it is with the server.
type Publisher interface {
	Publish(m adapters.Message) error
	Flush(ctx context.Context) error
}

// PositionStore keeps the distributor's applied position durably.
type PositionStore interface {
	Load(ctx context.Context) (uint64, error)
	Save(ctx context.Context, pos uint64) error
}

// DefaultSaveInterval is how often the distributor records its position.
const DefaultSaveInterval = 250 * time.Millisecond

// saveTimeout bounds the last save when Run stops.
const saveTimeout = 5 * time.Second

// DistributorConfig configures a Distributor. Store, Publisher, Positions
// and Members are required.
type DistributorConfig struct {
	Store     eventstore.Store
	Publisher Publisher
	Positions PositionStore
	// Members are the member codes to publish for.
	Members []string
	// SubjectPrefix is adapters.DefaultSubjectPrefix when empty.
	SubjectPrefix string
	// SaveInterval is DefaultSaveInterval when zero.
	SaveInterval time.Duration
	Logger       *slog.Logger
}

// Validate reports every problem at once.
func (c DistributorConfig) Validate() error {
	var errs []error
	if c.Store == nil || c.Publisher == nil || c.Positions == nil {
		errs = append(errs, errors.New("alerts distributor: Store, Publisher and Positions are required"))
	}
	if len(c.Members) == 0 {
		errs = append(errs, errors.New("alerts distributor: Members is required"))
	}
	if c.SaveInterval < 0 {
		errs = append(errs, errors.New("alerts distributor: negative SaveInterval"))
	}
	return errors.Join(errs...)
}

func (c *DistributorConfig) defaults() {
	if c.SubjectPrefix == "" {
		c.SubjectPrefix = adapters.DefaultSubjectPrefix
	}
	if c.SaveInterval == 0 {
		c.SaveInterval = DefaultSaveInterval
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Distributor is the projection that republishes every item event, as
// each audience may see it, on NATS: to each member M it is releasable to
// on "<prefix>.members.<M>.<kind>.<Event>", and for each agency role R
// whose need-to-know allows the kind on
// "<prefix>.agencies.<M>.<R>.<kind>.<Event>" with only the parts R may
// see. The payload is the protojson of the StreamItem, cursor included.
//
// Delivery is at least once: the distributor records the position it has
// published up to (after a flush) every SaveInterval and when it stops,
// and resumes after it, so a crash repeats at most the events of the last
// interval. Messages carry their position (header Vigil-Position) for
// subscribers that drop repeats.
type Distributor struct {
	cfg       DistributorConfig
	audiences []audience
	done      atomic.Uint64 // last position published (or passed over)
	saved     atomic.Uint64 // last position recorded
}

// audience is one subject family: a member's delegation (role "") or one
// of its agency roles.
type audience struct {
	domain.Audience
	role string
}

// NewDistributor validates cfg and returns a distributor; Run starts it.
func NewDistributor(cfg DistributorConfig) (*Distributor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.defaults()
	d := &Distributor{cfg: cfg}
	for _, m := range cfg.Members {
		d.audiences = append(d.audiences, audience{Audience: domain.Audience{Member: m,
			Access: identity.NeedToKnow(identity.Principal{ID: m, Member: m})}})
		for _, role := range identity.AgencyRoles() {
			p := identity.Principal{ID: m + "-" + role, Member: m, Agency: role}
			d.audiences = append(d.audiences, audience{Audience: domain.Audience{Member: m, Access: identity.NeedToKnow(p)}, role: role})
		}
	}
	return d, nil
}

// Run loads the recorded position, rebuilds item state silently up to
// it, then publishes every later item event until ctx ends (it returns
// nil after recording its position) or an error stops it (returned; the
// position published before it is recorded). Run must not be called
// twice at once.
func (d *Distributor) Run(ctx context.Context) error {
	start, err := d.cfg.Positions.Load(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("alerts distributor: %w", err)
	}
	d.done.Store(start)
	d.saved.Store(start)
	d.cfg.Logger.Info("alert distributor starting", "after", start)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { d.saveEvery(ctx) })
	state := adapters.NewState()
	err = d.cfg.Store.Subscribe(ctx, 0, func(_ context.Context, ev eventstore.RecordedEvent) error {
		return d.apply(state, start, ev)
	})
	cancel()
	wg.Wait()
	saveErr := d.finalSave()
	if err != nil && parent.Err() == nil {
		return fmt.Errorf("alerts distributor: %w", err)
	}
	return saveErr
}

// apply folds ev and, past start, publishes its change.
func (d *Distributor) apply(state *adapters.State, start uint64, ev eventstore.RecordedEvent) error {
	c, err := state.Apply(ev)
	if err != nil {
		d.cfg.Logger.Warn("alert distributor: event passed over", "position", ev.Position, "err", err)
	}
	if ev.Position <= start {
		return nil
	}
	if c != nil {
		if err := d.publish(c); err != nil {
			return err
		}
	}
	d.done.Store(ev.Position)
	return nil
}

// publish sends c to every audience that may receive it, marshalling
// each distinct rendering once.
func (d *Distributor) publish(c *adapters.Change) error {
	kind, cursor := c.Event.Item.Kind, domain.Cursor(c.Position())
	data := map[*vigilv1.StreamItem][]byte{}
	for _, a := range d.audiences {
		if !a.Receives(c.Event) {
			continue
		}
		parts, _ := a.Access.Parts(kind)
		si := c.StreamItem(a.Member, parts)
		b, ok := data[si]
		if !ok {
			var err error
			if b, err = protojson.Marshal(si); err != nil {
				return fmt.Errorf("marshal event %d: %w", c.Position(), err)
			}
			data[si] = b
		}
		if err := d.cfg.Publisher.Publish(adapters.Message{Subject: d.subject(a, c), Position: c.Position(),
			Cursor: cursor, Data: b}); err != nil {
			return err
		}
	}
	return nil
}

func (d *Distributor) subject(a audience, c *adapters.Change) string {
	if a.role == "" {
		return adapters.MemberSubject(d.cfg.SubjectPrefix, a.Member, c.Event.Item.Kind, c.Event.Type)
	}
	return adapters.AgencySubject(d.cfg.SubjectPrefix, a.Member, a.role, c.Event.Item.Kind, c.Event.Type)
}

// saveEvery records the position every SaveInterval until ctx ends.
func (d *Distributor) saveEvery(ctx context.Context) {
	t := time.NewTicker(d.cfg.SaveInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := d.save(ctx); err != nil && ctx.Err() == nil {
				d.cfg.Logger.Warn("alert distributor: save position", "err", err)
			}
		}
	}
}

// save flushes what was published and records its position, if it moved.
func (d *Distributor) save(ctx context.Context) error {
	pos := d.done.Load()
	if pos <= d.saved.Load() {
		return nil
	}
	if err := d.cfg.Publisher.Flush(ctx); err != nil {
		return err
	}
	if err := d.cfg.Positions.Save(ctx, pos); err != nil {
		return err
	}
	d.saved.Store(pos)
	return nil
}

// finalSave records the position when Run stops.
func (d *Distributor) finalSave() error {
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	defer cancel()
	if err := d.save(ctx); err != nil {
		return fmt.Errorf("alerts distributor: last save: %w", err)
	}
	return nil
}

// Position is the last position published or passed over.
func (d *Distributor) Position() uint64 { return d.done.Load() }

// Saved is the last position recorded.
func (d *Distributor) Saved() uint64 { return d.saved.Load() }
