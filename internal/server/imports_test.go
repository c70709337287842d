package server

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/write"
)

// withImporter adds the DCAT feeds and an importer to the fixture.
func withImporter(t testing.TB) func(*Deps) {
	var m *dcat.Mapper
	feeds := withDCAT(t, &m)
	return func(d *Deps) {
		feeds(d)
		d.Writes = write.New(d.Store, write.Options{Importer: importer.New(d.Store, m)})
		d.ImportMaxBytes = 4 << 10
	}
}

func importTurtle(org string, titles ...string) string {
	var b strings.Builder
	b.WriteString("@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n")
	for i, title := range titles {
		fmt.Fprintf(&b, "<https://data.example.se/%s/ds/%d> a dcat:Dataset ; dcterms:title %q@sv ; dcterms:description \"Beskrivning\"@sv ;\n", org, i, title)
		fmt.Fprintf(&b, "  dcterms:publisher <http://dataportal.se/organisation/SE%s> .\n", org)
	}
	return b.String()
}

func TestImportRoute(t *testing.T) {
	f := newFixture(t, withImporter(t))
	digg := f.register(orgDigg, "Digg")
	scb := f.register(orgSCB, "SCB")
	path := "/api/v1/agencies/" + orgDigg + "/import"
	feed := "/agencies/" + orgDigg + "/datasets/dcat"
	body := importTurtle(orgDigg, "Ett", "Två")

	if r := f.do("POST", path, "", body); r.status != 401 {
		t.Errorf("no token: %d", r.status)
	}
	if r := f.do("POST", path, scb, body); r.status != 403 {
		t.Errorf("another agency's token: %d", r.status)
	}
	r := f.do("POST", path, digg, body, "Content-Type", "text/turtle")
	var rep importer.Report
	if r.status != 200 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	r.json(t, &rep)
	if len(rep.Added) != 2 || rep.Format != "turtle" {
		t.Fatalf("report %+v", rep)
	}
	first := f.do("GET", feed, "", nil)
	etag := first.header.Get("ETag")
	if first.status != 200 || !strings.Contains(string(first.body), "https://data.example.se/"+orgDigg+"/ds/1") {
		t.Fatalf("feed after import: %d %s", first.status, first.body)
	}

	// The same feed again (JSON clients send no syntax: sniffed) changes nothing: the ETag holds.
	r = f.do("POST", path+"?name=catalog.ttl", digg, body)
	r.json(t, &rep)
	if r.status != 200 || len(rep.Unchanged) != 2 || len(rep.Added)+len(rep.Updated)+len(rep.Removed) != 0 {
		t.Errorf("re-import: %d %+v", r.status, rep)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", etag); r.status != 304 {
		t.Errorf("feed after an unchanged import: %d, want 304", r.status)
	}

	// Rejected input changes nothing.
	bad := f.do("POST", path, digg, body+"<https://x.se/a> a \n", "Content-Type", "text/turtle")
	if bad.status != 400 {
		t.Fatalf("syntax error: %d %s", bad.status, bad.body)
	}
	if p := bad.problem(t); len(p.Errors) != 1 || p.Errors[0].Line == 0 {
		t.Errorf("syntax error not located: %+v", p)
	}
	if r := f.do("POST", path, digg, importTurtle(orgSCB, "Fel"), "Content-Type", "text/turtle"); r.status != 403 {
		t.Errorf("another agency's feed: %d %s", r.status, r.body)
	}
	if r := f.do("POST", path, digg, strings.Repeat("# padding\n", 500)+body, "Content-Type", "text/turtle"); r.status != 413 {
		t.Errorf("over the import limit: %d", r.status)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", etag); r.status != 304 {
		t.Errorf("feed after rejected imports: %d, want 304", r.status)
	}
}

// multipartImport builds a multipart/form-data body from name/file/content
// triples and returns it with its Content-Type.
func multipartImport(t *testing.T, parts ...[3]string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		w, err := mw.CreateFormFile(p[0], p[1])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p[2])
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), mw.FormDataContentType()
}

// TestImportMultipartProcessor sends the Processor's multi-file mode: its
// catalog.json and a datasets file as two parts of one form.
func TestImportMultipartProcessor(t *testing.T) {
	f := newFixture(t, withImporter(t))
	digg := f.register(orgDigg, "Digg")
	path := "/api/v1/agencies/" + orgDigg + "/import"
	catalogJSON := `{"dcat-catalog": {"about": "https://data.example.se/catalog", "title-sv": "Katalog",
  "description-sv": "Beskrivning", "publisher": {"about": "https://data.example.se/org", "name": "Digg", "type": "NationalAuthority"}, "license": "CC0 1.0"}}`
	datasets := `{"dcat-dataset": {"about": "https://data.example.se/ds/1", "title-sv": "Badplatser",
  "description-sv": "Kommunens badplatser.", "distribution": {"about": "https://data.example.se/ds/1/csv",
  "accessURL": "https://example.se/bad.csv", "formatMedia": "csv"}}}`

	body, ctype := multipartImport(t, [3]string{"catalog", "catalog.json", catalogJSON}, [3]string{"feed", "datasets.json", datasets})
	r := f.do("POST", path, digg, body, "Content-Type", ctype)
	if r.status != 200 {
		t.Fatalf("multipart import: %d %s", r.status, r.body)
	}
	var rep importer.Report
	r.json(t, &rep)
	if rep.Format != "processor-json" || len(rep.Added) != 1 {
		t.Fatalf("report %+v", rep)
	}
	feed := f.do("GET", "/agencies/"+orgDigg+"/datasets/dcat", "", nil)
	if !strings.Contains(string(feed.body), "https://data.example.se/ds/1") {
		t.Fatalf("feed lacks the imported dataset: %s", feed.body)
	}

	for name, parts := range map[string][][3]string{
		"no feed part":        {{"catalog", "catalog.json", catalogJSON}},
		"unknown part":        {{"catalogue", "catalog.json", catalogJSON}, {"feed", "datasets.json", datasets}},
		"feed before catalog": {{"feed", "datasets.json", datasets}, {"catalog", "catalog.json", catalogJSON}},
	} {
		body, ctype := multipartImport(t, parts...)
		r := f.do("POST", path, digg, body, "Content-Type", ctype)
		if name == "feed before catalog" {
			// The feed part is read as it comes: without its catalog the
			// Processor's datasets file alone is refused, and nothing changes.
			if r.status < 400 || r.status >= 500 {
				t.Errorf("%s: %d %s", name, r.status, r.body)
			}
			continue
		}
		if r.status != 400 || !strings.Contains(string(r.body), "bad-form") {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
	// An error in the catalog part names that file; its pointer is into it.
	badCatalog := strings.Replace(catalogJSON, `, "type": "NationalAuthority"`, "", 1)
	body, ctype = multipartImport(t, [3]string{"catalog", "catalog.json", badCatalog}, [3]string{"feed", "datasets.json", datasets})
	r = f.do("POST", path, digg, body, "Content-Type", ctype)
	if p := r.problem(t); r.status != 422 || len(p.Errors) != 1 || p.Errors[0].Pointer != "/dcat-catalog/publisher" ||
		!strings.HasPrefix(p.Errors[0].Detail, "catalog.json: ") {
		t.Errorf("error in the catalog part: %d %s", r.status, r.body)
	}
	if r := f.do("POST", path, digg, "--x\r\nbroken", "Content-Type", "multipart/form-data; boundary=x"); r.status != 400 {
		t.Errorf("malformed form: %d %s", r.status, r.body)
	}
	if r := f.do("GET", "/api/v1/agencies/"+orgDigg+"/datasets", "", nil); !strings.Contains(string(r.body), "Badplatser") {
		t.Errorf("refused imports changed the catalog: %s", r.body)
	}
}

// TestImportOptionsRoute (#14): dryRun answers the diff and writes
// nothing; an import that would remove datasets is 409 naming them
// unless allowRemovals; strict refuses DCAT-AP-SE errors with the
// validator's rule ids; a document without datasets is 422; GET …/import
// shows the last import's report and serves the rest of its graph.
func TestImportOptionsRoute(t *testing.T) {
	f := newFixture(t, withImporter(t))
	digg := f.register(orgDigg, "Digg")
	path := "/api/v1/agencies/" + orgDigg + "/import"
	feed := "/agencies/" + orgDigg + "/datasets/dcat"
	tt := []string{"Content-Type", "text/turtle"}
	if r := f.do("POST", path, digg, importTurtle(orgDigg, "Ett", "Två"), tt...); r.status != 200 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	etag := f.do("GET", feed, "", nil).header.Get("ETag")
	one := importTurtle(orgDigg, "Ett")

	var rep importer.Report
	r := f.do("POST", path+"?dryRun=true", digg, one, tt...)
	r.json(t, &rep)
	if r.status != 200 || !rep.DryRun || rep.Counts.Removed != 1 || rep.Counts.Unchanged != 1 {
		t.Errorf("dry run: %d %+v", r.status, rep.Counts)
	}
	r = f.do("POST", path, digg, one, tt...)
	if r.status != 409 {
		t.Fatalf("removal without allowRemovals: %d %s", r.status, r.body)
	}
	if p := r.problem(t); len(p.Errors) != 1 || p.Errors[0].Rule != "api.removal" || p.Errors[0].Message["sv"] == "" {
		t.Errorf("removal problem %+v", p)
	}
	if r := f.do("GET", feed, "", nil, "If-None-Match", etag); r.status != 304 {
		t.Errorf("feed after a dry run and a refused import: %d, want 304", r.status)
	}
	r = f.do("POST", path+"?strict=true&allowRemovals=true", digg, strings.Replace(one, `dcterms:title "Ett"@sv ;`, "", 1), tt...)
	if r.status != 422 {
		t.Fatalf("strict import of a dataset without title: %d %s", r.status, r.body)
	}
	rules := map[string]bool{}
	for _, e := range r.problem(t).Errors {
		rules[e.Rule] = true
	}
	if !rules["dataset.title.min"] {
		t.Errorf("strict refusal names rules %v, want dataset.title.min", rules)
	}
	if r := f.do("POST", path+"?allowRemovals=true", digg, "@prefix dcat: <http://www.w3.org/ns/dcat#> . <https://x.se/c> a dcat:Catalog .", tt...); r.status != 422 {
		t.Errorf("a document without datasets: %d %s", r.status, r.body)
	}
	if r := f.do("POST", path+"?dryRun=maybe", digg, one, tt...); r.status != 400 {
		t.Errorf("dryRun=maybe: %d", r.status)
	}
	r = f.do("POST", path+"?allowRemovals=true", digg, one+"<https://data.example.se/catalog> a dcat:Catalog .\n", tt...)
	r.json(t, &rep)
	if r.status != 200 || rep.Counts.Removed != 1 {
		t.Fatalf("allowRemovals: %d %s", r.status, r.body)
	}

	var st struct {
		Imported bool `json:"imported"`
		Report   struct {
			Validation struct{ Errors, Warnings int } `json:"validation"`
			Counts     importer.Counts                `json:"counts"`
		} `json:"report"`
		Rest string `json:"rest"`
	}
	r = f.do("GET", path, "", nil)
	r.json(t, &st)
	if r.status != 200 || !st.Imported || st.Report.Counts.Removed != 1 || st.Report.Validation.Warnings == 0 {
		t.Errorf("import state: %d %s", r.status, r.body)
	}
	if r := f.do("GET", st.Rest, "", nil); st.Rest == "" || r.status != 200 || r.header.Get("Content-Type") != "application/n-triples" ||
		!strings.Contains(string(r.body), "<https://data.example.se/catalog>") {
		t.Errorf("rest %q: %d %s", st.Rest, r.status, r.body)
	}
}
