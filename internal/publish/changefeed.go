package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/jsonld"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
)

// DefaultFeedPageSize is how many changes of the history one page of a
// change feed holds (with every event they make).
const DefaultFeedPageSize = 100

// FeedFormats are the syntaxes change feeds are served in: TriG (what
// DCAT-AP Feeds names first), JSON-LD and N-Quads.
var FeedFormats = []rdfio.Format{rdfio.TriG, rdfio.JSONLD, rdfio.NQuads}

// NewFeedWriter returns a writer of quads in syntax f (TriG, JSON-LD or
// N-Quads) onto w, with the feed prefixes (ldes.Prefixes) and extra.
func NewFeedWriter(f rdfio.Format, w io.Writer, extra ...rdfio.Prefix) (rdfio.QuadWriter, error) {
	prefixes := append(ldes.Prefixes(), extra...)
	switch f {
	case rdfio.TriG:
		return turtle.NewTriGWriter(w, turtle.Options{Prefixes: prefixes}), nil
	case rdfio.JSONLD:
		return jsonld.NewQuadWriter(w, jsonld.Options{Prefixes: prefixes}), nil
	case rdfio.NQuads:
		return ntriples.NewQuadWriter(w), nil
	}
	return nil, fmt.Errorf("feed: a change feed is not written as %s (TriG, JSON-LD or N-Quads)", f)
}

// FeedIRI is the IRI of org's change feed, {base}/agencies/{org}/datasets/feed,
// or of the national one, {base}/catalog/feed, when org is "". It is also
// the feed's first page, where a harvester starts.
func FeedIRI(m *dcat.Mapper, org catalog.OrgNumber) string {
	if org == "" {
		return m.NationalCatalogIRI() + "/feed"
	}
	return m.BaseURL() + "/agencies/" + string(org) + "/datasets/feed"
}

// FeedPageIRI is the page of the feed that starts after change after: the
// feed itself for 0, else {feed}?after={after}.
func FeedPageIRI(feed string, after int64) string {
	if after <= 0 {
		return feed
	}
	return feed + "?after=" + strconv.FormatInt(after, 10)
}

// FeedPage writes the page of org's change feed (the national one when org
// is "") that holds the size changes after change after, in syntax f, to
// w. It returns the number of events written.
//
// Every change of the history makes events, each an as:Create, as:Update or
// as:Delete of one entity with the entity's whole DCAT-AP-SE description as
// the named graph of the event:
//
//   - a dataset's change, for the dataset (its description with its contact
//     point, its period and the catalog's dcat:dataset link to it) and for
//     each of its distributions and data services (with the catalog's
//     dcat:service link) whose description is new, changed or gone, compared
//     with the dataset's previous version in the history;
//   - an agency's change, for its publisher (a foaf:Agent) when that
//     changed, and for the datasets whose descriptions the agency's name and
//     e-mail enter (a contact point taken from the agency);
//   - at the end of each write, for the catalog of each agency it touched
//     (its dcterms:modified is the write's time) and, in the national feed,
//     for the national catalog.
//
// Events are named {feed}#{seq}-{n} (n counts the events of change seq)
// and published at the change's time. A page that has size changes and a
// change after them links to the next page with a
// tree:GreaterThanOrEqualToRelation on as:published; from then on it never
// changes. catalog.ErrNotFound (wrapped) for an unknown agency.
func (b *Builder) FeedPage(ctx context.Context, org catalog.OrgNumber, after int64, size int, f rdfio.Format, w io.Writer) (int, error) {
	if size < 1 {
		return 0, fmt.Errorf("feed: a page of %d changes", size)
	}
	// The feed's events, katalog's datasets and the agency's catalog as
	// prefixed names keep TriG pages small.
	extra := []rdfio.Prefix{{Name: "feed", IRI: FeedIRI(b.m, org) + "#"}, {Name: "ds", IRI: b.m.BaseURL() + "/datasets/"}}
	if org != "" {
		extra = append(extra, rdfio.Prefix{Name: "cat", IRI: b.m.BaseURL() + "/agencies/" + string(org) + "/datasets/"})
	}
	qw, err := NewFeedWriter(f, w, extra...)
	if err != nil {
		return 0, err
	}
	n, err := b.feedPage(ctx, org, after, size, qw)
	if cerr := qw.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("feed: close %s writer: %w", f, cerr)
	}
	return n, err
}

func (b *Builder) feedPage(ctx context.Context, org catalog.OrgNumber, after int64, size int, w rdfio.QuadWriter) (int, error) {
	if org != "" {
		if _, err := b.store.Agency(ctx, org); err != nil {
			return 0, fmt.Errorf("feed: agency %s: %w", org, err)
		}
	}
	changes, err := b.store.Changes(ctx, org, after, size+1)
	if err != nil {
		return 0, fmt.Errorf("feed: %w", err)
	}
	var next *catalog.Change
	if len(changes) > size {
		next, changes = &changes[size], changes[:size]
	}
	fb := &feedBuild{b: b, ctx: ctx, org: org, feed: FeedIRI(b.m, org), agencies: map[catalog.OrgNumber]*agencyState{}}
	if fb.pw, err = ldes.NewPageWriter(w, fb.stream(), FeedPageIRI(fb.feed, after)); err != nil {
		return 0, fmt.Errorf("feed: %w", err)
	}
	if org == "" {
		first, err := b.store.Changes(ctx, "", 0, 1)
		if err != nil {
			return 0, fmt.Errorf("feed: %w", err)
		}
		if len(first) > 0 {
			fb.firstRev = first[0].Revision
		}
	}
	for i := range changes {
		c := &changes[i]
		following := next
		if i+1 < len(changes) {
			following = &changes[i+1]
		}
		if err := fb.change(c, following); err != nil {
			return fb.pw.Events, err
		}
	}
	if next != nil {
		last := changes[len(changes)-1]
		page := FeedPageIRI(fb.feed, last.Seq)
		if err := fb.pw.Relation(ldes.Relation{IRI: FeedPageIRI(fb.feed, after) + "#next", Node: page, Value: last.At}); err != nil {
			return fb.pw.Events, fmt.Errorf("feed: %w", err)
		}
	}
	return fb.pw.Events, nil
}

// agencyState is an agency as of the change being read.
type agencyState struct {
	a      *catalog.Agency
	catIRI string
	// createdRev is the revision of the write that created the agency's
	// catalog, when known.
	createdRev int64
}

// feedBuild is the state of one page being written.
type feedBuild struct {
	b        *Builder
	ctx      context.Context
	org      catalog.OrgNumber
	feed     string
	pw       *ldes.PageWriter
	agencies map[catalog.OrgNumber]*agencyState
	// firstRev is the revision of the history's first write (the national
	// catalog's create).
	firstRev int64
	// The change being read, its events so far and the agencies its write
	// touched so far.
	seq     int64
	events  int
	rev     int64
	touched []catalog.OrgNumber
	// emitted holds the last description each catalog's event on this
	// page gave: a write that leaves it as it was (its dcterms:modified
	// is to the second) needs no event.
	emitted map[string][]rdf.Triple
}

func (fb *feedBuild) stream() ldes.Stream {
	s := ldes.Stream{IRI: fb.feed + "#Feed", View: fb.feed, LatestVersion: true,
		DescSV: "Varje ändring av katalogen som en händelse (DCAT-AP Feeds, LDES): as:Create, as:Update eller as:Delete av en katalog, datamängd, distribution, datatjänst eller utgivare, med entitetens hela beskrivning enligt DCAT-AP-SE 3.0.1 i den namngivna grafen med händelsens IRI. En datamängds och en datatjänsts beskrivning bär katalogens länk till dem (dcat:dataset, dcat:service): en skördare som håller en graf per entitet får exakt katalogen.",
		DescEN: "Every change of the catalog as an event (DCAT-AP Feeds, LDES): an as:Create, as:Update or as:Delete of a catalog, dataset, distribution, data service or publisher, with the entity's whole DCAT-AP-SE 3.0.1 description in the named graph named by the event. A dataset's and a data service's description carries the catalog's link to it (dcat:dataset, dcat:service): a harvester that keeps one graph per entity gets exactly the catalog."}
	if fb.org == "" {
		s.TitleSV, s.TitleEN = "Katalogs nationella ändringsflöde", "katalog's national change feed"
	} else {
		o, _ := catalog.ParseOrgNumber(string(fb.org))
		s.TitleSV = "Ändringsflöde för organisationsnummer " + o.Hyphenated()
		s.TitleEN = "Change feed of organisation number " + o.Hyphenated()
	}
	return s
}

// change writes the events of c; following is the change after it in the
// feed, if any.
func (fb *feedBuild) change(c *catalog.Change, following *catalog.Change) error {
	fb.seq, fb.events = c.Seq, 0
	if c.Revision != fb.rev {
		fb.rev, fb.touched = c.Revision, nil
	}
	st, err := fb.agency(c.Agency, c.Seq)
	if err != nil {
		return err
	}
	switch c.Kind {
	case catalog.ChangeDataset:
		err = fb.datasetChange(c, st)
	case catalog.ChangeCatalog:
		err = fb.catalogChange(c, st)
	}
	if err != nil {
		return fmt.Errorf("feed: change %d: %w", c.Seq, err)
	}
	if !slices.Contains(fb.touched, c.Agency) {
		fb.touched = append(fb.touched, c.Agency)
	}
	if following == nil || following.Revision != c.Revision {
		if err := fb.endOfWrite(c); err != nil {
			return fmt.Errorf("feed: change %d: %w", c.Seq, err)
		}
	}
	return nil
}

// agency returns org as of the change seq (before it), read from the
// history the first time.
func (fb *feedBuild) agency(org catalog.OrgNumber, seq int64) (*agencyState, error) {
	if st := fb.agencies[org]; st != nil {
		return st, nil
	}
	catIRI, err := fb.b.m.AgencyCatalogIRI(org)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	st := &agencyState{catIRI: catIRI, createdRev: -1}
	prev, err := fb.b.store.ChangeBefore(fb.ctx, org, catalog.ChangeCatalog, "", seq)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	switch {
	case prev != nil:
		st.a = prev.Catalog
		if prev.Op == catalog.OpCreate {
			st.createdRev = prev.Revision
		}
	default:
		// No catalog in the history before seq: either seq creates it, or
		// the history began after the agency did (the migration gives it
		// one); then the agency as it is now stands in.
		if st.a, err = fb.b.store.Agency(fb.ctx, org); err != nil && !errors.Is(err, catalog.ErrNotFound) {
			return nil, fmt.Errorf("feed: %w", err)
		}
	}
	fb.agencies[org] = st
	return st, nil
}

// emit writes one event of the change being read.
func (fb *feedBuild) emit(typ, object string, payload []rdf.Triple, c *catalog.Change) error {
	fb.events++
	e := &ldes.Event{IRI: fb.feed + "#" + strconv.FormatInt(fb.seq, 10) + "-" + strconv.Itoa(fb.events),
		Type: typ, Object: object, Published: c.At, Payload: payload}
	if err := fb.pw.Event(e); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}

func (fb *feedBuild) datasetChange(c *catalog.Change, st *agencyState) error {
	var old *catalog.Dataset
	prev, err := fb.b.store.ChangeBefore(fb.ctx, c.Agency, catalog.ChangeDataset, c.ID, c.Seq)
	if err != nil {
		return err
	}
	if prev != nil && prev.Op != catalog.OpDelete {
		old = prev.Dataset
	}
	return fb.diff(fb.members(old, st), fb.members(c.Dataset, st), c)
}

func (fb *feedBuild) catalogChange(c *catalog.Change, st *agencyState) error {
	old, next := st.a, c.Catalog
	if c.Op == catalog.OpCreate {
		st.createdRev = c.Revision
		old = nil
	}
	if next == nil {
		return errors.New("a catalog change without the agency")
	}
	agent := func(a *catalog.Agency) []rdf.Triple {
		var ts []rdf.Triple
		if a == nil {
			return nil
		}
		if err := fb.b.m.Agent(a, collect(&ts)); err != nil {
			fb.skip(err)
			return nil
		}
		return ts
	}
	was, is := agent(old), agent(next)
	iri := next.OrgNumber.PublisherIRI()
	switch {
	case is == nil:
	case was == nil:
		if err := fb.emit(ldes.ASCreate, iri, is, c); err != nil {
			return err
		}
	case !sameTriples(was, is):
		if err := fb.emit(ldes.ASUpdate, iri, is, c); err != nil {
			return err
		}
	}
	if old != nil && (!maps.Equal(old.Name, next.Name) || old.Email != next.Email) {
		// The agency's name and e-mail enter the descriptions of datasets
		// without a contact point of their own.
		live, err := fb.b.store.LiveDatasets(fb.ctx, c.Agency, c.Seq)
		if err != nil {
			return err
		}
		before := &agencyState{a: old, catIRI: st.catIRI}
		after := &agencyState{a: next, catIRI: st.catIRI}
		for i := range live {
			if err := fb.diff(fb.members(live[i].Dataset, before), fb.members(live[i].Dataset, after), c); err != nil {
				return err
			}
		}
	}
	st.a = next
	return nil
}

// endOfWrite writes, after the last change of a write, the catalog of each
// agency the write touched and, in the national feed, the national
// catalog, each with the write's time as dcterms:modified.
func (fb *feedBuild) endOfWrite(c *catalog.Change) error {
	rev := catalog.Revision{Seq: c.Revision, Modified: c.At}
	national := fb.b.m.NationalCatalogIRI()
	for _, org := range fb.touched {
		st := fb.agencies[org]
		if st == nil || st.a == nil {
			continue
		}
		var ts []rdf.Triple
		if err := fb.b.m.CatalogHeader(st.a, rev, collect(&ts)); err != nil {
			if fb.skip(err) {
				continue
			}
			return err
		}
		if fb.org == "" {
			if err := fb.b.m.HasPart(national, st.catIRI, collect(&ts)); err != nil {
				return err
			}
		}
		typ := ldes.ASUpdate
		if st.createdRev == c.Revision {
			typ = ldes.ASCreate
		}
		if err := fb.catalogEvent(typ, st.catIRI, ts, c); err != nil {
			return err
		}
	}
	if fb.org != "" {
		return nil
	}
	return fb.nationalCatalog(c, rev)
}

// nationalCatalog writes the national catalog's event (and, with the
// history's first write, its publisher's).
func (fb *feedBuild) nationalCatalog(c *catalog.Change, rev catalog.Revision) error {
	b := fb.b
	pub, err := b.operatorPublisher()
	if err != nil {
		return fmt.Errorf("national catalog: %w", err)
	}
	typ := ldes.ASUpdate
	if c.Revision == fb.firstRev {
		typ = ldes.ASCreate
		var ts []rdf.Triple
		if b.opts.Operator != nil {
			err = b.m.Agent(b.opts.Operator, collect(&ts))
		} else {
			err = b.m.OperatorAgent(collect(&ts))
		}
		if err != nil {
			return err
		}
		if err := fb.emit(ldes.ASCreate, pub, ts, c); err != nil {
			return err
		}
	}
	var ts []rdf.Triple
	if err := b.m.NationalCatalogHeader(pub, rev, collect(&ts)); err != nil {
		return err
	}
	return fb.catalogEvent(typ, b.m.NationalCatalogIRI(), ts, c)
}

// catalogEvent writes a catalog's event unless it is an update that says
// what the catalog's event before it on this page said.
func (fb *feedBuild) catalogEvent(typ, iri string, ts []rdf.Triple, c *catalog.Change) error {
	if fb.emitted == nil {
		fb.emitted = map[string][]rdf.Triple{}
	}
	if prev, ok := fb.emitted[iri]; ok && typ == ldes.ASUpdate && sameTriples(prev, ts) {
		return nil
	}
	fb.emitted[iri] = ts
	return fb.emit(typ, iri, ts, c)
}

// skip reports whether err is a value that cannot be mapped, which the
// Builder leaves out (telling BuilderOptions.SkipInvalid), as its
// documents do.
func (fb *feedBuild) skip(err error) bool {
	var fe *dcat.FieldError
	if !errors.As(err, &fe) {
		return false
	}
	if fb.b.opts.SkipInvalid != nil {
		fb.b.opts.SkipInvalid(err)
	}
	return true
}

// member is one entity of a dataset's description.
type member struct {
	iri     string
	triples []rdf.Triple
}

// members splits d's description, as st's agency publishes it, into its
// entities: its data services (each with the catalog's dcat:service link),
// its distributions, then the dataset itself (with its contact point, its
// period and the catalog's dcat:dataset link). A dataset that cannot be
// mapped has none (it is left out of the agency's documents too).
func (fb *feedBuild) members(d *catalog.Dataset, st *agencyState) []member {
	if d == nil {
		return nil
	}
	m := fb.b.m
	var ts []rdf.Triple
	err := m.Dataset(d, st.a, collect(&ts))
	if err == nil {
		err = m.CatalogLinks(st.catIRI, d, collect(&ts))
	}
	if err != nil {
		fb.skip(err)
		return nil
	}
	dsIRI := d.IRI
	if dsIRI == "" {
		dsIRI, _ = m.DatasetIRI(d.ID) // mapped above, so valid
	}
	var out []member
	index := map[string]int{}
	add := func(iri string) {
		index[iri] = len(out)
		out = append(out, member{iri: iri})
	}
	for _, s := range d.DataServices {
		add(dcat.DataServiceIRI(dsIRI, s.ID))
	}
	for _, x := range d.Distributions {
		add(dcat.DistributionIRI(dsIRI, x.ID))
	}
	add(dsIRI)
	for _, t := range ts {
		owner := t.Subj.String()
		if owner == st.catIRI {
			owner = dsIRI
			if t.Pred.String() == dcat.DCATService {
				owner = t.Obj.String()
			}
		}
		i, ok := index[owner]
		if !ok {
			i = index[dsIRI] // the contact point, its telephone, the period
		}
		out[i].triples = append(out[i].triples, t)
	}
	return out
}

// diff writes the events that turn old's entities into next's: creates and
// updates of services, distributions and the dataset (what is referred to
// comes first), then deletes of the dataset, its distributions and
// services (references go first).
func (fb *feedBuild) diff(old, next []member, c *catalog.Change) error {
	was := make(map[string][]rdf.Triple, len(old))
	for _, m := range old {
		was[m.iri] = m.triples
	}
	is := make(map[string]bool, len(next))
	for _, m := range next {
		is[m.iri] = true
		prev, ok := was[m.iri]
		switch {
		case !ok:
			if err := fb.emit(ldes.ASCreate, m.iri, m.triples, c); err != nil {
				return err
			}
		case !sameTriples(prev, m.triples):
			if err := fb.emit(ldes.ASUpdate, m.iri, m.triples, c); err != nil {
				return err
			}
		}
	}
	for i := len(old) - 1; i >= 0; i-- {
		if !is[old[i].iri] {
			if err := fb.emit(ldes.ASDelete, old[i].iri, nil, c); err != nil {
				return err
			}
		}
	}
	return nil
}

func collect(ts *[]rdf.Triple) dcat.Emit {
	return func(t rdf.Triple) error { *ts = append(*ts, t); return nil }
}

// sameTriples reports whether a and b are the same set of triples (the
// mapping mints no blank nodes, so terms compare as written).
func sameTriples(a, b []rdf.Triple) bool {
	set := func(ts []rdf.Triple) map[string]bool {
		m := make(map[string]bool, len(ts))
		for _, t := range ts {
			m[t.Serialize(rdf.NTriples)] = true
		}
		return m
	}
	return maps.Equal(set(a), set(b))
}
