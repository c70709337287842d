// Package notify tells agencies when their state changes: their catalog
// goes from ready to not ready, links of it break, or dataportal.se lists
// fewer of their datasets than at the sync before.
//
//   - A Detector is a subscriber of the write path (write.Service): the
//     events of finished checks (CheckFinished), recorded link tables
//     (LinksChecked) and portal syncs (PortalSynced) queue the agency, and
//     a goroutine reads the store to find what changed. Each change gets a
//     key of its own (the check, the link table's time, the sync's time),
//     so that the same change found twice, by two instances, is one
//     change: it is kept once, with its deliveries, through
//     write.Service.QueueNotification. Agencies that asked for a digest
//     get the day's changes in one message from the daily job (Digest).
//   - A Deliverer is the background worker of each instance: it claims due
//     deliveries of the outbox one at a time (a claim that lapses, its
//     instance gone, is claimed again), sends them (e-mail through the
//     configured SMTP server to the agency's address; a webhook POST,
//     through the guarded outbound client, signed with HMAC-SHA256), and
//     retries failures with backoff until it gives up.
//
// Every text is in Swedish and English. A delivery is sent once, unless an
// instance dies between the server's acceptance and the store's record of
// it (then it is sent again).
package notify

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/write"
)

// Store is what the notifications read.
type Store interface {
	Agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, error)
	Checks(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.CheckRecord, int, error)
	LinkPage(ctx context.Context, org catalog.OrgNumber, f catalog.LinkFilter, p catalog.Page) ([]catalog.LinkResult, int, error)
	PortalHistory(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.PortalStatus, int, error)
	NotifySettings(ctx context.Context, org catalog.OrgNumber) (*catalog.NotifySettings, error)
	DigestNotifications(ctx context.Context) ([]catalog.Notification, error)
	ClaimDelivery(ctx context.Context, holder string, until time.Time) (*catalog.Delivery, error)
	DeliveryDone(ctx context.Context, id int64, holder string, errText string, next time.Time) error
}

// Writer queues what the notifications find: write.Service.
type Writer interface {
	QueueNotification(ctx context.Context, n *catalog.Notification, digest bool, deliveries []catalog.Delivery) (bool, error)
	QueueDigest(ctx context.Context, ids []int64, deliveries []catalog.Delivery) error
}

// What to look for, as bits.
const (
	lookNotReady = 1 << iota
	lookBrokenLinks
	lookPortal
)

// DetectorOptions configure a Detector. Store and Writer are required.
type DetectorOptions struct {
	Store  Store
	Writer Writer
	// Mail is whether e-mail can be sent (notify.smtp is set): without it
	// no e-mail deliveries are queued.
	Mail bool
	// BaseURL is katalog's public address, for links in the messages.
	BaseURL string
	Logger  *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Detector finds changes of agencies' state after the write path's events
// and queues them. Its methods are safe for concurrent use.
type Detector struct {
	o   DetectorOptions
	log *slog.Logger

	mu      sync.Mutex
	pending map[catalog.OrgNumber]int
	wake    chan struct{}
	stop    context.CancelFunc
	done    chan struct{}
}

// NewDetector returns a Detector; Start runs its queue.
func NewDetector(o DetectorOptions) (*Detector, error) {
	if o.Store == nil || o.Writer == nil {
		return nil, errors.New("notify: Store and Writer are required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Detector{o: o, log: log.With("component", "notify"), pending: map[catalog.OrgNumber]int{}, wake: make(chan struct{}, 1)}, nil
}

// Subscriber is the Detector as a subscriber of the write path: it queues
// the agencies of this process's finished checks, link tables and portal
// syncs, and returns at once.
func (d *Detector) Subscriber() write.Subscriber {
	return func(_ context.Context, e write.Event) {
		var look int
		switch e.Kind {
		case write.CheckFinished:
			look = lookNotReady
		case write.LinksChecked:
			look = lookBrokenLinks
		case write.PortalSynced:
			look = lookPortal
		default:
			return
		}
		d.mu.Lock()
		for _, org := range e.Agencies {
			d.pending[org] |= look
		}
		d.mu.Unlock()
		select {
		case d.wake <- struct{}{}:
		default:
		}
	}
}

// Start runs the queue until Stop.
func (d *Detector) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	d.stop, d.done = cancel, make(chan struct{})
	go func() {
		defer close(d.done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-d.wake:
			}
			for org, look := range d.take() {
				if err := d.detect(ctx, org, look); err != nil && ctx.Err() == nil {
					d.log.Error("finding what changed", "agency", org, "err", err)
				}
			}
		}
	}()
}

// Stop ends the queue; changes not yet looked at are found at the next
// event of the agency, or by another instance.
func (d *Detector) Stop() {
	if d.stop != nil {
		d.stop()
		<-d.done
	}
}

func (d *Detector) take() map[catalog.OrgNumber]int {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := d.pending
	d.pending = map[catalog.OrgNumber]int{}
	return out
}

// Detect looks at once for every kind of change of org and queues what it
// finds (for tests and commands; serve uses the Subscriber).
func (d *Detector) Detect(ctx context.Context, org catalog.OrgNumber) error {
	return d.detect(ctx, org, lookNotReady|lookBrokenLinks|lookPortal)
}

// detect finds the changes look asks for and queues them.
func (d *Detector) detect(ctx context.Context, org catalog.OrgNumber, look int) error {
	var found []*catalog.Notification
	for _, f := range []struct {
		bit  int
		find func(context.Context, catalog.OrgNumber) (*catalog.Notification, error)
	}{{lookNotReady, d.notReady}, {lookBrokenLinks, d.brokenLinks}, {lookPortal, d.fewerOnPortal}} {
		if look&f.bit == 0 {
			continue
		}
		n, err := f.find(ctx, org)
		if err != nil {
			return err
		}
		if n != nil {
			found = append(found, n)
		}
	}
	if len(found) == 0 {
		return nil
	}
	a, err := d.o.Store.Agency(ctx, org)
	if err != nil {
		return err
	}
	settings, err := d.settings(ctx, org)
	if err != nil {
		return err
	}
	for _, n := range found {
		if err := d.queue(ctx, a, settings, n); err != nil {
			return err
		}
	}
	return nil
}

// settings are org's notification settings, the defaults when it set none.
func (d *Detector) settings(ctx context.Context, org catalog.OrgNumber) (catalog.NotifySettings, error) {
	s, err := d.o.Store.NotifySettings(ctx, org)
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		return catalog.DefaultNotifySettings(org), nil
	case err != nil:
		return catalog.NotifySettings{}, err
	}
	return *s, nil
}

// queue keeps n with its deliveries, or for the digest.
func (d *Detector) queue(ctx context.Context, a *catalog.Agency, s catalog.NotifySettings, n *catalog.Notification) error {
	digest := s.Mode == catalog.NotifyDigest
	var deliveries []catalog.Delivery
	if !digest {
		deliveries = d.deliveries(a, s, n.Key, []catalog.Notification{*n})
	}
	kept, err := d.o.Writer.QueueNotification(ctx, n, digest, deliveries)
	if err != nil {
		return err
	}
	if kept {
		d.log.Info("change queued", "agency", a.OrgNumber, "kind", n.Kind, "key", n.Key, "deliveries", len(deliveries), "digest", digest)
	}
	return nil
}

// Digest queues, for each agency with changes waiting, one message of
// them all: the daily job of agencies that asked for a digest.
func (d *Detector) Digest(ctx context.Context) error {
	waiting, err := d.o.Store.DigestNotifications(ctx)
	if err != nil {
		return err
	}
	for len(waiting) > 0 {
		org := waiting[0].Agency
		n := 1
		for n < len(waiting) && waiting[n].Agency == org {
			n++
		}
		group := waiting[:n]
		waiting = waiting[n:]
		if err := d.digest(ctx, org, group); err != nil {
			return err
		}
	}
	return nil
}

// digest queues one agency's digest of group.
func (d *Detector) digest(ctx context.Context, org catalog.OrgNumber, group []catalog.Notification) error {
	a, err := d.o.Store.Agency(ctx, org)
	if err != nil {
		return err
	}
	s, err := d.settings(ctx, org)
	if err != nil {
		return err
	}
	ids := make([]int64, len(group))
	for i := range group {
		ids[i] = group[i].ID
	}
	key := "digest:" + string(org) + ":" + itoa(ids[len(ids)-1])
	return d.o.Writer.QueueDigest(ctx, ids, d.deliveries(a, s, key, group))
}
