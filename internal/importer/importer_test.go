package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/problem"
	"github.com/katalog-se/katalog/internal/store/sqlite"
	"github.com/katalog-se/katalog/internal/store/storetest"
)

const base = "https://katalog.example.se"

type env struct {
	store  *sqlite.Store
	mapper *dcat.Mapper
	im     *importer.Importer
	agency *catalog.Agency
}

func newEnv(t testing.TB, opts ...importer.Option) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "katalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m, err := dcat.NewMapper(base)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.NewAgency(storetest.OrgDigg)
	if err := st.CreateAgency(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	return &env{store: st, mapper: m, im: importer.New(st, m, opts...), agency: a}
}

// datasets returns n datasets of the agency as the API would store them.
func (e *env) datasets(n int) []*catalog.Dataset {
	out := make([]*catalog.Dataset, n)
	for i := range out {
		out[i] = storetest.NewDataset(e.agency.OrgNumber, fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1), i+1)
	}
	return out
}

// feed writes the agency's catalog with ds in format f.
func (e *env) feed(t testing.TB, f rdfio.Format, ds []*catalog.Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := codec.NewWriter(f, &buf)
	if err != nil {
		t.Fatal(err)
	}
	emit := func(tr rdf.Triple) error { return w.Write(tr) }
	must(t, e.mapper.CatalogHeader(e.agency, catalog.Revision{}, emit))
	must(t, e.mapper.Agent(e.agency, emit))
	cat, err := e.mapper.AgencyCatalogIRI(e.agency.OrgNumber)
	must(t, err)
	for _, d := range ds {
		must(t, e.mapper.CatalogLinks(cat, d, emit))
		must(t, e.mapper.Dataset(d, e.agency, emit))
	}
	must(t, w.Close())
	return buf.Bytes()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (e *env) revision(t testing.TB) catalog.Revision {
	t.Helper()
	r, err := e.store.Revision(context.Background(), e.agency.OrgNumber)
	must(t, err)
	return r
}

func (e *env) run(t testing.TB, body []byte, name string) (*importer.Report, error) {
	t.Helper()
	return e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(body), Name: name})
}

func TestImportEverySyntax(t *testing.T) {
	for _, f := range []rdfio.Format{rdfio.RDFXML, rdfio.Turtle, rdfio.NTriples, rdfio.JSONLD} {
		t.Run(string(f), func(t *testing.T) {
			if _, err := codec.NewReader(f, strings.NewReader(""), "", codec.Limits{}); err != nil {
				t.Skipf("no %s reader yet: %v", f, err)
			}
			e := newEnv(t)
			want := e.datasets(3)
			rep, err := e.run(t, e.feed(t, f, want), "feed"+f.Extension())
			if err != nil {
				t.Fatal(err)
			}
			if rep.Format != string(f) || rep.Datasets != 3 || len(rep.Added) != 3 || rep.Pages != 1 || rep.Triples == 0 {
				t.Errorf("report %+v", rep)
			}
			for _, d := range want {
				got, err := e.store.Dataset(context.Background(), e.agency.OrgNumber, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Published == nil || got.Published.Triples == 0 {
					t.Fatalf("dataset %s: no published description", d.ID)
				}
				got.Published = nil // the fields, read from it, are compared here
				norm := normalised(t, d)
				gotHash, _ := got.ContentHash()
				wantHash, _ := norm.ContentHash()
				if gotHash != wantHash {
					gotDoc, _ := json.Marshal(got)
					wantDoc, _ := json.Marshal(norm)
					t.Errorf("dataset %s:\n got %s\nwant %s", d.ID, gotDoc, wantDoc)
				}
			}
		})
	}
}

// normalised is d as a feed carries it back: what the mapping fills in or
// reorders, it fills in and reorders.
func normalised(t testing.TB, d *catalog.Dataset) *catalog.Dataset {
	t.Helper()
	m, _ := dcat.NewMapper(base)
	var ts []rdf.Triple
	must(t, m.Dataset(d, nil, func(tr rdf.Triple) error { ts = append(ts, tr); return nil }))
	g := dcat.NewGraph()
	for _, tr := range ts {
		g.Add(tr)
	}
	out := m.Unmap(g).Datasets[0]
	return &out
}

func TestReimportChangeDetection(t *testing.T) {
	e := newEnv(t)
	ds := e.datasets(4)
	ctx := context.Background()
	if _, err := e.run(t, e.feed(t, rdfio.Turtle, ds), "a.ttl"); err != nil {
		t.Fatal(err)
	}
	first, err := e.store.Dataset(ctx, e.agency.OrgNumber, ds[0].ID)
	must(t, err)
	rev := e.revision(t)

	// The same feed again, in another syntax: nothing is written.
	rep, err := e.run(t, e.feed(t, rdfio.RDFXML, ds), "a.rdf")
	must(t, err)
	if len(rep.Unchanged) != 4 || len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 {
		t.Errorf("unchanged re-import: %+v", rep)
	}
	if r := e.revision(t); r != rev {
		t.Errorf("unchanged re-import moved the revision from %+v to %+v", rev, r)
	}
	again, err := e.store.Dataset(ctx, e.agency.OrgNumber, ds[0].ID)
	must(t, err)
	if !again.UpdatedAt.Equal(first.UpdatedAt) {
		t.Errorf("unchanged dataset rewritten: updated %v, was %v", again.UpdatedAt, first.UpdatedAt)
	}

	// One changed, one gone, one new: refused without leave to remove,
	// naming the dataset, nothing written.
	ds[1].Title["sv"] = "Ny titel"
	next := append([]*catalog.Dataset{ds[0], ds[1], ds[2]}, e.datasets(5)[4])
	_, err = e.run(t, e.feed(t, rdfio.NTriples, next), "a.nt")
	if p := wantProblem(t, err, http.StatusConflict); len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Detail, ds[3].ID) {
		t.Errorf("refused removal: %v", p)
	}
	if r := e.revision(t); r != rev {
		t.Errorf("a refused import moved the revision from %+v to %+v", rev, r)
	}
	rep, err = e.im.Import(ctx, e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(e.feed(t, rdfio.NTriples, next)), Name: "a.nt",
		Options: importer.Options{AllowRemovals: true}})
	must(t, err)
	if fmt.Sprint(rep.Updated) != fmt.Sprint([]string{ds[1].ID}) || len(rep.Added) != 1 || fmt.Sprint(rep.Removed) != fmt.Sprint([]string{ds[3].ID}) || len(rep.Unchanged) != 2 {
		t.Errorf("changed re-import: %+v", rep)
	}
	if r := e.revision(t); r.Seq <= rev.Seq {
		t.Error("a changing import left the revision")
	}
	got, err := e.store.Dataset(ctx, e.agency.OrgNumber, ds[1].ID)
	must(t, err)
	if got.Title["sv"] != "Ny titel" {
		t.Errorf("updated title = %q", got.Title["sv"])
	}
}

// wantProblem checks err is a problem of the given status.
func wantProblem(t *testing.T, err error, status int) *problem.Problem {
	t.Helper()
	var p *problem.Problem
	if !errors.As(err, &p) {
		t.Fatalf("err = %v (%T), want a problem", err, err)
	}
	if p.Status != status {
		t.Fatalf("status %d, want %d: %v", p.Status, status, p)
	}
	return p
}

func TestRejectedImportsChangeNothing(t *testing.T) {
	e := newEnv(t)
	ds := e.datasets(2)
	if _, err := e.run(t, e.feed(t, rdfio.Turtle, ds), "a.ttl"); err != nil {
		t.Fatal(err)
	}
	rev := e.revision(t)
	good := string(e.feed(t, rdfio.NTriples, e.datasets(3)))
	t.Run("syntax error", func(t *testing.T) {
		bad := good + "<https://x.se/a> <https://x.se/b> \"unterminated .\n"
		_, err := e.run(t, []byte(bad), "bad.nt")
		p := wantProblem(t, err, http.StatusBadRequest)
		if len(p.Errors) != 1 || p.Errors[0].Line != strings.Count(good, "\n")+1 || p.Errors[0].Message["sv"] == "" {
			t.Errorf("errors %+v: want the line of the bad triple", p.Errors)
		}
	})
	t.Run("no dataset", func(t *testing.T) {
		ttl := `@prefix dcat: <http://www.w3.org/ns/dcat#> . <https://x.se/catalog> a dcat:Catalog .`
		_, err := e.run(t, []byte(ttl), "x.ttl")
		p := wantProblem(t, err, http.StatusUnprocessableEntity)
		if !strings.HasSuffix(p.Type, "/no-datasets") || p.Errors[0].Rule != "catalog.dataset.min" || p.Errors[0].Message["sv"] == "" {
			t.Errorf("problem %+v", p)
		}
	})
	t.Run("removals without leave", func(t *testing.T) {
		_, err := e.run(t, e.feed(t, rdfio.NTriples, e.datasets(3)[2:]), "a.nt")
		p := wantProblem(t, err, http.StatusConflict)
		if len(p.Errors) != 2 {
			t.Errorf("errors %+v: want the two datasets it would remove", p.Errors)
		}
	})
	t.Run("strict with errors", func(t *testing.T) {
		ttl := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://x.se/ds/2> a dcat:Dataset ; dcterms:description "Ingen titel"@sv ;
  dcat:distribution [ dcat:accessURL <ftp://x.se/file> ; dcterms:format "text/csv" ] .`
		_, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: strings.NewReader(ttl), Name: "x.ttl",
			Options: importer.Options{Strict: true, AllowRemovals: true}})
		p := wantProblem(t, err, http.StatusUnprocessableEntity)
		rules := map[string]bool{}
		for _, fe := range p.Errors {
			rules[fe.Rule] = true
			if fe.Rule != "catalog.missing" && fe.Focus == "" || fe.Message["sv"] == "" {
				t.Errorf("error without focus or Swedish message: %+v", fe)
			}
		}
		for _, want := range []string{"dataset.title.min", "distribution.accessURL.pattern", "dataset.publisher.min"} {
			if !rules[want] {
				t.Errorf("rules %v lack %s", rules, want)
			}
		}
	})
	t.Run("a unit of the agency is its own", func(t *testing.T) {
		ttl := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://x.se/ds/1> a dcat:Dataset ; dcterms:title "Bra"@sv ; dcterms:description "Ok"@sv ;
  dcterms:publisher <http://dataportal.se/organisation/SE2021006883-statistik> .`
		_, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: strings.NewReader(ttl), Name: "x.ttl", Options: importer.Options{DryRun: true}})
		if err != nil {
			t.Errorf("a unit's publisher IRI refused: %v", err)
		}
	})
	t.Run("another agency's feed", func(t *testing.T) {
		ttl := `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<https://x.se/ds/1> a dcat:Dataset ; dcterms:title "Bra"@sv ; dcterms:description "Ok"@sv ;
  dcterms:publisher <http://dataportal.se/organisation/SE2021005448> .`
		_, err := e.run(t, []byte(ttl), "x.ttl")
		wantProblem(t, err, http.StatusForbidden)
	})
	t.Run("unknown syntax", func(t *testing.T) {
		_, err := e.run(t, []byte("hello"), "")
		wantProblem(t, err, http.StatusBadRequest)
	})
	t.Run("unknown agency", func(t *testing.T) {
		_, err := e.im.Import(context.Background(), storetest.OrgSCB, importer.Source{Body: strings.NewReader(good), Name: "a.nt"})
		if !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	if r := e.revision(t); r != rev {
		t.Errorf("rejected imports moved the revision from %+v to %+v", rev, r)
	}
	if n, _ := e.store.CountDatasets(context.Background(), e.agency.OrgNumber); n != 2 {
		t.Errorf("%d datasets after rejected imports, want 2", n)
	}
}

// httpFetcher fetches with a plain client: the tests' servers are on loopback.
type httpFetcher struct{ c *http.Client }

func (f httpFetcher) Fetch(ctx context.Context, url string) (io.ReadCloser, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	resp, err := f.c.Do(req)
	if err != nil {
		return nil, "", err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, "", fmt.Errorf("HTTP %s", resp.Status)
	}
	return resp.Body, resp.Header.Get("Content-Type"), nil
}

// pagedServer serves pages[i] at /page/i with a hydra:next link to next(i).
func pagedServer(t *testing.T, pages []string, next func(i int) int) *httptest.Server {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/page/%d", &i); err != nil || i >= len(pages) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/turtle")
		fmt.Fprintf(w, "@prefix hydra: <http://www.w3.org/ns/hydra/core#> .\n")
		if n := next(i); n >= 0 {
			fmt.Fprintf(w, "<%s/page/%d> a hydra:PagedCollection ; hydra:next <%s/page/%d> .\n", srv.URL, i, srv.URL, n)
		}
		io.WriteString(w, pages[i])
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestImportURLFollowsPages(t *testing.T) {
	e := newEnv(t, importer.WithFetcher(httpFetcher{http.DefaultClient}))
	ds := e.datasets(3)
	var pages []string
	for _, d := range ds {
		pages = append(pages, string(e.feed(t, rdfio.NTriples, []*catalog.Dataset{d})))
	}
	srv := pagedServer(t, pages, func(i int) int {
		if i+1 < len(pages) {
			return i + 1
		}
		return -1
	})
	rep, err := e.im.ImportURL(context.Background(), e.agency.OrgNumber, srv.URL+"/page/0", importer.FormatAuto, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 3 || len(rep.Added) != 3 {
		t.Errorf("report %+v, want 3 pages and 3 datasets", rep)
	}
}

func TestImportURLStopsAtLoops(t *testing.T) {
	e := newEnv(t, importer.WithFetcher(httpFetcher{http.DefaultClient}), importer.WithMaxPages(5))
	page := string(e.feed(t, rdfio.NTriples, e.datasets(1)))
	for name, next := range map[string]func(int) int{
		"cycle":    func(i int) int { return (i + 1) % 3 },
		"self":     func(i int) int { return i },
		"too many": func(i int) int { return i + 1 },
	} {
		t.Run(name, func(t *testing.T) {
			pages := make([]string, 10)
			for i := range pages {
				pages[i] = page
			}
			srv := pagedServer(t, pages, next)
			_, err := e.im.ImportURL(context.Background(), e.agency.OrgNumber, srv.URL+"/page/0", importer.FormatAuto, importer.Options{})
			wantProblem(t, err, http.StatusBadRequest)
			if n, _ := e.store.CountDatasets(context.Background(), e.agency.OrgNumber); n != 0 {
				t.Errorf("a stopped run wrote %d datasets", n)
			}
		})
	}
}

// onlyReader hides a body's Seek, as stdin and HTTP bodies have none.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestIdenticalSourceIsNotReadAgain(t *testing.T) {
	e := newEnv(t)
	ds := e.datasets(3)
	feed := e.feed(t, rdfio.Turtle, ds)
	ctx := context.Background()
	first, err := e.run(t, feed, "a.ttl")
	must(t, err)
	if first.SourceUnchanged || len(first.Added) != 3 {
		t.Fatalf("first import %+v", first)
	}
	rev := e.revision(t)
	// The same bytes, through a body that cannot seek (spooled to a file).
	again, err := e.im.Import(ctx, e.agency.OrgNumber, importer.Source{Body: onlyReader{bytes.NewReader(feed)}, Name: "a.ttl"})
	must(t, err)
	if !again.SourceUnchanged || len(again.Unchanged) != 3 || again.Format != "turtle" || again.Triples != first.Triples || len(again.Added) != 0 {
		t.Errorf("identical re-import %+v", again)
	}
	if e.revision(t) != rev {
		t.Error("an identical re-import moved the revision")
	}
	// An API write in between: the same source is read again and undoes it.
	changed := *ds[0]
	changed.Title = catalog.LangString{"sv": "Ändrad i API:t"}
	must(t, e.store.ReplaceDataset(ctx, &changed))
	third, err := e.run(t, feed, "a.ttl")
	must(t, err)
	if third.SourceUnchanged || fmt.Sprint(third.Updated) != fmt.Sprint([]string{ds[0].ID}) {
		t.Errorf("re-import after an API write %+v: want it read and dataset %s restored", third, ds[0].ID)
	}
	// The same bytes under another declared format are read again.
	fourth, err := e.im.Import(ctx, e.agency.OrgNumber, importer.Source{Body: bytes.NewReader(feed), Name: "a.ttl", Format: "turtle"})
	must(t, err)
	if fourth.SourceUnchanged || len(fourth.Unchanged) != 3 {
		t.Errorf("re-import with an explicit format %+v", fourth)
	}
}

func TestSpooledSourceOverTheLimit(t *testing.T) {
	e := newEnv(t, importer.WithLimits(codec.Limits{MaxBytes: 1024}))
	feed := e.feed(t, rdfio.NTriples, e.datasets(3))
	_, err := e.im.Import(context.Background(), e.agency.OrgNumber, importer.Source{Body: onlyReader{bytes.NewReader(feed)}, Name: "a.nt"})
	wantProblem(t, err, http.StatusRequestEntityTooLarge)
}
