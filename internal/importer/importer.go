// Package importer loads an agency's datasets from what it already
// publishes: a DCAT feed in any of the four RDF syntaxes katalog reads, or
// Digg's DCAT-AP-SE-Processor JSON. One run is all or nothing: the input is
// read whole (following hydra paging for network sources), every dataset is
// checked as the API would check it, and only then is the agency's catalog
// replaced in one store transaction. A dataset whose content is unchanged
// is not written, so its modified time and the feed's ETag stay put.
package importer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/schema"
)

// FormatAuto asks the importer to tell the syntax from the name, media type
// or first bytes of the input.
const FormatAuto = codec.FormatAuto

// Fetcher gets a network source. The importer uses it to follow the pages
// of a paged feed; it must be katalog's guarded outbound client.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (body io.ReadCloser, mediaType string, err error)
}

// Importer imports feeds into a store. It is safe for concurrent use.
type Importer struct {
	store    catalog.Store
	mapper   *dcat.Mapper
	schema   *schema.Validator
	limits   codec.Limits
	fetcher  Fetcher
	maxPages int
	// spoolDir holds the copies of sources that cannot be read twice;
	// "" means the system's temporary folder.
	spoolDir string
}

// Option configures an Importer.
type Option func(*Importer)

// WithLimits bounds the input of one run (bytes per document, triples in all).
func WithLimits(l codec.Limits) Option { return func(im *Importer) { im.limits = l } }

// WithFetcher lets ImportURL fetch sources and follow paged feeds.
func WithFetcher(f Fetcher) Option { return func(im *Importer) { im.fetcher = f } }

// WithSpoolDir puts the temporary copies of sources (kept while an import
// reads them) in dir, the process's own temporary folder.
func WithSpoolDir(dir string) Option { return func(im *Importer) { im.spoolDir = dir } }

// WithMaxPages caps the pages one paged source may have (default 10000).
func WithMaxPages(n int) Option { return func(im *Importer) { im.maxPages = n } }

// New returns an Importer writing to store, reading and checking datasets
// with mapper and v.
func New(store catalog.Store, mapper *dcat.Mapper, v *schema.Validator, opts ...Option) *Importer {
	im := &Importer{store: store, mapper: mapper, schema: v, maxPages: 10000}
	for _, o := range opts {
		o(im)
	}
	return im
}

// Formats lists the --format values the importer accepts.
func (im *Importer) Formats() []string { return append([]string{FormatAuto}, codec.Formats()...) }

// Source is one input document.
type Source struct {
	// Body is the document; the importer does not close it.
	Body io.Reader
	// Name is a file name or URL: it helps to tell the syntax and names the
	// source in the report. It is also the base IRI of relative IRIs when
	// it is an absolute URL.
	Name string
	// MediaType is the Content-Type the document came with, if any.
	MediaType string
	// Format is FormatAuto (or "") or one of Formats.
	Format string
	// ProcessorCatalog and CatalogName give, for Processor input in its
	// multi-file mode, the separate catalog.json.
	ProcessorCatalog []byte
	CatalogName      string
}

// Report says what one run did. Lists hold dataset IDs.
type Report struct {
	Agency    catalog.OrgNumber `json:"agency"`
	Source    string            `json:"source"`
	Format    string            `json:"format"`
	Pages     int               `json:"pages"`
	Triples   int               `json:"triples"`
	Datasets  int               `json:"datasets"`
	Added     []string          `json:"added"`
	Updated   []string          `json:"updated"`
	Unchanged []string          `json:"unchanged"`
	Removed   []string          `json:"removed"`
	Notes     []dcat.Note       `json:"notes,omitempty"`
	// SourceUnchanged is true when the source was byte for byte the one the
	// last import read and nothing had changed the agency since, so it was
	// not read again.
	SourceUnchanged bool `json:"sourceUnchanged,omitempty"`
	// Feed, for a source that is a change feed (DCAT-AP Feeds), says what
	// its incremental harvest read.
	Feed *FeedReport `json:"feed,omitempty"`
}

// Import reads src, checks every dataset and makes them org's whole catalog.
// Bad input is refused whole with a *problem.Problem (400 for unreadable
// input, with the line and column of a syntax error; 422 for datasets the
// API would refuse, with a pointer per error); a missing agency is
// catalog.ErrNotFound. Nothing is written then.
//
// The source's digest is kept: importing the same bytes again while nothing
// else has changed the agency skips reading them (Report.SourceUnchanged).
func (im *Importer) Import(ctx context.Context, org catalog.OrgNumber, src Source) (*Report, error) {
	rep := &Report{Agency: org, Source: src.Name}
	body, digest, done, err := im.rewindable(src)
	if err != nil {
		return nil, err
	}
	defer done()
	if same, err := im.unchangedSince(ctx, org, digest, rep); same || err != nil {
		return rep.lists(), err
	}
	br := bufio.NewReaderSize(body, feedSniff)
	if head, _ := br.Peek(feedSniff); ldes.Sniff(src.Name, src.MediaType, head) {
		return nil, changeFeedProblem(src.Name)
	}
	src.Body = br
	g := dcat.NewGraph()
	if _, err := im.read(g, src, rep); err != nil {
		return nil, err
	}
	if _, err := im.finish(ctx, org, g, rep); err != nil {
		return nil, err
	}
	return rep.lists(), im.remember(ctx, org, digest, rep)
}

// lists makes the report's empty lists [] rather than null in JSON.
func (r *Report) lists() *Report {
	for _, l := range []*[]string{&r.Added, &r.Updated, &r.Unchanged, &r.Removed} {
		if *l == nil {
			*l = []string{}
		}
	}
	return r
}

// feedSniff is how many first bytes of a source tell a change feed from a
// catalog.
const feedSniff = 64 << 10

// ImportURL fetches url with the importer's Fetcher and imports it,
// following hydra:next (or hydra:nextPage) links of a paged feed. A page
// seen twice, or more pages than the cap, stops the run with a problem and
// nothing is written.
//
// A source that is a change feed (DCAT-AP Feeds: TriG, N-Quads or JSON-LD
// naming the LDES vocabulary) is harvested incrementally instead: the
// first time every page, then, for the same URL, only from the page the
// last harvest stopped at, with the same result as a full harvest (see
// harvestFeed).
func (im *Importer) ImportURL(ctx context.Context, org catalog.OrgNumber, url, format string) (*Report, error) {
	if im.fetcher == nil {
		return nil, errors.New("importer: no fetcher for network sources")
	}
	prev, err := im.store.FeedHarvest(ctx, org)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	if prev != nil && prev.URL == url {
		return im.harvestFeed(ctx, org, url, prev, nil)
	}
	body, mt, err := im.fetcher.Fetch(ctx, url)
	if err != nil {
		return nil, fetchProblem(url, err)
	}
	defer body.Close()
	br := bufio.NewReaderSize(body, feedSniff)
	head, _ := br.Peek(feedSniff)
	if ldes.Sniff(url, mt, head) {
		return im.harvestFeed(ctx, org, url, nil, &prefetched{url: url, body: br, mediaType: mt})
	}
	rep, err := im.importPages(ctx, org, url, format, &prefetched{url: url, body: br, mediaType: mt})
	if err == nil && prev != nil {
		// The agency's source is no longer that change feed.
		err = im.store.DropFeedHarvest(ctx, org)
	}
	return rep, err
}

// importPages imports url and the pages its hydra links lead to; first is
// url's page, already fetched.
func (im *Importer) importPages(ctx context.Context, org catalog.OrgNumber, url, format string, first *prefetched) (*Report, error) {
	rep := &Report{Agency: org, Source: url}
	g := dcat.NewGraph()
	seen := map[string]bool{}
	for next := url; next != ""; {
		if seen[next] {
			return nil, loopProblem(next, rep.Pages)
		}
		if len(seen) >= im.maxPages {
			return nil, problem.New(http.StatusBadRequest, "too-many-pages", "Too many pages",
				fmt.Sprintf("the source has more than %d pages; katalog stopped at %s", im.maxPages, next))
		}
		seen[next] = true
		var body io.ReadCloser
		var mt string
		if next == first.url {
			body, mt = io.NopCloser(first.body), first.mediaType
		} else {
			var err error
			if body, mt, err = im.fetcher.Fetch(ctx, next); err != nil {
				return nil, fetchProblem(next, err)
			}
		}
		page := dcat.NewGraph()
		_, err := im.read(page, Source{Body: body, Name: next, MediaType: mt, Format: format}, rep)
		body.Close()
		if err != nil {
			return nil, err
		}
		next = nextPage(page, next)
		if err := page.Triples(func(t rdf.Triple) error { g.Add(t); return nil }); err != nil {
			return nil, err
		}
	}
	if _, err := im.finish(ctx, org, g, rep); err != nil {
		return nil, err
	}
	return rep.lists(), nil
}

// read adds the triples of one document to g.
func (im *Importer) read(g *dcat.Graph, src Source, rep *Report) (int64, error) {
	r, format, err := codec.Open(src.Body, codec.Input{Name: src.Name, MediaType: src.MediaType, Format: src.Format, Limits: im.limits,
		ProcessorCatalog: src.ProcessorCatalog, CatalogName: src.CatalogName})
	if errors.Is(err, codec.ErrUnknownFormat) {
		return 0, problem.New(http.StatusBadRequest, "unknown-format", "Unknown input format", err.Error())
	}
	if err != nil {
		return 0, inputProblem(src.Name, err)
	}
	if rep.Format == "" {
		rep.Format = format
	}
	n, err := g.ReadFrom(r)
	if err != nil {
		return n, syntaxProblem(src.Name, err)
	}
	rep.Pages++
	rep.Triples = g.Len()
	if lim := im.limits.MaxTriples; lim > 0 && int64(g.Len()) > lim {
		return n, problem.New(http.StatusRequestEntityTooLarge, "too-many-triples", "Too many triples",
			fmt.Sprintf("the source has more than %d triples", lim))
	}
	return n, nil
}

// finish checks the datasets of g and syncs them into the store.
func (im *Importer) finish(ctx context.Context, org catalog.OrgNumber, g *dcat.Graph, rep *Report) (*Report, error) {
	agency, err := im.store.Agency(ctx, org)
	if err != nil {
		return nil, fmt.Errorf("importer: agency %s: %w", org, err)
	}
	imp := im.mapper.Unmap(g)
	rep.Notes = imp.Notes
	rep.Datasets = len(imp.Datasets)
	if p := checkPublishers(org, imp.Publishers); p != nil {
		return nil, p
	}
	stored, err := im.store.DatasetHashes(ctx, org)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	datasets, unchanged, p := im.check(imp.Datasets, agency, stored)
	if p != nil {
		return nil, p
	}
	if unchanged == len(datasets) && len(stored) == len(datasets) {
		// The store has exactly these datasets already: nothing to write.
		for _, d := range datasets {
			rep.Unchanged = append(rep.Unchanged, d.ID)
		}
		return rep, nil
	}
	res, err := im.store.SyncDatasets(ctx, org, datasets)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	rep.Added, rep.Updated, rep.Unchanged, rep.Removed = res.Added, res.Updated, res.Unchanged, res.Removed
	return rep, nil
}

// check runs the API's checks on every dataset whose content is not
// already stored, and collects every error of every dataset in one problem.
// It returns the datasets to store and how many of them are stored as they
// are.
func (im *Importer) check(in []catalog.Dataset, agency *catalog.Agency, stored map[string]string) ([]*catalog.Dataset, int, *problem.Problem) {
	out := make([]*catalog.Dataset, 0, len(in))
	unchanged := 0
	var errs []problem.FieldError
	for i := range in {
		d := &in[i]
		d.Agency = agency.OrgNumber
		if hash, err := d.ContentHash(); err == nil && stored[d.ID] == hash {
			out = append(out, d) // stored as it is: it passed these checks then
			unchanged++
			continue
		}
		ptr := fmt.Sprintf("/datasets/%d", i)
		body, err := json.Marshal(d)
		if err != nil {
			errs = append(errs, problem.FieldError{Pointer: ptr, Detail: err.Error()})
			continue
		}
		checked, p := im.schema.Dataset(body)
		if p != nil {
			for _, e := range p.Errors {
				errs = append(errs, located(ptr, d, e))
			}
			continue
		}
		checked.ID, checked.Agency = d.ID, agency.OrgNumber
		if err := im.mapper.Dataset(checked, agency, discard); err != nil {
			errs = append(errs, located(ptr, d, mapperError(err)))
			continue
		}
		out = append(out, checked)
	}
	if len(errs) > 0 {
		p := problem.Invalid(errs)
		p.Detail = fmt.Sprintf("%d problems in the imported datasets; nothing was imported", len(errs))
		return nil, 0, p
	}
	return out, unchanged, nil
}

// located prefixes a dataset's error with its place in the import and names
// the dataset's IRI, which is what its author knows it by.
func located(ptr string, d *catalog.Dataset, e problem.FieldError) problem.FieldError {
	name := d.IRI
	if name == "" {
		name = d.ID
	}
	e.Pointer = ptr + e.Pointer
	e.Detail = "dataset " + name + ": " + e.Detail
	if e.Message != nil {
		m := make(map[string]string, len(e.Message))
		for k, v := range e.Message {
			if k == "sv" {
				m[k] = "datamängd " + name + ": " + v
			} else {
				m[k] = "dataset " + name + ": " + v
			}
		}
		e.Message = m
	}
	return e
}

func mapperError(err error) problem.FieldError {
	var fe *dcat.FieldError
	if errors.As(err, &fe) {
		return problem.FieldError{Pointer: "/" + fe.Field, Detail: err.Error()}
	}
	return problem.FieldError{Detail: err.Error()}
}

func discard(rdf.Triple) error { return nil }

// checkPublishers refuses a feed that says its datasets are another
// Swedish agency's: an agency imports only its own data.
func checkPublishers(org catalog.OrgNumber, publishers []string) *problem.Problem {
	own := org.PublisherIRI()
	for _, p := range publishers {
		rest, ok := strings.CutPrefix(p, "http://dataportal.se/organisation/SE")
		if !ok || p == own {
			continue
		}
		return problem.New(http.StatusForbidden, "foreign-publisher", "The feed is another agency's",
			fmt.Sprintf("the feed names %s (organisation %s) as publisher; agency %s can import only its own datasets", p, rest, org))
	}
	return nil
}

// nextPage returns the hydra next link of a page, resolved against its URL.
func nextPage(g *dcat.Graph, pageURL string) string {
	for _, class := range []string{dcat.HydraPagedCollection, dcat.NSHydra + "PartialCollectionView", dcat.NSHydra + "Collection"} {
		for _, n := range g.Subjects(class) {
			for _, p := range []string{dcat.HydraNext, dcat.HydraNextPage} {
				if links := n.IRIs(p); len(links) > 0 {
					return links[0]
				}
			}
		}
	}
	return ""
}
