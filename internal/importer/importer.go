// Package importer loads an agency's datasets from what it already
// publishes: a DCAT feed in any of the four RDF syntaxes katalog reads, or
// Digg's DCAT-AP-SE-Processor JSON.
//
// It takes what Sveriges dataportal's harvester takes: any document that
// parses imports, and its DCAT-AP-SE validation findings go in the report
// (Options.Strict refuses a document with errors instead). The graph is
// the record: every catalogued resource of the document (a dataset, a
// dataset series, a data service that serves no dataset) keeps its
// published description, every triple of it (unknown properties, IRIs,
// identifiers, language tags and format IRIs as published), and katalog
// publishes it as it is (dcat.Mapper.Dataset); the domain fields are read
// from it leniently, for the API and the scores. Resources the document
// published as blank nodes where DCAT-AP-SE wants IRIs get stable minted
// IRIs (reported). What no resource owns (the feed's own catalog node,
// vocabularies, paging) is kept with the import state, not published.
//
// One run is all or nothing: the datasets become the agency's whole
// catalog in one store transaction, unchanged ones not rewritten (their
// modified time and the feed's ETag stay put). A document without a
// dataset is refused; so is one that would remove datasets unless
// Options.AllowRemovals; Options.DryRun reports what would change and
// writes nothing.
//
// Memory stays flat in the size of the input: the document streams into
// external sorts (internal/extsort) that assemble each description on
// disk (see assemble.go), and the store is written in batches.
package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/google/uuid"
	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/extsort"
	"github.com/katalog-se/katalog/internal/problem"
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
	store     catalog.Store
	mapper    *dcat.Mapper
	validator *validate.Validator
	limits    codec.Limits
	fetcher   Fetcher
	maxPages  int
	budget    int64
	// spoolDir holds the temporary files of a run; "" means the system's
	// temporary folder.
	spoolDir string
}

// Option configures an Importer.
type Option func(*Importer)

// WithLimits bounds the input of one run (bytes per document, triples in all).
func WithLimits(l codec.Limits) Option { return func(im *Importer) { im.limits = l } }

// WithFetcher lets ImportURL fetch sources and follow paged feeds.
func WithFetcher(f Fetcher) Option { return func(im *Importer) { im.fetcher = f } }

// WithSpoolDir puts the temporary files of a run (the copy of a source
// that cannot be read twice, the sorts) in dir, the process's own
// temporary folder.
func WithSpoolDir(dir string) Option { return func(im *Importer) { im.spoolDir = dir } }

// WithMaxPages caps the pages one paged source may have (default 10000).
func WithMaxPages(n int) Option { return func(im *Importer) { im.maxPages = n } }

// WithMemory sets the memory one sort of a run keeps before it spills to
// disk (default 16 MiB; a run has at most three at once, with the
// validation's). Results do not depend on it.
func WithMemory(bytes int64) Option { return func(im *Importer) { im.budget = bytes } }

// MaxListed caps the minted IRIs, changes, notes and validation findings a
// report lists; the counts stay exact.
const MaxListed = 1000

// New returns an Importer writing to store and reading datasets with
// mapper. The document is checked as the harvester reads it, against
// DCAT-AP-SE 3.0.1 (dcat/validate), not with the API's JSON rules.
func New(store catalog.Store, mapper *dcat.Mapper, opts ...Option) *Importer {
	im := &Importer{store: store, mapper: mapper, maxPages: 10000, budget: 16 << 20}
	for _, o := range opts {
		o(im)
	}
	im.validator = validate.New(validate.DCATAPSE301(), validate.WithTempDir(im.spoolDir), validate.WithMaxResults(MaxListed),
		validate.WithMemory(im.budget))
	return im
}

// Formats lists the --format values the importer accepts.
func (im *Importer) Formats() []string { return append([]string{FormatAuto}, codec.Formats()...) }

// Options are the choices of one run.
type Options struct {
	// DryRun reports what the import would add, update, leave and
	// remove (removals too, which the real import refuses without
	// AllowRemovals), and writes nothing.
	DryRun bool `json:"dryRun,omitempty"`
	// AllowRemovals lets the import remove the agency's datasets the
	// document lacks; without it such an import is refused, naming them.
	AllowRemovals bool `json:"allowRemovals,omitempty"`
	// Strict refuses a document with DCAT-AP-SE errors (findings of
	// severity error) instead of importing it with them.
	Strict bool `json:"strict,omitempty"`
}

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
	// Base, when set, resolves relative IRIs (instead of Name).
	Base string
	// ProcessorCatalog and CatalogName give, for Processor input in its
	// multi-file mode, the separate catalog.json.
	ProcessorCatalog []byte
	CatalogName      string
	// Options are the run's choices.
	Options Options
}

// Report says what one run did (or, with Options.DryRun, would do). Lists
// hold dataset IDs, sorted.
type Report struct {
	Agency  catalog.OrgNumber `json:"agency"`
	Source  string            `json:"source"`
	Format  string            `json:"format"`
	Pages   int               `json:"pages"`
	Triples int               `json:"triples"`
	// Datasets counts the catalogued resources imported: datasets,
	// dataset series and data services that serve no dataset.
	Datasets  int      `json:"datasets"`
	DryRun    bool     `json:"dryRun,omitempty"`
	Added     []string `json:"added"`
	Updated   []string `json:"updated"`
	Unchanged []string `json:"unchanged"`
	Removed   []string `json:"removed"`
	// Validation is the DCAT-AP-SE 3.0.1 validation of the document as
	// the agency publishes it (at most MaxListed results; exact counts).
	Validation *validate.Report `json:"validation,omitempty"`
	// Minted lists the IRIs given to resources published as blank nodes.
	Minted      []Minted `json:"minted,omitempty"`
	MintedCount int      `json:"mintedCount,omitempty"`
	// Changed lists the IRIs percent-encoded to be publishable.
	Changed      []Changed `json:"changed,omitempty"`
	ChangedCount int       `json:"changedCount,omitempty"`
	// Unpublishable lists triples no syntax katalog writes can carry: they
	// are kept with the rest, not published.
	Unpublishable      []Unpublishable `json:"unpublishable,omitempty"`
	UnpublishableCount int             `json:"unpublishableCount,omitempty"`
	// Rest counts the triples katalog keeps with the import but does not
	// publish: those no catalogued resource owns (the feed's catalog node
	// and its other nodes; katalog publishes its own catalog for the
	// agency), and the unpublishable ones.
	Rest int `json:"rest"`
	// Notes are the remarks of reading the domain fields leniently (the
	// published descriptions are not affected).
	Notes      []dcat.Note `json:"notes,omitempty"`
	NotesCount int         `json:"notesCount,omitempty"`
	// SourceUnchanged is true when the source was byte for byte the one the
	// last import read and nothing had changed the agency since, so it was
	// not read again.
	SourceUnchanged bool `json:"sourceUnchanged,omitempty"`
	// Feed, for a source that is a change feed (DCAT-AP Feeds), says what
	// its incremental harvest read.
	Feed *FeedReport `json:"feed,omitempty"`
	// Counts counts the four lists (a report kept with the import state
	// lists at most MaxListed of each).
	Counts Counts `json:"counts"`
}

// Counts counts what an import added, updated, left and removed.
type Counts struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Removed   int `json:"removed"`
}

// lists makes the report's empty lists [] rather than null in JSON and
// counts them.
func (r *Report) lists() *Report {
	for _, l := range []*[]string{&r.Added, &r.Updated, &r.Unchanged, &r.Removed} {
		if *l == nil {
			*l = []string{}
		}
	}
	r.Counts = Counts{Added: len(r.Added), Updated: len(r.Updated), Unchanged: len(r.Unchanged), Removed: len(r.Removed)}
	return r
}

// Import reads src, assembles its datasets and makes them org's whole
// catalog. Unreadable input is refused with a *problem.Problem (400, with
// the line and column of a syntax error); so are a document without a
// dataset (422), one that would remove datasets without
// Options.AllowRemovals (409, naming them), one naming another agency as
// publisher (403) and, with Options.Strict, one with DCAT-AP-SE errors
// (422, a rule id per error). A missing agency is catalog.ErrNotFound.
// Nothing is written then.
//
// The source's digest is kept: importing the same bytes again while nothing
// else has changed the agency skips reading them (Report.SourceUnchanged).
func (im *Importer) Import(ctx context.Context, org catalog.OrgNumber, src Source) (*Report, error) {
	rep, err := im.importSource(ctx, org, src)
	return rep, diskFull(err)
}

// diskFull marks an error of the run's temporary files that says the
// disk is full (or a file may grow no larger) as catalog.ErrStorageFull,
// as the store marks its own: the server answers 507.
func diskFull(err error) error {
	if err == nil || errors.Is(err, catalog.ErrStorageFull) {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%w: %w", catalog.ErrStorageFull, err)
	}
	return err
}

func (im *Importer) importSource(ctx context.Context, org catalog.OrgNumber, src Source) (*Report, error) {
	rep := &Report{Agency: org, Source: src.Name, DryRun: src.Options.DryRun}
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
	r, err := im.newRun(org, src.Options, rep)
	if err != nil {
		return nil, err
	}
	defer r.close()
	if err := r.read(ctx, src); err != nil {
		return nil, err
	}
	rest, err := r.finish(ctx)
	if err != nil {
		return nil, err
	}
	if rep.DryRun {
		return rep.lists(), nil
	}
	return rep.lists(), im.remember(ctx, org, digest, rep.lists(), rest)
}

// feedSniff is how many first bytes of a source tell a change feed from a
// catalog.
const feedSniff = 64 << 10

// ImportURL fetches url with the importer's Fetcher and imports it as
// Import does, following hydra:next (or hydra:nextPage) links of a paged
// feed. A page seen twice, or more pages than the cap, stops the run with
// a problem and nothing is written.
//
// A source that is a change feed (DCAT-AP Feeds: TriG, N-Quads or JSON-LD
// naming the LDES vocabulary) is harvested incrementally instead: the
// first time every page, then, for the same URL, only from the page the
// last harvest stopped at, with the same result as a full harvest (see
// harvestFeed).
func (im *Importer) ImportURL(ctx context.Context, org catalog.OrgNumber, url, format string, opts Options) (*Report, error) {
	rep, err := im.importURL(ctx, org, url, format, opts)
	return rep, diskFull(err)
}

func (im *Importer) importURL(ctx context.Context, org catalog.OrgNumber, url, format string, opts Options) (*Report, error) {
	if im.fetcher == nil {
		return nil, errors.New("importer: no fetcher for network sources")
	}
	if _, err := im.store.Agency(ctx, org); err != nil {
		return nil, fmt.Errorf("importer: agency %s: %w", org, err)
	}
	prev, err := im.store.FeedHarvest(ctx, org)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	if prev != nil && prev.URL == url {
		return im.harvestFeed(ctx, org, url, prev, nil, opts)
	}
	body, mt, err := im.fetcher.Fetch(ctx, url)
	if err != nil {
		return nil, fetchProblem(url, err)
	}
	defer body.Close()
	br := bufio.NewReaderSize(body, feedSniff)
	head, _ := br.Peek(feedSniff)
	if ldes.Sniff(url, mt, head) {
		return im.harvestFeed(ctx, org, url, nil, &prefetched{url: url, body: br, mediaType: mt}, opts)
	}
	rep, err := im.importPages(ctx, org, url, format, opts, &prefetched{url: url, body: br, mediaType: mt})
	if err == nil && prev != nil && !opts.DryRun {
		// The agency's source is no longer that change feed.
		err = im.store.DropFeedHarvest(ctx, org)
	}
	return rep, err
}

// importPages imports url and the pages its hydra links lead to; first is
// url's page, already fetched.
func (im *Importer) importPages(ctx context.Context, org catalog.OrgNumber, url, format string, opts Options, first *prefetched) (*Report, error) {
	rep := &Report{Agency: org, Source: url, DryRun: opts.DryRun}
	r, err := im.newRun(org, opts, rep)
	if err != nil {
		return nil, err
	}
	defer r.close()
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
		r.next, r.nextRel = "", 0
		err = r.read(ctx, Source{Body: body, Name: next, MediaType: mt, Format: format})
		body.Close()
		if err != nil {
			return nil, err
		}
		next = r.next
	}
	rest, err := r.finish(ctx)
	if err != nil {
		return nil, err
	}
	if rep.DryRun {
		return rep.lists(), nil
	}
	// A network source has no digest: it is read again every time.
	return rep.lists(), im.remember(ctx, org, "", rep.lists(), rest)
}

// run is the state of one import.
type run struct {
	im      *Importer
	org     catalog.OrgNumber
	opts    Options
	rep     *Report
	dir     string
	as      *assembly
	val     *validate.Session
	foreign string // another Swedish agency named as publisher
	own     string
	next    string // the current page's hydra next link
	nextRel int    // its rank: hydra:next beats hydra:nextPage
	triples int64
}

func (im *Importer) newRun(org catalog.OrgNumber, opts Options, rep *Report) (*run, error) {
	dir, err := os.MkdirTemp(im.spoolDir, "katalog-import-*")
	if err != nil {
		return nil, fmt.Errorf("importer: temporary folder: %w", err)
	}
	own := org.PublisherIRI()
	return &run{im: im, org: org, opts: opts, rep: rep, dir: dir, own: own,
		as: newAssembly(dir, im.budget, own), val: im.validator.NewSession()}, nil
}

func (r *run) close() {
	r.as.close()
	r.val.Finish() // releases its files; the report is not used
	os.RemoveAll(r.dir)
}

// read adds the triples of one document (one page) to the run.
func (r *run) read(ctx context.Context, src Source) error {
	rd, format, err := codec.Open(src.Body, codec.Input{Name: src.Name, MediaType: src.MediaType, Format: src.Format, Base: src.Base, Limits: r.im.limits,
		ProcessorCatalog: src.ProcessorCatalog, CatalogName: src.CatalogName})
	if errors.Is(err, codec.ErrUnknownFormat) {
		return problem.New(http.StatusBadRequest, "unknown-format", "Unknown input format", err.Error())
	}
	if err != nil {
		return inputProblem(src.Name, err)
	}
	if r.rep.Format == "" {
		r.rep.Format = format
	}
	r.rep.Pages++
	page := r.rep.Pages
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("importer: %w", err)
			}
		}
		t, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return syntaxProblem(src.Name, err)
		}
		if page > 1 {
			// Each page labels its blank nodes from scratch.
			t = pageBlanks(t, page)
		}
		if err := r.add(t); err != nil {
			return err
		}
	}
	r.rep.Triples = int(r.triples)
	if lim := r.im.limits.MaxTriples; lim > 0 && r.triples > lim {
		return problem.New(http.StatusRequestEntityTooLarge, "too-many-triples", "Too many triples",
			fmt.Sprintf("the source has more than %d triples", lim))
	}
	return nil
}

// pageBlanks gives the blank nodes of page n labels of their own.
func pageBlanks(t rdf.Triple, n int) rdf.Triple {
	pre := "p" + strconv.Itoa(n) + "."
	re := func(b rdf.Blank) rdf.Blank {
		x, err := rdf.NewBlank(pre + b.String())
		if err != nil {
			return b
		}
		return x
	}
	if b, ok := t.Subj.(rdf.Blank); ok {
		t.Subj = re(b)
	}
	if b, ok := t.Obj.(rdf.Blank); ok {
		t.Obj = re(b)
	}
	return t
}

// add takes one triple: to the validation, to the assembly, and to the
// run's watch for publishers and paging links.
func (r *run) add(t rdf.Triple) error {
	r.triples++
	if err := r.val.Write(t); err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	if err := r.as.add(t); err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	switch p := t.Pred.String(); p {
	case dcat.DCTermsPublisher:
		// Another Swedish agency: another organisation number (a
		// suffix, SE<orgnr>-<unit>, names a unit of the same one).
		if o := t.Obj.String(); t.Obj.Type() == rdf.TermIRI && r.foreign == "" &&
			strings.HasPrefix(o, "http://dataportal.se/organisation/SE") && !strings.HasPrefix(o+"-", r.own+"-") {
			r.foreign = o
		}
	case dcat.HydraNext, dcat.HydraNextPage:
		rank := 1
		if p == dcat.HydraNext {
			rank = 2
		}
		if t.Obj.Type() == rdf.TermIRI && rank > r.nextRel {
			r.next, r.nextRel = t.Obj.String(), rank
		}
	}
	return nil
}

// finish assembles the datasets, checks the run and, unless it is a dry
// run, writes them. It returns the rest of the graph (gzip N-Triples).
func (r *run) finish(ctx context.Context) ([]byte, error) {
	agency, err := r.im.store.Agency(ctx, r.org)
	if err != nil {
		return nil, fmt.Errorf("importer: agency %s: %w", r.org, err)
	}
	if r.foreign != "" {
		return nil, foreignProblem(r.org, r.foreign)
	}
	vrep, err := r.val.FinishContext(ctx)
	if err != nil {
		return nil, err
	}
	r.rep.Validation = vrep
	if err := r.as.classify(); err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	if err := r.as.own(); err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	if r.as.Deep {
		r.rep.NotesCount++
		r.rep.Notes = appendCapped(r.rep.Notes, dcat.Note{Message: catalog.LangString{
			"sv": fmt.Sprintf("en beskrivning når djupare än %d nivåer (en lång kedja av tomma noder); det som ligger längre ned behålls med resten av grafen men publiceras inte", maxDepth),
			"en": fmt.Sprintf("a description reaches deeper than %d levels (a long chain of blank nodes); what lies further down is kept with the rest of the graph, not published", maxDepth)}})
	}
	owned, err := r.as.gather()
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	defer owned.Close()
	stored, err := r.im.store.DatasetHashes(ctx, r.org)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	spool, err := r.describeAll(ctx, owned, agency, stored)
	if err != nil {
		return nil, err
	}
	defer spool.close()
	rest, err := r.as.restBytes()
	if err != nil {
		return nil, err
	}
	r.rep.Rest = r.as.restCount
	if p := r.refusal(stored); p != nil {
		return nil, p
	}
	if r.opts.DryRun || len(r.rep.Added)+len(r.rep.Updated)+len(r.rep.Removed) == 0 {
		return rest, nil
	}
	res, err := r.im.store.SyncDatasetStream(ctx, r.org, spool.each, catalog.SyncOptions{AllowRemovals: r.opts.AllowRemovals})
	var re *catalog.RemovalsError
	if errors.As(err, &re) {
		return nil, removalsProblem(re.IDs)
	}
	if errors.Is(err, catalog.ErrConflict) {
		return nil, takenProblem(err)
	}
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	r.rep.Added, r.rep.Updated, r.rep.Unchanged, r.rep.Removed = sorted(res.Added), sorted(res.Updated), sorted(res.Unchanged), sorted(res.Removed)
	return rest, nil
}

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}

// describeAll makes every catalogued resource from its owned triples, in
// the sort's order, compares each with the stored version and spools it
// for the store. A resource whose ID another took (two datasets with one
// UUID dct:identifier) gets the ID of its IRI instead.
func (r *run) describeAll(ctx context.Context, owned *extsort.Sorter, agency *catalog.Agency, stored map[string]string) (*datasetSpool, error) {
	it, err := owned.Sort()
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	spool, err := newDatasetSpool(r.dir)
	if err != nil {
		return nil, err
	}
	kept := false
	defer func() {
		if !kept {
			spool.close()
		}
	}()
	pc, err := newPublishCheck()
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(stored))
	var (
		owner    []byte
		recs     [][]byte
		n        int
		deferred []group
		names    = map[string]rdf.IRI{} // blank roots others point at: their IRIs
	)
	describeOne := func(root rdf.Subject, ts []rdf.Triple) error {
		if n++; n&255 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("importer: %w", err)
			}
		}
		x, err := r.im.describe(root, ts, "", pc)
		if err != nil {
			return err
		}
		for k := 1; seen[x.d.ID]; k++ {
			alt := uuid.NewSHA1(uuid.NameSpaceURL, []byte(fmt.Sprintf("urn:katalog:taken:%s:%s:%d", x.d.ID, iriOf(root), k))).String()
			if x, err = r.im.describe(root, ts, alt, pc); err != nil {
				return err
			}
		}
		seen[x.d.ID] = true
		x.d.Agency = agency.OrgNumber
		if b, ok := root.(rdf.Blank); ok && r.as.blankRefs[b.String()] {
			iri := x.d.IRI
			if iri == "" {
				iri, _ = r.im.mapper.DatasetIRI(x.d.ID)
			}
			names[b.String()] = rdfparse.CheckedIRI(iri)
		}
		if err := r.tally(x, stored); err != nil {
			return err
		}
		return spool.write(x.d)
	}
	// process describes the current owner's resource, or defers it while
	// it points at a blank root not yet named.
	process := func() error {
		if owner == nil {
			return nil
		}
		root, ok := nodeTerm(owner)
		if !ok {
			return errRecord
		}
		ts, err := describedTriples(owner, recs)
		if err != nil {
			return err
		}
		if r.as.blankRefs != nil && !nameBlankRoots(ts, r.as.blankRefs, names) {
			deferred = append(deferred, group{root, ts})
			return nil
		}
		return describeOne(root, ts)
	}
	for it.Next() {
		rec := it.Record()
		o, ok := nodeOf(rec)
		if !ok {
			return nil, errRecord
		}
		if !bytes.Equal(o, owner) {
			if err := process(); err != nil {
				return nil, err
			}
			owner, recs = bytes.Clone(o), recs[:0]
		}
		recs = append(recs, bytes.Clone(rec))
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	if err := process(); err != nil {
		return nil, err
	}
	// Resources that point at blank roots, once those are named (nested
	// ones by rounds; what still points at none is described as it is).
	for len(deferred) > 0 {
		var later []group
		for _, g := range deferred {
			if !nameBlankRoots(g.ts, r.as.blankRefs, names) {
				later = append(later, g)
				continue
			}
			if err := describeOne(g.root, g.ts); err != nil {
				return nil, err
			}
		}
		if len(later) == len(deferred) {
			for _, g := range later {
				if err := describeOne(g.root, g.ts); err != nil {
					return nil, err
				}
			}
			break
		}
		deferred = later
	}
	for id := range stored {
		if !seen[id] {
			r.rep.Removed = append(r.rep.Removed, id)
		}
	}
	for _, l := range [][]string{r.rep.Added, r.rep.Updated, r.rep.Unchanged, r.rep.Removed} {
		sort.Strings(l)
	}
	kept = true
	return spool, spool.flush()
}

// group is one resource's description waiting for the blank roots it
// points at to be named.
type group struct {
	root rdf.Subject
	ts   []rdf.Triple
}

// nameBlankRoots replaces, in ts, the blank roots others point at (refs)
// by the IRIs they were given (names) and reports whether every one was
// named. A resource's own blank root stays: it is its subject.
func nameBlankRoots(ts []rdf.Triple, refs map[string]bool, names map[string]rdf.IRI) bool {
	all := true
	for i, t := range ts {
		b, ok := t.Obj.(rdf.Blank)
		if !ok || !refs[b.String()] {
			continue
		}
		if iri, ok := names[b.String()]; ok {
			ts[i].Obj = iri
		} else {
			all = false
		}
	}
	return all
}

// tally adds one resource to the report: added, updated or unchanged, its
// minted IRIs, changes, unpublishable triples (kept with the rest) and
// notes.
func (r *run) tally(x *described, stored map[string]string) error {
	rep := r.rep
	rep.Datasets++
	hash, err := x.d.ContentHash()
	if err != nil {
		return err
	}
	switch old, ok := stored[x.d.ID]; {
	case !ok:
		rep.Added = append(rep.Added, x.d.ID)
	case old != hash:
		rep.Updated = append(rep.Updated, x.d.ID)
	default:
		rep.Unchanged = append(rep.Unchanged, x.d.ID)
	}
	rep.MintedCount += len(x.minted)
	rep.Minted = appendCapped(rep.Minted, x.minted...)
	rep.ChangedCount += len(x.changed)
	rep.Changed = appendCapped(rep.Changed, x.changed...)
	rep.UnpublishableCount += len(x.unpublishable)
	rep.Unpublishable = appendCapped(rep.Unpublishable, x.unpublishable...)
	rep.NotesCount += len(x.notes)
	rep.Notes = appendCapped(rep.Notes, x.notes...)
	for _, t := range x.dropped {
		if err := r.as.restTriple(t); err != nil {
			return err
		}
	}
	return nil
}

// appendCapped appends to a report's list up to MaxListed entries.
func appendCapped[T any](list []T, more ...T) []T {
	if room := MaxListed - len(list); room < len(more) {
		more = more[:max(room, 0)]
	}
	return append(list, more...)
}

// refusal is the problem that stops the run before anything is written,
// or nil: a document without a dataset, an import that would remove
// datasets without leave (a dry run reports them instead), and, when
// strict, DCAT-AP-SE errors.
func (r *run) refusal(stored map[string]string) *problem.Problem {
	switch {
	case r.rep.Datasets == 0:
		return noDatasetsProblem(r.rep.Source, len(stored))
	case len(r.rep.Removed) > 0 && !r.opts.AllowRemovals && !r.opts.DryRun:
		return removalsProblem(r.rep.Removed)
	case r.opts.Strict && r.rep.Validation != nil && r.rep.Validation.Errors > 0:
		return strictProblem(r.rep.Validation)
	}
	return nil
}

// datasetSpool keeps the run's datasets on disk between their assembly
// and the store's transaction: each as its length and JSON (the dataset
// and its published description).
type datasetSpool struct {
	f   *os.File
	w   *bufio.Writer
	buf []byte
}

type spooled struct {
	D *catalog.Dataset   `json:"d"`
	P *catalog.Published `json:"p,omitempty"`
}

func newDatasetSpool(dir string) (*datasetSpool, error) {
	f, err := os.CreateTemp(dir, "datasets-*")
	if err != nil {
		return nil, fmt.Errorf("importer: spool the datasets: %w", err)
	}
	return &datasetSpool{f: f, w: bufio.NewWriterSize(f, 256<<10)}, nil
}

func (s *datasetSpool) write(d *catalog.Dataset) error {
	b, err := json.Marshal(spooled{D: d, P: d.Published})
	if err != nil {
		return fmt.Errorf("importer: spool dataset %s: %w", d.ID, err)
	}
	s.buf = binary.AppendUvarint(s.buf[:0], uint64(len(b)))
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("importer: spool the datasets: %w", err)
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("importer: spool the datasets: %w", err)
	}
	return nil
}

func (s *datasetSpool) flush() error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("importer: spool the datasets: %w", err)
	}
	return nil
}

// each yields the spooled datasets, in the order written.
func (s *datasetSpool) each(yield func(*catalog.Dataset) error) error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("importer: read the spooled datasets: %w", err)
	}
	br := bufio.NewReaderSize(s.f, 256<<10)
	var b []byte
	for {
		n, err := binary.ReadUvarint(br)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("importer: read the spooled datasets: %w", err)
		}
		b = append(b[:0], make([]byte, n)...)
		if _, err := io.ReadFull(br, b); err != nil {
			return fmt.Errorf("importer: read the spooled datasets: %w", err)
		}
		var x spooled
		if err := json.Unmarshal(b, &x); err != nil {
			return fmt.Errorf("importer: read the spooled datasets: %w", err)
		}
		x.D.Published = x.P
		if err := yield(x.D); err != nil {
			return err
		}
	}
}

func (s *datasetSpool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
