// Package write is katalog's one write path. Every change to what katalog
// keeps goes through a Service: agencies registered and updated, register
// imports, datasets created, replaced and deleted, feeds imported, the
// demo loaded, finished readiness checks (and, as they come, observed
// catalogs and portal syncs). After a change is committed the Service tells
// its subscribers through one Event: the scores rescore the agencies it
// touched, the scheduler re-reads those agencies, the feed snapshots drop
// what is stale. HTTP handlers and CLI commands parse, call one method and
// render; none of them starts any of that by hand.
//
// Other instances on the same database learn of changes from the store
// (see Follow), so their schedulers and caches follow as well.
package write

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/token"
)

// Kind says what sort of change an Event reports.
type Kind string

// The kinds of change.
const (
	// AgencyRegistered: a new agency (its harvest URL and schedule too).
	AgencyRegistered Kind = "agencyRegistered"
	// AgencyUpdated: an agency's fields, harvest URL or schedule.
	AgencyUpdated Kind = "agencyUpdated"
	// RegisterImported: many agencies' register facts at once.
	RegisterImported Kind = "registerImported"
	// DatasetsChanged: datasets created, replaced, deleted or imported.
	DatasetsChanged Kind = "datasetsChanged"
	// CheckFinished: a readiness check of the agency's source ended.
	CheckFinished Kind = "checkFinished"
	// LinksChecked: the agency's link table was recorded (by its check, or
	// by the shared link queue once every link of a check was checked,
	// which may be after the check ended).
	LinksChecked Kind = "linksChecked"
	// CatalogObserved: the agency's own catalog, read where it publishes
	// it, has a new version.
	CatalogObserved Kind = "catalogObserved"
	// PortalSynced: what dataportal.se lists for the agencies was read.
	PortalSynced Kind = "portalSynced"
	// Remote: another process changed the catalog (learned from the
	// store by Follow). Agencies names those it touched, when known.
	Remote Kind = "remote"
)

// Event is one committed change.
type Event struct {
	Kind Kind
	// Agencies are the agencies the change touched, in order; for Remote,
	// those written since the last event, or nil for "some, not known
	// which" (when the store could not say).
	Agencies []catalog.OrgNumber
	// Revision is the national catalog's revision after the change, when
	// known.
	Revision catalog.Revision
	At       time.Time
}

// Touches reports whether the event concerns org (a Remote event with no
// agencies concerns every agency).
func (e Event) Touches(org catalog.OrgNumber) bool {
	return (e.Kind == Remote && e.Agencies == nil) || slices.Contains(e.Agencies, org)
}

// AgencyFieldsChanged reports whether an agency's own fields (its harvest
// URL, check schedule, register facts) may have changed: what the scheduler
// follows.
func (e Event) AgencyFieldsChanged() bool {
	switch e.Kind {
	case AgencyRegistered, AgencyUpdated, RegisterImported, Remote:
		return true
	}
	return false
}

// HostedChanged reports whether what katalog publishes for the agencies
// (their feeds) may have changed: the agencies' fields or their datasets.
func (e Event) HostedChanged() bool {
	switch e.Kind {
	case CheckFinished, LinksChecked, CatalogObserved, PortalSynced:
		return false
	}
	return true
}

// Local reports whether the change was made by this process: state kept in
// the database (scores) needs updating only then, by the process that wrote.
func (e Event) Local() bool { return e.Kind != Remote }

// Subscriber is told of every committed change, in the order of the
// changes, on the goroutine that made it: it must not block for long
// (queue slow work, as the scores' rescoring queue does).
type Subscriber func(ctx context.Context, e Event)

// Store is what the write path changes.
type Store interface {
	CreateAgency(ctx context.Context, a *catalog.Agency, tokenHash []byte) error
	UpdateAgency(ctx context.Context, a *catalog.Agency) error
	UpsertAgencies(ctx context.Context, agencies []catalog.Agency) (created, updated int, err error)
	Agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, error)
	CreateDataset(ctx context.Context, d *catalog.Dataset) error
	ReplaceDataset(ctx context.Context, d *catalog.Dataset) error
	DeleteDataset(ctx context.Context, org catalog.OrgNumber, id string) error
	Dataset(ctx context.Context, org catalog.OrgNumber, id string) (*catalog.Dataset, error)
	Revision(ctx context.Context, org catalog.OrgNumber) (catalog.Revision, error)
	SaveLinks(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time, results []catalog.LinkResult) error
	SaveObservation(ctx context.Context, o catalog.Observation, g *catalog.ObservedGraph) (*catalog.ObservedCatalog, bool, error)
	LatestObservation(ctx context.Context, org catalog.OrgNumber) (*catalog.Observation, error)
	SavePortalSync(ctx context.Context, statuses []catalog.PortalStatus) error
	ChangedAgencies(ctx context.Context, since int64) ([]catalog.OrgNumber, error)
	CreateToken(ctx context.Context, t *catalog.Token, hash []byte) error
	RevokeToken(ctx context.Context, org catalog.OrgNumber, id int64) error
	AppendAudit(ctx context.Context, e *catalog.AuditEntry) error
	SaveNotifySettings(ctx context.Context, s *catalog.NotifySettings) error
	QueueNotification(ctx context.Context, n *catalog.Notification, digest bool, deliveries []catalog.Delivery) (bool, error)
	QueueDigest(ctx context.Context, ids []int64, deliveries []catalog.Delivery) error
	SaveLinkCycle(ctx context.Context, cycle int64) error
}

// errNoImporter is Import's error on a Service without an importer.
var errNoImporter = errors.New("write: no importer configured")

// Service makes every change and tells the subscribers. It is safe for
// concurrent use.
type Service struct {
	store    Store
	importer *importer.Importer
	log      *slog.Logger
	now      func() time.Time

	mu   sync.RWMutex
	subs []Subscriber
	// seen is the highest revision an event has carried: Follow reports
	// only what moved past it.
	seen atomic.Int64
}

// Options configure a Service.
type Options struct {
	// Importer imports feeds; nil makes Import fail.
	Importer *importer.Importer
	Logger   *slog.Logger
	// Now stamps events; nil means time.Now.
	Now func() time.Time
}

// New returns a Service writing to store.
func New(store Store, opts Options) *Service {
	s := &Service{store: store, importer: opts.Importer, log: opts.Logger, now: opts.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// CanImport reports whether the Service was given an importer.
func (s *Service) CanImport() bool { return s.importer != nil }

// Subscribe adds fn to the subscribers of every later change.
func (s *Service) Subscribe(fn Subscriber) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subs = append(s.subs, fn)
}

// Publish tells every subscriber of e. The write methods call it after
// each committed change; Follow calls it for other processes' changes.
func (s *Service) Publish(ctx context.Context, e Event) {
	if e.At.IsZero() {
		e.At = s.now()
	}
	if e.Revision.Seq == 0 {
		if rev, err := s.store.Revision(ctx, ""); err == nil {
			e.Revision = rev
		}
	}
	s.raise(e.Revision.Seq)
	s.mu.RLock()
	subs := s.subs
	s.mu.RUnlock()
	for _, fn := range subs {
		fn(ctx, e)
	}
}

func (s *Service) changed(ctx context.Context, kind Kind, orgs ...catalog.OrgNumber) {
	// A change already committed is told even if the request that made it
	// has gone away.
	s.Publish(context.WithoutCancel(ctx), Event{Kind: kind, Agencies: orgs})
}

// RegisterAgency registers a and returns its write token, shown once:
// only its hash is kept. catalog.ErrConflict if the number is taken.
func (s *Service) RegisterAgency(ctx context.Context, a *catalog.Agency) (string, error) {
	tok, hash, err := token.New()
	if err != nil {
		return "", err
	}
	if err := s.store.CreateAgency(ctx, a, hash); err != nil {
		return "", fmt.Errorf("register agency %s: %w", a.OrgNumber, err)
	}
	s.changed(ctx, AgencyRegistered, a.OrgNumber)
	return tok, nil
}

// UpdateAgency replaces a's fields (not its token) and returns the agency
// as stored. catalog.ErrNotFound if it is not registered.
func (s *Service) UpdateAgency(ctx context.Context, a *catalog.Agency) (*catalog.Agency, error) {
	if err := s.store.UpdateAgency(ctx, a); err != nil {
		return nil, fmt.Errorf("update agency %s: %w", a.OrgNumber, err)
	}
	s.changed(ctx, AgencyUpdated, a.OrgNumber)
	return s.store.Agency(ctx, a.OrgNumber)
}

// ImportRegister creates or updates the register facts of agencies in one
// transaction (tokens and settings kept).
func (s *Service) ImportRegister(ctx context.Context, agencies []catalog.Agency) (created, updated int, err error) {
	created, updated, err = s.store.UpsertAgencies(ctx, agencies)
	if err != nil {
		return 0, 0, fmt.Errorf("import the agency register: %w", err)
	}
	if created+updated > 0 {
		orgs := make([]catalog.OrgNumber, len(agencies))
		for i := range agencies {
			orgs[i] = agencies[i].OrgNumber
		}
		s.changed(ctx, RegisterImported, orgs...)
	}
	return created, updated, nil
}

// CreateDataset adds d to its agency. catalog.ErrNotFound if the agency is
// absent, catalog.ErrConflict if the ID is taken.
func (s *Service) CreateDataset(ctx context.Context, d *catalog.Dataset) error {
	if err := s.store.CreateDataset(ctx, d); err != nil {
		return fmt.Errorf("create dataset %s: %w", d.ID, err)
	}
	s.changed(ctx, DatasetsChanged, d.Agency)
	return nil
}

// ReplaceDataset replaces d whole and returns it as stored.
// catalog.ErrNotFound if the agency has no dataset with d's ID.
func (s *Service) ReplaceDataset(ctx context.Context, d *catalog.Dataset) (*catalog.Dataset, error) {
	if err := s.store.ReplaceDataset(ctx, d); err != nil {
		return nil, fmt.Errorf("replace dataset %s: %w", d.ID, err)
	}
	s.changed(ctx, DatasetsChanged, d.Agency)
	return s.store.Dataset(ctx, d.Agency, d.ID)
}

// DeleteDataset removes one of org's datasets. catalog.ErrNotFound if
// absent.
func (s *Service) DeleteDataset(ctx context.Context, org catalog.OrgNumber, id string) error {
	if err := s.store.DeleteDataset(ctx, org, id); err != nil {
		return fmt.Errorf("delete dataset %s: %w", id, err)
	}
	s.changed(ctx, DatasetsChanged, org)
	return nil
}

// Import makes src org's whole catalog, all or nothing (see
// importer.Importer.Import), and tells the subscribers when anything
// changed.
func (s *Service) Import(ctx context.Context, org catalog.OrgNumber, src importer.Source) (*importer.Report, error) {
	if s.importer == nil {
		return nil, errNoImporter
	}
	return s.imported(ctx, org)(s.importer.Import(ctx, org, src))
}

// ImportURL fetches url (following hydra paging) and makes it org's whole
// catalog, as Import.
func (s *Service) ImportURL(ctx context.Context, org catalog.OrgNumber, url, format string, opts importer.Options) (*importer.Report, error) {
	if s.importer == nil {
		return nil, errNoImporter
	}
	return s.imported(ctx, org)(s.importer.ImportURL(ctx, org, url, format, opts))
}

// imported returns what tells the subscribers of an import into org that
// changed anything, passing its result through. A dry run changed nothing.
func (s *Service) imported(ctx context.Context, org catalog.OrgNumber) func(*importer.Report, error) (*importer.Report, error) {
	return func(rep *importer.Report, err error) (*importer.Report, error) {
		if err != nil {
			return nil, err
		}
		if !rep.DryRun && len(rep.Added)+len(rep.Updated)+len(rep.Removed) > 0 {
			s.changed(ctx, DatasetsChanged, org)
		}
		return rep, nil
	}
}

// RecordLinks makes links org's link table as a readiness check found them
// at checkedAt (every link, with since when each is broken), and tells the
// subscribers (LinksChecked): the shared link queue may record a check's
// links after the check has ended.
func (s *Service) RecordLinks(ctx context.Context, org catalog.OrgNumber, checkedAt time.Time, links []catalog.LinkResult) error {
	if err := s.store.SaveLinks(ctx, org, checkedAt, links); err != nil {
		return fmt.Errorf("record the links of %s: %w", org, err)
	}
	s.changed(ctx, LinksChecked, org)
	return nil
}

// RecordLinkCycle makes the results of a cycle of the shared link queue
// (every link of one check of org, checked by the instances' link workers)
// org's link table, within the database, and tells the subscribers
// (LinksChecked).
func (s *Service) RecordLinkCycle(ctx context.Context, org catalog.OrgNumber, cycle int64) error {
	if err := s.store.SaveLinkCycle(ctx, cycle); err != nil {
		return fmt.Errorf("record the links of %s: %w", org, err)
	}
	s.changed(ctx, LinksChecked, org)
	return nil
}

// Observe records one attempt to read an agency's own catalog and, when g
// is not nil, the catalog it read: a new version when its content changed,
// else the latest version seen again. The subscribers are told
// (CatalogObserved) of the first observation, of a new version, and of an
// observation that found a catalog where the last did not, or the reverse.
// It returns the latest
// version and whether it is new.
func (s *Service) Observe(ctx context.Context, o catalog.Observation, g *catalog.ObservedGraph) (*catalog.ObservedCatalog, bool, error) {
	before, err := s.store.LatestObservation(ctx, o.Agency)
	if err != nil && !errors.Is(err, catalog.ErrNotFound) {
		return nil, false, fmt.Errorf("observe the catalog of %s: %w", o.Agency, err)
	}
	v, made, err := s.store.SaveObservation(ctx, o, g)
	if err != nil {
		return nil, false, fmt.Errorf("observe the catalog of %s: %w", o.Agency, err)
	}
	if made || before == nil || before.Found != o.Found {
		s.changed(ctx, CatalogObserved, o.Agency)
	}
	return v, made, nil
}

// RecordPortalSync keeps what one sync of dataportal.se found for the
// agencies it reached, in one transaction, and tells the subscribers.
func (s *Service) RecordPortalSync(ctx context.Context, statuses []catalog.PortalStatus) error {
	if len(statuses) == 0 {
		return nil
	}
	if err := s.store.SavePortalSync(ctx, statuses); err != nil {
		return fmt.Errorf("record the portal sync: %w", err)
	}
	orgs := make([]catalog.OrgNumber, len(statuses))
	for i := range statuses {
		orgs[i] = statuses[i].Agency
	}
	s.changed(ctx, PortalSynced, orgs...)
	return nil
}

// CreateToken makes a new token for org and returns its secret, shown
// once (only its hash is kept), and the token. expiresAt nil: it works
// until revoked. catalog.ErrNotFound if the agency is absent. Nobody
// follows tokens: no event.
func (s *Service) CreateToken(ctx context.Context, org catalog.OrgNumber, name string, expiresAt *time.Time) (string, *catalog.Token, error) {
	secret, hash, err := token.New()
	if err != nil {
		return "", nil, err
	}
	t := &catalog.Token{Agency: org, Name: name, ExpiresAt: expiresAt}
	if err := s.store.CreateToken(ctx, t, hash); err != nil {
		return "", nil, fmt.Errorf("create a token for %s: %w", org, err)
	}
	return secret, t, nil
}

// RevokeToken revokes one of org's tokens: every instance refuses it from
// the next request on. catalog.ErrNotFound if org has no live token id.
func (s *Service) RevokeToken(ctx context.Context, org catalog.OrgNumber, id int64) error {
	if err := s.store.RevokeToken(ctx, org, id); err != nil {
		return fmt.Errorf("revoke token %d of %s: %w", id, org, err)
	}
	return nil
}

// Audit appends e to the audit log.
func (s *Service) Audit(ctx context.Context, e *catalog.AuditEntry) error {
	if err := s.store.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("audit %s %s: %w", e.Method, e.Path, err)
	}
	return nil
}

// SetNotifications stores how an agency wants to be told of changes
// (catalog.ErrNotFound if it is absent). Nobody follows settings: no
// event.
func (s *Service) SetNotifications(ctx context.Context, n *catalog.NotifySettings) error {
	if err := s.store.SaveNotifySettings(ctx, n); err != nil {
		return fmt.Errorf("set the notifications of %s: %w", n.Agency, err)
	}
	return nil
}

// QueueNotification keeps a change of an agency's state and the messages
// that tell it (or marks it for the agency's digest), once per change:
// false when it was queued already (by this or another instance). The
// outbox is delivered by internal/notify; no event.
func (s *Service) QueueNotification(ctx context.Context, n *catalog.Notification, digest bool, deliveries []catalog.Delivery) (bool, error) {
	kept, err := s.store.QueueNotification(ctx, n, digest, deliveries)
	if err != nil {
		return false, fmt.Errorf("queue notification %s: %w", n.Key, err)
	}
	return kept, nil
}

// QueueDigest queues the digest of the changes ids and marks them told.
func (s *Service) QueueDigest(ctx context.Context, ids []int64, deliveries []catalog.Delivery) error {
	if err := s.store.QueueDigest(ctx, ids, deliveries); err != nil {
		return fmt.Errorf("queue a digest: %w", err)
	}
	return nil
}

// CheckFinished tells the subscribers that a readiness check of org's
// source ended (the scheduler has stored its result).
func (s *Service) CheckFinished(ctx context.Context, org catalog.OrgNumber) {
	s.changed(ctx, CheckFinished, org)
}
