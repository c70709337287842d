package portal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
)

// Store is what a sync reads: the agencies and their catalogs, those
// katalog hosts and those it observed where the agencies publish them.
type Store interface {
	Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error)
	EachDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error
	EachObservedDataset(ctx context.Context, org catalog.OrgNumber, fn func(*catalog.Dataset) error) error
	ObservedCatalogs(ctx context.Context, org catalog.OrgNumber, p catalog.Page) ([]catalog.ObservedCatalog, int, error)
}

// Recorder keeps one sync's statuses in one transaction and tells those
// who follow the changes: write.Service.
type Recorder interface {
	RecordPortalSync(ctx context.Context, statuses []catalog.PortalStatus) error
}

// Options configure a Syncer.
type Options struct {
	Client *Client
	Store  Store
	Writes Recorder
	// BaseURL is katalog's base: a dataset it hosts without an IRI of its
	// own is published as {BaseURL}/datasets/{ID}.
	BaseURL string
	// Publishers gives more publisher IRIs to ask about for an agency
	// beside the convention's; nil means those the latest version of its
	// own catalog (as observed) names.
	Publishers func(ctx context.Context, org catalog.OrgNumber) ([]string, error)
	// PageSize, BatchSize and MaxRequests size the reading; zero means
	// DefaultPageSize, DefaultBatchSize, DefaultMaxRequests.
	PageSize, BatchSize, MaxRequests int
	// Now stamps the sync; nil means time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Syncer asks the portal what it lists for every agency and keeps the
// answer through the write path.
type Syncer struct {
	o      Options
	mapper *dcat.Mapper
}

// NewSyncer returns a Syncer; an invalid BaseURL is an error.
func NewSyncer(o Options) (*Syncer, error) {
	if o.Client == nil || o.Store == nil || o.Writes == nil {
		return nil, errors.New("portal: a syncer needs a client, a store and a recorder")
	}
	m, err := dcat.NewMapper(o.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("portal: %w", err)
	}
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.Publishers == nil {
		o.Publishers = observedPublishers(o.Store)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.MaxRequests <= 0 {
		o.MaxRequests = DefaultMaxRequests
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Syncer{o: o, mapper: m}, nil
}

// Result is what one sync found and kept.
type Result struct {
	Endpoint  string    `json:"endpoint"`
	CheckedAt time.Time `json:"checkedAt"`
	Agencies  int       `json:"agencies"`
	Listed    int       `json:"listed"`
	NotListed int       `json:"notListed"`
	// Requests counts the queries sent to the endpoint.
	Requests int64                  `json:"requests"`
	Statuses []catalog.PortalStatus `json:"statuses"`
}

// Sync asks the portal which datasets it lists under each agency's
// publisher IRIs, compares them with the agency's catalogs and records
// every agency's status in one transaction (the subscribers rescore them).
//
// The publishers asked about are the convention's (SE<orgnr>, and those
// with a suffix or over https that the portal's datasets name) and those
// Options.Publishers adds. An error wrapping ErrEndpoint means the portal
// did not answer as it should: nothing was recorded, so every status stays
// what the last successful sync said, or unknown.
func (s *Syncer) Sync(ctx context.Context) (*Result, error) {
	start := s.o.Now()
	requests := s.o.Client.Requests()
	agencies, _, err := s.o.Store.Agencies(ctx, catalog.Page{})
	if err != nil {
		return nil, fmt.Errorf("portal sync: the agencies: %w", err)
	}
	res := &Result{Endpoint: s.o.Client.Endpoint(), CheckedAt: start.UTC(), Agencies: len(agencies), Statuses: []catalog.PortalStatus{}}
	if len(agencies) == 0 {
		return res, nil
	}
	r := newReader(s.o.Client, s.o.PageSize, s.o.BatchSize, s.o.MaxRequests)
	found, err := r.conventionPublishers(ctx)
	if err != nil {
		return nil, fmt.Errorf("portal sync: %w", err)
	}
	pubs, ask, err := s.publishers(ctx, agencies, found)
	if err != nil {
		return nil, err
	}
	listings, err := r.datasets(ctx, ask)
	if err != nil {
		return nil, fmt.Errorf("portal sync: %w", err)
	}
	byPublisher := map[string][]int{}
	for i, l := range listings {
		for _, p := range l.Publishers {
			byPublisher[p] = append(byPublisher[p], i)
		}
	}
	for _, a := range agencies {
		st, err := s.status(ctx, a.OrgNumber, pubs[a.OrgNumber], listings, byPublisher)
		if err != nil {
			return nil, err
		}
		st.CheckedAt = res.CheckedAt
		if st.Status == catalog.PortalListed {
			res.Listed++
		} else {
			res.NotListed++
		}
		res.Statuses = append(res.Statuses, st)
	}
	if err := s.o.Writes.RecordPortalSync(ctx, res.Statuses); err != nil {
		return nil, fmt.Errorf("portal sync: %w", err)
	}
	res.Requests = s.o.Client.Requests() - requests
	s.o.Logger.InfoContext(ctx, "portal sync", "endpoint", res.Endpoint, "agencies", res.Agencies,
		"listed", res.Listed, "notListed", res.NotListed, "requests", res.Requests, "took", time.Since(start).Round(time.Millisecond))
	return res, nil
}

// publishers returns each agency's publisher IRIs (the convention's own
// first) and those to ask the portal about: the convention's IRIs its
// datasets name (an agency none of whose are among them has no dataset
// there) and the added ones.
func (s *Syncer) publishers(ctx context.Context, agencies []catalog.Agency, found map[catalog.OrgNumber][]string) (map[catalog.OrgNumber][]string, []string, error) {
	pubs := make(map[catalog.OrgNumber][]string, len(agencies))
	var ask []string
	for _, a := range agencies {
		more := slices.Clone(found[a.OrgNumber])
		if s.o.Publishers != nil {
			extra, err := s.o.Publishers(ctx, a.OrgNumber)
			if err != nil {
				return nil, nil, fmt.Errorf("portal sync: the publishers of %s: %w", a.OrgNumber, err)
			}
			more = append(more, extra...)
		}
		ask = append(ask, more...)
		own := a.OrgNumber.PublisherIRI()
		slices.Sort(more)
		more = slices.DeleteFunc(slices.Compact(more), func(p string) bool { return p == own })
		pubs[a.OrgNumber] = append([]string{own}, more...)
	}
	return pubs, ask, nil
}

// status compares what the portal lists under org's publishers with org's
// catalogs.
func (s *Syncer) status(ctx context.Context, org catalog.OrgNumber, pubs []string, listings []Listing, byPublisher map[string][]int) (catalog.PortalStatus, error) {
	var idx []int
	for _, p := range pubs {
		idx = append(idx, byPublisher[p]...)
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	mine := make([]Listing, len(idx))
	for i, j := range idx {
		mine[i] = listings[j]
	}
	cats, err := s.catalogs(ctx, org)
	if err != nil {
		return catalog.PortalStatus{}, err
	}
	st := catalog.PortalStatus{
		Agency: org, Status: catalog.PortalNotListed, OnPortal: len(mine),
		InCatalogs: cats.Len(), Missing: cats.Missing(mine), Publishers: pubs,
	}
	if len(mine) > 0 {
		st.Status = catalog.PortalListed
	}
	return st, nil
}

// catalogs reads org's datasets: those katalog hosts (published under
// their own IRI or {base}/datasets/{ID}, with their ID as
// dcterms:identifier) and those of its own catalog (their IRI, or for a
// blank node their ID, and their ID, which is the feed's
// dcterms:identifier when that is a UUID).
func (s *Syncer) catalogs(ctx context.Context, org catalog.OrgNumber) (*Catalogs, error) {
	var c Catalogs
	err := s.o.Store.EachDataset(ctx, org, func(d *catalog.Dataset) error {
		iri := d.IRI
		if iri == "" {
			iri, _ = s.mapper.DatasetIRI(d.ID)
		}
		c.Add(iri, []string{iri}, d.ID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("portal sync: the datasets of %s: %w", org, err)
	}
	err = s.o.Store.EachObservedDataset(ctx, org, func(d *catalog.Dataset) error {
		if d.IRI != "" {
			c.Add(d.IRI, []string{d.IRI}, d.ID)
			return nil
		}
		// No IRI: a blank node, or one the reader left out because it is
		// the one katalog mints.
		minted, _ := s.mapper.DatasetIRI(d.ID)
		c.Add(d.ID, []string{minted}, d.ID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("portal sync: the own catalog of %s: %w", org, err)
	}
	return &c, nil
}

// observedPublishers gives the publisher IRIs the latest version of an
// agency's own catalog names (none when it has none).
func observedPublishers(st Store) func(ctx context.Context, org catalog.OrgNumber) ([]string, error) {
	return func(ctx context.Context, org catalog.OrgNumber) ([]string, error) {
		list, _, err := st.ObservedCatalogs(ctx, org, catalog.Page{Number: 1, Limit: 1})
		if err != nil || len(list) == 0 {
			return nil, err
		}
		return list[0].Publishers, nil
	}
}
