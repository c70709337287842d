// Package linkwork checks the links of agencies' readiness checks through
// the shared link queue in the store (catalog.LinkQueue), so that many
// instances on one database share the work fairly and politely:
//
//   - a check queues its links once each, as a cycle (Pool.RunLinks, the
//     readiness.LinkRunner of serve), and waits for the cycle to be done;
//   - every instance's Pool takes one of a host's slots (at most Slots per
//     host across all instances, 4 by default), then leases batches of
//     that host's links and checks them one after another over a
//     connection of its own (outbound.Client.Dedicated), which it closes
//     when it gives the slot up: a host never has more than Slots
//     connections from katalog, whichever instances hold them;
//   - hosts take turns (the one served longest ago first), and a slot is
//     given up after Rounds batches, so no host and no instance keeps the
//     work to itself;
//   - leases are renewed while held and lapse when an instance dies: its
//     links are queued again and checked by another, so nothing is lost;
//   - when every link of a cycle is checked, one instance records the
//     results as the agency's link table through the write path, whether
//     or not the check that queued them still waits (a check that reached
//     its time limit leaves the rest to be recorded later).
//
// Each URL is checked once per cycle, unless an instance dies while
// checking it (then it is checked again by another).
//
// Why a queue in the store and not river (riverqueue.com): river's open
// source edition has no concurrency limit per key across instances (that
// is River Pro's), so the per-host limit would have to be built beside it
// anyway; and katalog's one SQL store already has leases in both
// dialects, where river would bring a second migration system and a
// second SQLite driver. The queue is five tables' worth of SQL
// (internal/store/sqlstore/linkwork.go).
package linkwork

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/outbound"
	"github.com/katalog-se/katalog/internal/readiness"
)

// Defaults of Options.
const (
	DefaultWorkers  = 32
	DefaultBatch    = 16
	DefaultRounds   = 4
	DefaultLeaseTTL = 30 * time.Second
	DefaultPoll     = time.Second
	// queueBatch is how many links RunLinks queues per statement batch.
	queueBatch = 1000
)

// Recorder makes a finished cycle's results its agency's link table
// (write.Service.RecordLinkCycle, which does it within the database).
type Recorder func(ctx context.Context, org catalog.OrgNumber, cycle int64) error

// Store is the shared link queue and the link tables it fills.
type Store interface {
	catalog.LinkQueue
	LinkPage(ctx context.Context, org catalog.OrgNumber, f catalog.LinkFilter, p catalog.Page) ([]catalog.LinkResult, int, error)
}

// Options configure a Pool. Store, Client and Record are required.
type Options struct {
	// Store is the shared link queue.
	Store Store
	// Client checks the links; each slot held gets a Dedicated copy.
	Client *outbound.Client
	// Record keeps a finished cycle's results as the agency's link table.
	Record Recorder
	// Holder names this instance in leases (required to differ between
	// instances).
	Holder string
	// Workers is how many hosts this instance serves at once
	// (DefaultWorkers).
	Workers int
	// Slots is how many connections one host may have from all instances
	// together (outbound.DefaultPerHostConns).
	Slots int
	// Batch is how many links one lease takes (DefaultBatch); Rounds how
	// many batches a worker checks before giving the slot up
	// (DefaultRounds).
	Batch, Rounds int
	// LeaseTTL is how long a lease lasts unless renewed (DefaultLeaseTTL).
	LeaseTTL time.Duration
	// Poll is how often an idle instance looks for work queued by others
	// (DefaultPoll); work queued here wakes it at once.
	Poll time.Duration
	// Origin is the portal's origin for CORS (readiness.DefaultPortalOrigin).
	Origin string
	Logger *slog.Logger
	// Checked, if set, is told how many links this instance checked, after
	// each batch (for metrics).
	Checked func(n int)
}

// Pool is one instance's link workers. Start it, then use RunLinks.
type Pool struct {
	o   Options
	log *slog.Logger

	mu    sync.Mutex
	wakeC chan struct{}

	stop context.CancelFunc
	done chan struct{}
}

// New returns a Pool; it checks nothing until Start.
func New(o Options) (*Pool, error) {
	if o.Store == nil || o.Client == nil || o.Record == nil || o.Holder == "" {
		return nil, errors.New("linkwork: Store, Client, Record and Holder are required")
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Workers, DefaultWorkers)
	def(&o.Slots, outbound.DefaultPerHostConns)
	def(&o.Batch, DefaultBatch)
	def(&o.Rounds, DefaultRounds)
	if o.LeaseTTL <= 0 {
		o.LeaseTTL = DefaultLeaseTTL
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Pool{o: o, log: log.With("component", "linkwork", "holder", o.Holder), wakeC: make(chan struct{})}, nil
}

// Start runs the workers and the housekeeping (lease renewal, requeueing
// lapsed work, finishing cycles) until Stop.
func (p *Pool) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	p.stop, p.done = cancel, make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { p.dispatch(ctx) })
	wg.Go(func() { p.housekeep(ctx) })
	go func() { wg.Wait(); close(p.done) }()
}

// Stop ends the workers and waits for them. Links leased and not checked
// are left to lapse and be checked by another instance (or this one when
// it starts again).
func (p *Pool) Stop() {
	if p.stop == nil {
		return
	}
	p.stop()
	<-p.done
}

// wake tells idle workers that work was queued here.
func (p *Pool) wake() {
	p.mu.Lock()
	defer p.mu.Unlock()
	close(p.wakeC)
	p.wakeC = make(chan struct{})
}

// woken returns the channel the next wake closes.
func (p *Pool) woken() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.wakeC
}

// dispatch gives hosts to workers: whenever a worker is free it claims a
// slot of a host with work and serves it on a goroutine of its own.
func (p *Pool) dispatch(ctx context.Context) {
	free := make(chan struct{}, p.o.Workers)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		select {
		case free <- struct{}{}:
		case <-ctx.Done():
			return
		}
		wake := p.woken()
		host, slot, ok, err := p.o.Store.ClaimLinkHost(ctx, p.o.Holder, time.Now().Add(p.o.LeaseTTL), p.o.Slots)
		if err != nil && ctx.Err() == nil {
			p.log.Warn("claim a link host", "err", err)
		}
		if !ok {
			<-free
			t := time.NewTimer(p.o.Poll)
			select {
			case <-ctx.Done():
			case <-t.C:
			case <-wake:
			}
			t.Stop()
			continue
		}
		wg.Go(func() {
			defer func() { <-free }()
			p.serve(ctx, host, slot)
		})
	}
}

// closeGrace is how long a worker waits, after closing its connection to a
// host, before it gives the host's slot up: the server sees the
// connection closed before another worker may open one.
const closeGrace = 50 * time.Millisecond

// serve checks batches of host's links over one connection of its own,
// then closes it and gives the slot up.
func (p *Pool) serve(ctx context.Context, host string, slot int) {
	client := p.o.Client.Dedicated()
	defer func() {
		client.CloseIdleConnections()
		time.Sleep(closeGrace)
		if err := p.o.Store.ReleaseLinkSlot(context.WithoutCancel(ctx), host, slot, p.o.Holder); err != nil {
			p.log.Warn("release a link slot", "host", host, "err", err)
		}
	}()
	for range p.o.Rounds {
		items, err := p.o.Store.ClaimLinkWork(ctx, host, p.o.Holder, time.Now().Add(p.o.LeaseTTL), p.o.Batch)
		if err != nil || len(items) == 0 {
			if err != nil && ctx.Err() == nil {
				p.log.Warn("claim links", "host", host, "err", err)
			}
			return
		}
		stopRenew := p.renew(ctx, items)
		for i := range items {
			l := readiness.NewLink(items[i].URL, items[i].Kinds)
			items[i].Result = readiness.CheckLink(ctx, client, p.o.Origin, l).Row()
		}
		stopRenew()
		if ctx.Err() != nil {
			return // unfinished: the leases lapse and the links are checked again
		}
		if err := p.complete(ctx, items); err != nil {
			p.log.Warn("complete links (their leases lapse and they are checked again)", "host", host, "err", err)
			return
		}
		if p.o.Checked != nil {
			p.o.Checked(len(items))
		}
		p.finish(ctx)
	}
}

// renew keeps the leases of a batch being checked alive until the
// returned func is called (which waits for the renewer to stop): only the
// batch's own items, so that a batch whose completion failed lapses.
func (p *Pool) renew(ctx context.Context, items []catalog.LinkWork) (stop func()) {
	ids := make([]int64, len(items))
	for i := range items {
		ids[i] = items[i].ID
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(p.o.LeaseTTL / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if err := p.o.Store.RenewLinkWork(ctx, p.o.Holder, ids, time.Now().Add(p.o.LeaseTTL)); err != nil && ctx.Err() == nil {
					p.log.Warn("renew link leases", "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// complete stores a batch's results, trying again a few times (a
// deadlock between instances, a database that blinked).
func (p *Pool) complete(ctx context.Context, items []catalog.LinkWork) error {
	var err error
	for attempt := range 3 {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(attempt) * 100 * time.Millisecond):
			}
		}
		if err = p.o.Store.CompleteLinkWork(ctx, p.o.Holder, items); err == nil {
			return nil
		}
	}
	return err
}

// housekeep renews this instance's leases, requeues lapsed work and
// finishes cycles whose links are all checked.
func (p *Pool) housekeep(ctx context.Context) {
	t := time.NewTicker(p.o.LeaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := p.o.Store.RenewLinkLeases(ctx, p.o.Holder, time.Now().Add(p.o.LeaseTTL)); err != nil && ctx.Err() == nil {
			p.log.Warn("renew link leases", "err", err)
		}
		if n, err := p.o.Store.RequeueLinkWork(ctx); err != nil && ctx.Err() == nil {
			p.log.Warn("requeue lapsed links", "err", err)
		} else if n > 0 {
			p.log.Info("links of a stopped instance queued again", "links", n)
			p.wake()
		}
		p.finish(ctx)
	}
}

// finish records every cycle whose links are all checked as its agency's
// link table, one instance per cycle.
func (p *Pool) finish(ctx context.Context) {
	for ctx.Err() == nil {
		c, err := p.o.Store.ClaimLinkCycle(ctx, p.o.Holder, time.Now().Add(p.o.LeaseTTL))
		if errors.Is(err, catalog.ErrNotFound) {
			return
		}
		if err != nil {
			p.log.Warn("claim a finished link cycle", "err", err)
			return
		}
		if err := p.record(ctx, c); err != nil {
			p.log.Warn("record the links of a cycle (it is retried when the lease lapses)", "agency", c.Agency, "cycle", c.ID, "err", err)
			return
		}
	}
}

// record keeps cycle c's results as its agency's link table, then closes it.
func (p *Pool) record(ctx context.Context, c *catalog.LinkCycle) error {
	if err := p.o.Record(ctx, c.Agency, c.ID); err != nil {
		return err
	}
	return p.o.Store.CloseLinkCycle(ctx, c.ID, p.o.Holder)
}

// HostOf is the key the queue shares a host's slots under: host:port in
// lower case, the port the scheme's default when none is given. false for
// a URL that is not an absolute http(s) URL.
func HostOf(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port), true
}

// RunLinks implements readiness.LinkRunner: it queues links as a cycle of
// org's, wakes the workers, and waits until the cycle is recorded (then
// the summary is of the link table) or ctx ends (then of what is checked
// so far, with done false; the rest is checked and recorded later). Links
// that are not http(s) URLs are counted as skipped, not queued.
func (p *Pool) RunLinks(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time, links iter.Seq[readiness.Link], total int) (readiness.LinkSummary, bool, error) {
	id, err := p.o.Store.StartLinkCycle(ctx, org, checkedAt)
	if err != nil {
		return readiness.LinkSummary{}, false, fmt.Errorf("linkwork: %w", err)
	}
	queued, skipped, err := p.queue(ctx, id, links)
	if err != nil {
		return readiness.LinkSummary{}, false, err
	}
	if err := p.o.Store.OpenLinkCycle(ctx, id, queued); err != nil {
		return readiness.LinkSummary{}, false, fmt.Errorf("linkwork: %w", err)
	}
	p.wake()
	done, err := p.wait(ctx, id)
	if err != nil {
		return readiness.LinkSummary{}, false, err
	}
	sum, err := p.summary(context.WithoutCancel(ctx), org, id, done)
	sum.Skipped = skipped
	return sum, done, err
}

// queue adds the cycle's links in batches; it returns how many were queued
// and skipped.
func (p *Pool) queue(ctx context.Context, id int64, links iter.Seq[readiness.Link]) (int, int, error) {
	queued, skipped := 0, 0
	batch := make([]catalog.LinkWork, 0, queueBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := p.o.Store.AddLinkWork(ctx, id, batch); err != nil {
			return fmt.Errorf("linkwork: %w", err)
		}
		queued += len(batch)
		batch = batch[:0]
		return nil
	}
	for l := range links {
		host, ok := HostOf(l.URL)
		if !ok {
			skipped++
			continue
		}
		batch = append(batch, catalog.LinkWork{URL: l.URL, Kinds: l.AllKinds(), Host: host})
		if len(batch) == queueBatch {
			if err := flush(); err != nil {
				return 0, 0, err
			}
		}
	}
	return queued, skipped, flush()
}

// wait polls the cycle until it is done (true) or ctx ends (false).
func (p *Pool) wait(ctx context.Context, id int64) (bool, error) {
	delay := 50 * time.Millisecond
	for {
		c, err := p.o.Store.LinkCycle(context.WithoutCancel(ctx), id)
		if err != nil {
			return false, fmt.Errorf("linkwork: %w", err)
		}
		switch c.State {
		case catalog.CycleDone:
			return true, nil
		case catalog.CycleSuperseded:
			return false, fmt.Errorf("linkwork: cycle %d of %s: a newer check of the agency took over its links", id, c.Agency)
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return false, nil
		case <-t.C:
		}
		delay = min(2*delay, time.Second)
	}
}

// summaryPage is how many rows of the link table the summary reads at a
// time.
const summaryPage = 1000

// summary counts the links: the agency's link table once the cycle is
// recorded, read a page at a time, else the cycle's results so far.
func (p *Pool) summary(ctx context.Context, org catalog.OrgNumber, id int64, done bool) (readiness.LinkSummary, error) {
	if !done {
		rows, err := p.o.Store.LinkCycleResults(ctx, id)
		if err != nil {
			return readiness.LinkSummary{}, fmt.Errorf("linkwork: %w", err)
		}
		return readiness.SummarizeTable(rows), nil
	}
	var sum readiness.LinkSummary
	for page := 1; ; page++ {
		rows, total, err := p.o.Store.LinkPage(ctx, org, catalog.LinkFilter{}, catalog.Page{Number: page, Limit: summaryPage})
		if err != nil {
			return readiness.LinkSummary{}, fmt.Errorf("linkwork: %w", err)
		}
		sum.Add(rows)
		if page*summaryPage >= total {
			return sum, nil
		}
	}
}
