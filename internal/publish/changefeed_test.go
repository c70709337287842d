package publish_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/ldes"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/validate"
	"github.com/katalog-se/katalog/internal/dcattest"
	"github.com/katalog-se/katalog/internal/publish"
	"github.com/katalog-se/katalog/internal/rdftest"
)

// history adds to the fixture's store the changes a catalog goes through:
// a dataset replaced (a distribution changed, one added, the data service
// gone), one deleted, the agency renamed with a new e-mail (which the
// contact points taken from it follow), and an import that adds, keeps
// and removes.
func history(t testing.TB, st catalog.Store) {
	t.Helper()
	ctx := context.Background()
	d := dcattest.Dataset()
	d.Distributions[0].Title = catalog.LangString{"sv": "Ny titel", "en": "New title"}
	d.Distributions = append(d.Distributions, catalog.Distribution{ID: "3", AccessURL: "https://example.se/3", Format: "text/csv"})
	d.Distributions[1].AccessService = ""
	d.DataServices = nil
	must(t, st.ReplaceDataset(ctx, d))
	d0 := dcattest.SyntheticDataset(skv, 0)
	must(t, st.DeleteDataset(ctx, skv, d0.ID))
	a, err := st.Agency(ctx, skv)
	must(t, err)
	a.Name = catalog.LangString{"sv": "Skatteverket (nytt namn)", "en": "Swedish Tax Agency (renamed)"}
	a.Email = "ny@skatteverket.se"
	must(t, st.UpdateAgency(ctx, a))
	d1 := dcattest.SyntheticDataset(skv, 1)
	d1.ContactPoint = nil
	d5 := dcattest.SyntheticDataset(skv, 5)
	d5.ContactPoint = nil
	_, err = st.SyncDatasets(ctx, skv, []*catalog.Dataset{dcattest.Dataset(), &d1, &d5})
	must(t, err)
	a.Email = "oppnadata@skatteverket.se"
	must(t, st.UpdateAgency(ctx, a))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// feedPages reads every page of org's change feed from the first, in
// syntax f, as a harvester following tree:relation would.
func feedPages(t testing.TB, b *publish.Builder, org catalog.OrgNumber, size int, f rdfio.Format) []*ldes.Document {
	t.Helper()
	feed := publish.FeedIRI(b.Mapper(), org)
	var docs []*ldes.Document
	after := int64(0)
	for range 1000 {
		var buf bytes.Buffer
		if _, err := b.FeedPage(context.Background(), org, after, size, f, &buf); err != nil {
			t.Fatal(err)
		}
		qr, _, err := ldes.Open(&buf, "", f.MediaType(), "", publish.FeedPageIRI(feed, after), codec.Limits{})
		must(t, err)
		doc, err := ldes.ReadDocument(qr)
		must(t, err)
		if doc.Invalid() {
			t.Fatalf("page after %d: %+v", after, doc.Findings)
		}
		for _, fd := range doc.Findings {
			t.Errorf("page after %d: %+v", after, fd)
		}
		docs = append(docs, doc)
		if len(doc.Next) == 0 {
			return docs
		}
		if len(doc.Next) != 1 {
			t.Fatalf("page after %d links to %v", after, doc.Next)
		}
		rest, ok := strings.CutPrefix(doc.Next[0], feed+"?after=")
		next, err := strconv.ParseInt(rest, 10, 64)
		if !ok || err != nil || next <= after {
			t.Fatalf("next page %q after %d", doc.Next[0], after)
		}
		after = next
	}
	t.Fatal("more than 1000 pages")
	return nil
}

func apply(s *ldes.State, docs []*ldes.Document) {
	for _, d := range docs {
		s.Apply(d.Events)
	}
}

func stateTriples(t testing.TB, s *ldes.State) []rdf.Triple {
	t.Helper()
	var ts []rdf.Triple
	must(t, s.Triples(func(tr rdf.Triple) error { ts = append(ts, tr); return nil }))
	return ts
}

func exportOf(t testing.TB, b *publish.Builder, org catalog.OrgNumber) []rdf.Triple {
	t.Helper()
	rec := &rdftest.Recorder{}
	var err error
	if org == "" {
		err = b.NationalFeed(context.Background(), rec)
	} else {
		err = b.AgencyFeed(context.Background(), org, rec)
	}
	must(t, err)
	return rec.Triples
}

// TestChangeFeedRebuildsTheCatalog: a harvester that applies an agency's
// change feed from the start has exactly the agency's catalog, in every
// syntax, page by page; one that stops half way, keeps its state as TriG
// and goes on from there has it too.
func TestChangeFeedRebuildsTheCatalog(t *testing.T) {
	st := fixture(t, 6, 2)
	history(t, st)
	b := builder(t, st, publish.BuilderOptions{})
	want := exportOf(t, b, skv)
	for _, f := range publish.FeedFormats {
		for _, size := range []int{1, 3, publish.DefaultFeedPageSize} {
			docs := feedPages(t, b, skv, size, f)
			s := ldes.NewState()
			apply(s, docs)
			if ok, why := rdftest.Isomorphic(stateTriples(t, s), want); !ok {
				t.Fatalf("%s, %d a page: the feed applied is not the catalog:\n%s", f, size, why)
			}
			// Half way, through a TriG file, then on.
			half := ldes.NewState()
			apply(half, docs[:len(docs)/2])
			var buf bytes.Buffer
			qw, err := publish.NewFeedWriter(rdfio.TriG, &buf)
			must(t, err)
			must(t, half.Quads(qw.WriteQuad))
			must(t, qw.Close())
			resumed := ldes.NewState()
			qr, _, err := ldes.Open(&buf, "state.trig", "", "", "", codec.Limits{})
			must(t, err)
			_, err = resumed.LoadReader(qr)
			must(t, err)
			apply(resumed, docs[len(docs)/2-min(1, len(docs)/2):]) // the last page read, again
			if ok, why := rdftest.Isomorphic(stateTriples(t, resumed), want); !ok {
				t.Fatalf("%s, %d a page, resumed: %s", f, size, why)
			}
		}
	}
}

// TestChangeFeedNational: the national feed applied is the national
// catalog plus the catalogs (and publishers) of the agencies without
// datasets, which the national document leaves out.
func TestChangeFeedNational(t *testing.T) {
	st := fixture(t, 3, 2)
	history(t, st)
	b := builder(t, st, publish.BuilderOptions{})
	s := ldes.NewState()
	apply(s, feedPages(t, b, "", 4, rdfio.TriG))
	cat, err := b.Mapper().AgencyCatalogIRI(digg)
	must(t, err)
	s.SetEntity(cat, nil)
	s.SetEntity(digg.PublisherIRI(), nil)
	if ok, why := rdftest.Isomorphic(stateTriples(t, s), exportOf(t, b, "")); !ok {
		t.Fatalf("the national feed applied is not the national catalog:\n%s", why)
	}
}

// TestChangeFeedMembersValidate: every member of katalog's feeds is a
// DCAT-AP-SE 3.0.1 resource without blank nodes: no validation errors in
// any event's description.
func TestChangeFeedMembersValidate(t *testing.T) {
	st := fixture(t, 3, 2)
	history(t, st)
	b := builder(t, st, publish.BuilderOptions{})
	p, err := validate.Lookup(validate.DefaultProfile)
	must(t, err)
	v := validate.New(p)
	members := 0
	for _, org := range []catalog.OrgNumber{skv, ""} {
		for _, doc := range feedPages(t, b, org, 5, rdfio.TriG) {
			for i := range doc.Events {
				e := &doc.Events[i]
				for _, tr := range e.Payload {
					if _, ok := tr.Subj.(rdf.Blank); ok {
						t.Errorf("%s: a blank node in %s", e.IRI, tr.Serialize(rdf.NTriples))
					}
					if _, ok := tr.Obj.(rdf.Blank); ok {
						t.Errorf("%s: a blank node in %s", e.IRI, tr.Serialize(rdf.NTriples))
					}
				}
				rep := ldes.ValidateMember(v, e)
				if rep.Errors > 0 {
					t.Errorf("%s (%s %s): %+v", e.IRI, e.TypeName(), e.Object, rep.Results)
				}
				members++
			}
		}
	}
	if members < 40 {
		t.Fatalf("only %d members", members)
	}
}
