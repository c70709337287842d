package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/katalog-se/katalog/internal/store/sqlite"
)

const importFeed = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://data.digg.se/catalog> a dcat:Catalog ;
  dcterms:publisher <http://dataportal.se/organisation/SE2021006883> ;
  dcat:dataset <https://data.digg.se/ds/1>, <https://data.digg.se/ds/2> .
<https://data.digg.se/ds/1> a dcat:Dataset ; dcterms:title "Ett"@sv ; dcterms:description "Första"@sv ; dcterms:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
  dcat:distribution [ dcat:accessURL <https://data.digg.se/1.csv> ; dcterms:format "text/csv" ] .
<https://data.digg.se/ds/2> a dcat:Dataset ; dcterms:title "Två"@sv ; dcterms:description "Andra"@sv .
`

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "k.db")
	reg := filepath.Join(dir, "reg.csv")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("reg.csv", "org_nr,name\n2021006883,Myndigheten för digital förvaltning\n")
	if code, _, errOut := runCLI(t, nil, "agencies", "import", "--db", db, reg); code != 0 {
		t.Fatalf("register: %d %s", code, errOut)
	}
	feed := write("feed.ttl", importFeed)

	code, out, errOut := runCLI(t, nil, "import", "--db", db, "--agency", "202100-6883", feed)
	if code != 0 || !strings.Contains(out, "2 datasets") || !strings.Contains(out, "2 added") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	code, out, _ = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", "--json", feed)
	var rep struct {
		Added, Unchanged []string
		Format           string
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || len(rep.Unchanged) != 2 || len(rep.Added) != 0 || rep.Format != "turtle" {
		t.Fatalf("re-import --json: %d %q (%v)", code, out, err)
	}

	bad := write("bad.ttl", importFeed+"<https://data.digg.se/ds/3> a \n")
	code, _, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", bad)
	if code != 1 || !strings.Contains(errOut, "line 10") {
		t.Errorf("syntax error: exit %d %q, want 1 naming line 10", code, errOut)
	}
	// A dataset without a title: strict refuses it with the validator's
	// rule ids; a dry run says what it would change; a plain import takes
	// it with the findings in its report.
	invalid := write("invalid.ttl", strings.Replace(importFeed, `dcterms:title "Två"@sv ;`, "", 1))
	code, _, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", "--strict", invalid)
	if code != 1 || !strings.Contains(errOut, "[dataset.title.min]") || !strings.Contains(errOut, "https://data.digg.se/ds/2") {
		t.Errorf("strict import of an invalid dataset: exit %d %q, want 1 with the rule id and the dataset's IRI", code, errOut)
	}
	code, out, _ = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", "--dry-run", invalid)
	if code != 0 || !strings.Contains(out, "dry run, nothing written: 0 added, 1 updated, 1 unchanged") || !strings.Contains(out, "errors") {
		t.Errorf("dry run: exit %d %q", code, out)
	}
	noDataset := write("empty.ttl", "@prefix dcat: <http://www.w3.org/ns/dcat#> . <https://data.digg.se/catalog> a dcat:Catalog .\n")
	code, _, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", noDataset)
	if code != 1 || !strings.Contains(errOut, "no dataset") {
		t.Errorf("a document without datasets: exit %d %q, want 1", code, errOut)
	}
	one := write("one.ttl", strings.Replace(strings.Replace(importFeed, ", <https://data.digg.se/ds/2>", "", 1),
		`<https://data.digg.se/ds/2> a dcat:Dataset ; dcterms:title "Två"@sv ; dcterms:description "Andra"@sv .`, "", 1))
	code, _, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", one)
	if code != 1 || !strings.Contains(errOut, "--allow-removals") {
		t.Errorf("an import that removes a dataset: exit %d %q, want 1 asking for --allow-removals", code, errOut)
	}
	code, _, _ = runCLI(t, nil, "import", "--db", db, "--agency", "2021005448", feed)
	if code != 2 {
		t.Errorf("unregistered agency: exit %d, want 2", code)
	}
	code, _, _ = runCLI(t, nil, "import", "--db", db, feed)
	if code != 2 {
		t.Errorf("no --agency: exit %d, want 2", code)
	}
	// Nothing refused was written: the first import's two datasets remain.
	code, out, _ = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", feed)
	if code != 0 || !strings.Contains(out, "2 unchanged") {
		t.Errorf("after refused runs: %d %q", code, out)
	}
	code, out, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", "--allow-removals", one)
	if code != 0 || !strings.Contains(out, "1 removed") {
		t.Errorf("--allow-removals: %d %q %q", code, out, errOut)
	}
	code, out, errOut = runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", invalid)
	if code != 0 || !strings.Contains(out, "1 added") || !strings.Contains(errOut, "dataset.title.min") {
		t.Errorf("import with findings: %d %q %q", code, out, errOut)
	}
}

// TestImportCommandRescores: `katalog import` goes through the write path,
// so the agency's score follows its new catalog before the command ends
// (it never rescored before: the score stayed that of an empty catalog).
func TestImportCommandRescores(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k.db")
	db := "sqlite:" + path
	reg := filepath.Join(dir, "reg.csv")
	if err := os.WriteFile(reg, []byte("org_nr,name\n2021006883,Myndigheten för digital förvaltning\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, nil, "agencies", "import", "--db", db, reg); code != 0 {
		t.Fatalf("register: %d %s", code, errOut)
	}
	feed := filepath.Join(dir, "feed.ttl")
	if err := os.WriteFile(feed, []byte(importFeed), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, nil, "import", "--db", db, "--agency", "2021006883", feed); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec, err := st.LatestScore(t.Context(), "2021006883")
	if err != nil {
		t.Fatalf("no score after the import: %v", err)
	}
	var sc struct {
		Publishes bool
		Channels  struct{ Files bool }
	}
	if err := json.Unmarshal(rec.Score, &sc); err != nil || !sc.Channels.Files || !sc.Publishes {
		t.Errorf("the score does not see the imported CSV distribution: %s (%v)", rec.Score, err)
	}
}
