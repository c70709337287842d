// Package publish is katalog's publishing side. Builder composes katalog's DCAT-AP-SE documents from a catalog.Store:
// an agency's catalog (the document dataportal.se harvests), the national
// catalog with every agency catalog inline as a dcterms:hasPart
// sub-catalog, one dataset's own description, and hydra-paged variants of
// the two catalogs for harvesters that page.
//
// Documents stream: datasets come from the store one at a time and their
// triples go straight to an rdfio.Writer, so memory stays flat whatever
// the catalog's size. The triples themselves come from dcat.Mapper, the one
// mapping between the domain and DCAT-AP-SE. Cache keeps each document
// built once per catalog revision as a snapshot file, for the HTTP feeds.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// BuilderOptions tune a Builder.
type BuilderOptions struct {
	// Operator, when set, is the publisher of the national catalog (an
	// agency, described as its publisher Agent). When nil the publisher is
	// the Agent {base}/#operator named "katalog".
	Operator *catalog.Agency
	// SkipInvalid, when set, receives the *dcat.FieldError of every dataset
	// that cannot be mapped, and the dataset is left out of the document.
	// When nil such a dataset aborts the document with that error. (The JSON
	// API already rejects bad values; this is defence in depth.)
	SkipInvalid func(error)
}

// Builder writes feed documents. It holds no mutable state; one Builder
// serves any number of goroutines.
type Builder struct {
	store catalog.Store
	m     *dcat.Mapper
	opts  BuilderOptions
}

// New returns a Builder reading store and mapping with m.
func NewBuilder(store catalog.Store, m *dcat.Mapper, opts BuilderOptions) *Builder {
	return &Builder{store: store, m: m, opts: opts}
}

// Mapper returns the Builder's mapper.
func (b *Builder) Mapper() *dcat.Mapper { return b.m }

// Doc selects a document, as internal/publish.Request does.
type Doc struct {
	// Org selects an agency's catalog; "" with DatasetID "" is the national catalog.
	Org catalog.OrgNumber
	// DatasetID selects one dataset's own description.
	DatasetID string
	// Page from 1 selects a hydra page of Limit datasets; 0 is the whole catalog.
	Page, Limit int
}

// Paging selects one page of a paged catalog. Format, when set, puts the
// format's suffix on the page links ({feed}.ttl?page=2&limit=100), so a
// harvester following them gets the same syntax whatever it sends as Accept.
type Paging struct {
	Number, Limit int
	Format        rdfio.Format
}

// Write writes doc in syntax f to w: it opens a writer (NewWriter), builds
// the document and closes the writer. It returns the number of triples.
func (b *Builder) Write(ctx context.Context, doc Doc, f rdfio.Format, w io.Writer) (int, error) {
	rw, err := NewWriter(f, w)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: rw}
	switch {
	case doc.DatasetID != "":
		err = b.DatasetDocument(ctx, doc.DatasetID, cw)
	case doc.Page > 0 && doc.Org != "":
		err = b.AgencyPage(ctx, doc.Org, Paging{Number: doc.Page, Limit: doc.Limit, Format: f}, cw)
	case doc.Page > 0:
		err = b.NationalPage(ctx, Paging{Number: doc.Page, Limit: doc.Limit, Format: f}, cw)
	case doc.Org != "":
		err = b.AgencyFeed(ctx, doc.Org, cw)
	default:
		err = b.NationalFeed(ctx, cw)
	}
	if cerr := rw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("feed: close %s writer: %w", f, cerr)
	}
	return cw.n, err
}

type countingWriter struct {
	w rdfio.Writer
	n int
}

func (c *countingWriter) Write(t rdf.Triple) error {
	if err := c.w.Write(t); err != nil {
		return err
	}
	c.n++
	return nil
}

func (c *countingWriter) Close() error { return c.w.Close() }

// emitWriter is the producer's end of an rdfio.Pipe as an rdfio.Writer.
type emitWriter func(rdf.Triple) error

func (e emitWriter) Write(t rdf.Triple) error { return e(t) }

// Close does nothing: the pipe's writer is closed by whoever opened it.
func (e emitWriter) Close() error { return nil }

// writeErrors wraps the errors of the writer at the end of a pipe as the
// session's emit does.
type writeErrors struct{ w rdfio.Writer }

func (e writeErrors) Write(t rdf.Triple) error {
	if err := e.w.Write(t); err != nil {
		return fmt.Errorf("feed: write: %w", err)
	}
	return nil
}

func (e writeErrors) Close() error { return e.w.Close() }

// session is the state of one document being written.
type session struct {
	b    *Builder
	w    rdfio.Writer
	emit dcat.Emit
	buf  []rdf.Triple
	// agents already described in this document, by organisation number.
	agents map[catalog.OrgNumber]bool
}

func (b *Builder) session(w rdfio.Writer) *session {
	s := &session{b: b, w: w, agents: map[catalog.OrgNumber]bool{}}
	s.emit = func(t rdf.Triple) error {
		if err := w.Write(t); err != nil {
			return fmt.Errorf("feed: write: %w", err)
		}
		return nil
	}
	return s
}

// agent describes a once per document.
func (s *session) agent(a *catalog.Agency) error {
	if s.agents[a.OrgNumber] {
		return nil
	}
	s.agents[a.OrgNumber] = true
	return s.b.m.Agent(a, s.emit)
}

// agencyHeader writes an agency catalog's header and its publisher.
func (s *session) agencyHeader(a *catalog.Agency, rev catalog.Revision) error {
	if err := s.b.m.CatalogHeader(a, rev, s.emit); err != nil {
		return err
	}
	return s.agent(a)
}

// dataset maps d whole into a buffer, then writes it and its catalog links.
// before, if not nil, runs once the dataset is known to be valid and
// before anything of it is written. A dataset that cannot be mapped is
// skipped (reported to BuilderOptions.SkipInvalid) or aborts the document.
// It reports whether the dataset was written.
func (s *session) dataset(catalogIRI string, d *catalog.Dataset, a *catalog.Agency, before func() error) (bool, error) {
	s.buf = s.buf[:0]
	collect := func(t rdf.Triple) error { s.buf = append(s.buf, t); return nil }
	err := s.b.m.Dataset(d, a, collect)
	if err == nil {
		err = s.b.m.CatalogLinks(catalogIRI, d, collect)
	}
	if err != nil {
		var fe *dcat.FieldError
		if s.b.opts.SkipInvalid != nil && errors.As(err, &fe) {
			s.b.opts.SkipInvalid(err)
			return false, nil
		}
		return false, fmt.Errorf("feed: %w", err)
	}
	if before != nil {
		if err := before(); err != nil {
			return false, err
		}
	}
	for _, t := range s.buf {
		if err := s.emit(t); err != nil {
			return false, err
		}
	}
	return true, nil
}

// AgencyFeed writes org's whole catalog: the catalog header, the publisher
// Agent once, then every dataset (one pass over store.EachDataset), each
// followed by the catalog's dcat:dataset and dcat:service links to it. catalog.ErrNotFound (wrapped) if the agency is unknown.
//
// The store walk and the mapping run in a second goroutine while w writes
// in the caller's (see rdfio.Pipe), so BuilderOptions.SkipInvalid is called from
// that goroutine, never concurrently with itself; it has ended when
// AgencyFeed returns.
func (b *Builder) AgencyFeed(ctx context.Context, org catalog.OrgNumber, w rdfio.Writer) error {
	return rdfio.Pipe(ctx, func(emit func(rdf.Triple) error) error {
		return b.agencyFeed(ctx, org, emitWriter(emit))
	}, writeErrors{w})
}

func (b *Builder) agencyFeed(ctx context.Context, org catalog.OrgNumber, w rdfio.Writer) error {
	a, rev, catIRI, err := b.agency(ctx, org)
	if err != nil {
		return err
	}
	s := b.session(w)
	if err := s.agencyHeader(a, rev); err != nil {
		return fmt.Errorf("feed: agency %s: %w", org, err)
	}
	err = b.eachDataset(ctx, a.OrgNumber, func(d *catalog.Dataset) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, err := s.dataset(catIRI, d, a, nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("feed: agency %s: %w", org, err)
	}
	return nil
}

func (b *Builder) agency(ctx context.Context, org catalog.OrgNumber) (*catalog.Agency, catalog.Revision, string, error) {
	a, err := b.store.Agency(ctx, org)
	if err != nil {
		return nil, catalog.Revision{}, "", fmt.Errorf("feed: agency %s: %w", org, err)
	}
	rev, err := b.store.Revision(ctx, a.OrgNumber)
	if err != nil {
		return nil, catalog.Revision{}, "", fmt.Errorf("feed: agency %s: revision: %w", org, err)
	}
	catIRI, err := b.m.AgencyCatalogIRI(a.OrgNumber)
	if err != nil {
		return nil, catalog.Revision{}, "", fmt.Errorf("feed: %w", err)
	}
	return a, rev, catIRI, nil
}

// nationalHeader writes the national catalog's header and its publisher.
func (s *session) nationalHeader(ctx context.Context) error {
	b := s.b
	rev, err := b.store.Revision(ctx, "")
	if err != nil {
		return fmt.Errorf("feed: national catalog: revision: %w", err)
	}
	pub, err := b.operatorPublisher()
	if err != nil {
		return fmt.Errorf("feed: national catalog: %w", err)
	}
	if err := b.m.NationalCatalogHeader(pub, rev, s.emit); err != nil {
		return fmt.Errorf("feed: national catalog: %w", err)
	}
	if b.opts.Operator != nil {
		err = s.agent(b.opts.Operator)
	} else {
		err = b.m.OperatorAgent(s.emit)
	}
	if err != nil {
		return fmt.Errorf("feed: national catalog: publisher: %w", err)
	}
	return nil
}

// operatorPublisher is the IRI of the national catalog's publisher: the
// operator's (BuilderOptions.Operator), else katalog's own.
func (b *Builder) operatorPublisher() (string, error) {
	if b.opts.Operator == nil {
		return b.m.OperatorIRI(), nil
	}
	org, err := catalog.ParseOrgNumber(string(b.opts.Operator.OrgNumber))
	if err != nil {
		return "", fmt.Errorf("operator: %w", err)
	}
	return org.PublisherIRI(), nil
}

// allAgencies lists every agency, ordered by organisation number. (A few
// hundred: they are kept in memory.)
func (b *Builder) allAgencies(ctx context.Context) ([]catalog.Agency, error) {
	const per = 500
	var all []catalog.Agency
	for n := 1; ; n++ {
		as, total, err := b.store.Agencies(ctx, catalog.Page{Number: n, Limit: per})
		if err != nil {
			return nil, fmt.Errorf("feed: agencies: %w", err)
		}
		all = append(all, as...)
		if len(as) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// NationalFeed writes the national catalog {base}/catalog: its header and
// publisher, then for each agency with datasets a dcterms:hasPart
// sub-catalog described inline (header, publisher Agent, every dataset), so
// a harvester gets everything from one document. Agencies without a
// dataset are left out (a catalog needs at least one dcat:dataset).
//
// As in AgencyFeed, the store walk and the mapping run in a second
// goroutine, the writing in the caller's.
func (b *Builder) NationalFeed(ctx context.Context, w rdfio.Writer) error {
	return rdfio.Pipe(ctx, func(emit func(rdf.Triple) error) error {
		return b.nationalFeed(ctx, emitWriter(emit))
	}, writeErrors{w})
}

func (b *Builder) nationalFeed(ctx context.Context, w rdfio.Writer) error {
	s := b.session(w)
	if err := s.nationalHeader(ctx); err != nil {
		return err
	}
	agencies, err := b.allAgencies(ctx)
	if err != nil {
		return err
	}
	national := b.m.NationalCatalogIRI()
	// Each agency's part: its revision and catalog IRI, read before the
	// walk (an in-memory store has one connection, which the walk holds).
	type part struct {
		a       *catalog.Agency
		rev     catalog.Revision
		catIRI  string
		started bool
	}
	parts := make(map[catalog.OrgNumber]*part, len(agencies))
	for i := range agencies {
		a := &agencies[i]
		rev, err := b.store.Revision(ctx, a.OrgNumber)
		if err != nil {
			return fmt.Errorf("feed: agency %s: revision: %w", a.OrgNumber, err)
		}
		catIRI, err := b.m.AgencyCatalogIRI(a.OrgNumber)
		if err != nil {
			return fmt.Errorf("feed: %w", err)
		}
		parts[a.OrgNumber] = &part{a: a, rev: rev, catIRI: catIRI}
	}
	// One walk over every dataset, ordered by agency as the agencies are:
	// one read snapshot, and the walk runs ahead of the mapping throughout.
	var cur *part
	header := func() error {
		if cur.started {
			return nil
		}
		cur.started = true
		if err := b.m.HasPart(national, cur.catIRI, s.emit); err != nil {
			return err
		}
		return s.agencyHeader(cur.a, cur.rev)
	}
	err = b.eachDataset(ctx, "", func(d *catalog.Dataset) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if cur == nil || cur.a.OrgNumber != d.Agency {
			p, ok := parts[d.Agency]
			if !ok {
				return nil // registered after the agency list was read
			}
			cur = p
		}
		if _, err := s.dataset(cur.catIRI, d, cur.a, header); err != nil {
			return fmt.Errorf("agency %s: %w", d.Agency, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("feed: national catalog: %w", err)
	}
	return nil
}

// DatasetDocument writes one dataset's own description, what its IRI
// dereferences to: the dataset with its distributions, data services and
// contact point, its publisher Agent, and its agency's catalog header with
// the dcat:dataset (and dcat:service) back-links.
// catalog.ErrNotFound (wrapped) if there is no such dataset.
func (b *Builder) DatasetDocument(ctx context.Context, id string, w rdfio.Writer) error {
	d, err := b.store.DatasetByID(ctx, id)
	if err != nil {
		return fmt.Errorf("feed: dataset %s: %w", id, err)
	}
	a, rev, catIRI, err := b.agency(ctx, d.Agency)
	if err != nil {
		return err
	}
	s := b.session(w)
	if _, err := s.dataset(catIRI, d, a, func() error { return s.agencyHeader(a, rev) }); err != nil {
		return err
	}
	return nil
}

// pageLinks computes the hydra page node for page p of total items under feedPath.
func pageLinks(feedPath string, p Paging, total int) dcat.PageInfo {
	path := feedPath
	if p.Format != "" {
		path += "." + p.Format.Extension()
	}
	link := func(n int) string {
		return path + "?page=" + strconv.Itoa(n) + "&limit=" + strconv.Itoa(p.Limit)
	}
	last := (total + p.Limit - 1) / p.Limit
	if last < 1 {
		last = 1
	}
	info := dcat.PageInfo{
		Self: link(p.Number), First: link(1), Last: link(last),
		TotalItems: total, ItemsPerPage: p.Limit,
	}
	if p.Number < last {
		info.Next = link(p.Number + 1)
	}
	if p.Number > 1 {
		info.Previous = link(min(p.Number-1, last))
	}
	return info
}

func checkPaging(p Paging) error {
	if p.Number < 1 || p.Limit < 1 {
		return fmt.Errorf("feed: page %d with limit %d: both must be at least 1", p.Number, p.Limit)
	}
	return nil
}

// AgencyPage writes page p of org's catalog: the catalog header and
// publisher (every page stands alone), the page's datasets in ID order,
// and the page node, a hydra:PagedCollection. A page past the last has no
// datasets and links back to the last.
func (b *Builder) AgencyPage(ctx context.Context, org catalog.OrgNumber, p Paging, w rdfio.Writer) error {
	if err := checkPaging(p); err != nil {
		return err
	}
	a, rev, catIRI, err := b.agency(ctx, org)
	if err != nil {
		return err
	}
	ds, total, err := b.store.Datasets(ctx, a.OrgNumber, catalog.Page{Number: p.Number, Limit: p.Limit})
	if err != nil {
		return fmt.Errorf("feed: agency %s: page %d: %w", org, p.Number, err)
	}
	s := b.session(w)
	if err := s.agencyHeader(a, rev); err != nil {
		return fmt.Errorf("feed: agency %s: %w", org, err)
	}
	for i := range ds {
		if _, err := s.dataset(catIRI, &ds[i], a, nil); err != nil {
			return fmt.Errorf("feed: agency %s: %w", org, err)
		}
	}
	return b.m.HydraPage(pageLinks(catIRI, p, total), s.emit)
}

// NationalPage writes page p of the national catalog, whose datasets are
// ordered by agency and ID: the national header and publisher, then for
// each agency on the page its sub-catalog (hasPart, header, publisher) and
// its datasets on the page, and the page node. The Store reads the page
// alone (Datasets with org ""), so time and memory grow with the limit,
// not with the page number.
func (b *Builder) NationalPage(ctx context.Context, p Paging, w rdfio.Writer) error {
	if err := checkPaging(p); err != nil {
		return err
	}
	page, total, err := b.store.Datasets(ctx, "", catalog.Page{Number: p.Number, Limit: p.Limit})
	if err != nil {
		return fmt.Errorf("feed: national catalog: page %d: %w", p.Number, err)
	}
	s := b.session(w)
	if err := s.nationalHeader(ctx); err != nil {
		return err
	}
	national := b.m.NationalCatalogIRI()
	var cur *catalog.Agency
	var rev catalog.Revision
	var catIRI string
	headed := map[catalog.OrgNumber]bool{}
	for i := range page {
		d := &page[i]
		if cur == nil || cur.OrgNumber != d.Agency {
			if cur, rev, catIRI, err = b.agency(ctx, d.Agency); err != nil {
				return err
			}
		}
		a, r, c := cur, rev, catIRI
		header := func() error {
			if headed[a.OrgNumber] {
				return nil
			}
			headed[a.OrgNumber] = true
			if err := b.m.HasPart(national, c, s.emit); err != nil {
				return err
			}
			return s.agencyHeader(a, r)
		}
		if _, err := s.dataset(catIRI, d, cur, header); err != nil {
			return fmt.Errorf("feed: national catalog: %w", err)
		}
	}
	return b.m.HydraPage(pageLinks(national, p, total), s.emit)
}

// Offset is the number of datasets before the page.
func (p Paging) Offset() int { return catalog.Page{Number: p.Number, Limit: p.Limit}.Offset() }
