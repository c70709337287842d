package codec_test

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/rdftest"
	"github.com/knakk/rdf"
)

// The real-world corpus (../shared/data/realworld-rdf, 97 files from 13
// sources; see its README.md) read by katalog and, with KATALOG_REFEREE=1,
// by Jena (always), Raptor and rdflib (where installed), each with the
// same base IRI: realworldBase, the folder and the file name. The corpus
// README does not name the base its referees used; any one base serves,
// as long as every parser gets the same.
const realworldBase = "http://example.org/realworld/"

// invalidUpstream lists the files that are not valid RDF in their
// syntax, as their SOURCE.md files say: katalog must refuse each with a
// located syntax error, and so must every referee (see refereeExceptions).
var invalidUpstream = map[string]string{
	"ckanext-dcat/dataset.ttl":                                                                   "undefined prefix healthdcatap: (line 149)",
	"dcat-ap-es/E1_Catalog_Dataset-DataService-HVD.rdf":                                          "rdf:about on a property element (line 80)",
	"digg-dcat-ap-se-2020/obligatoriskt.rdf":                                                     "the rdf: prefix is never declared",
	"digg-dcat-ap-se-2020/rekommenderat.rdf":                                                     "the rdf: prefix is never declared",
	"govdata-dcat-ap-de/2024-02-22_UAG_Beispieldatensatz_v1.ttl":                                 "starts with a line of text, 'Stand: …'",
	"mobilitydcat-ap/SE NAP_dataset_expressed in mobilityDCAT-AP_original population_240205.xml": "stray text in a node element (line 104)",
	"semiceu-dcat-ap/example-bee-population-dataset-series-combined.ttl":                         "'/' in a prefixed name (line 32)",
	// Not in the README's seven: invalid for katalog, Jena and rdflib.
	"udata/geonetwork.xml": "an rdf:about holding two URLs separated by a space (line 12): not an RFC 3987 IRI",
}

// refereeExceptions lists where a referee disagrees with katalog and the
// specification, and why katalog is right. Keys are "referee file".
var refereeExceptions = map[string]string{
	"rapper mobilitydcat-ap/mobilitydcat-ap.rdf": "Raptor 2.0.15 names its own blank nodes genid1, genid2, …, and merges the document's rdf:nodeID=\"genid3\" with one of them (a Raptor bug): its graph has two nodes merged; Jena, rdflib and katalog agree",
	"rapper udata/geonetwork.xml":                "Raptor passes the space in rdf:about through; RDF/XML needs an IRI (RFC 3987 has no space), and Jena and rdflib refuse it too",
	"rdflib mobilitydcat-ap/SE NAP_dataset_expressed in mobilityDCAT-AP_original population_240205.xml": "rdflib ignores the stray text in a node element; RDF/XML 1.1 §7.2.11 (nodeElement) allows only white space there, and Jena and Raptor refuse it too",
}

// realworldFile is one file of the corpus, read by katalog.
type realworldFile struct {
	rel    string // path under realworld-rdf, with '/'
	input  rdftest.RefereeInput
	format rdfio.Format
	quads  []rdf.Quad
	err    error
}

// readRealworld reads every file of the corpus with katalog.
func readRealworld(t *testing.T) []*realworldFile {
	t.Helper()
	dir := filepath.Join(rdftest.SharedDir(t), "data", "realworld-rdf")
	var files []*realworldFile
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "README.md" || d.Name() == "SOURCE.md" {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		f, ok := codec.Detect(path, "", nil)
		if !ok {
			return fmt.Errorf("%s: no syntax for its suffix", rel)
		}
		folder, name := filepath.Split(rel)
		files = append(files, &realworldFile{
			rel:    rel,
			format: f,
			input:  rdftest.RefereeInput{Path: path, Syntax: string(f), Base: realworldBase + folder + url.PathEscape(name)},
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 97 {
		t.Fatalf("%d files in the corpus, its README says 97", len(files))
	}
	for _, f := range files {
		fh, err := os.Open(f.input.Path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := codec.NewQuadReader(f.format, fh, f.input.Base, codec.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		f.quads, f.err = rdftest.ReadAllQuads(r)
		fh.Close()
	}
	return files
}

// TestRealworldCorpus reads the corpus with katalog: every file reads but
// the invalid ones, which are refused with a located syntax error.
func TestRealworldCorpus(t *testing.T) {
	files := readRealworld(t)
	read, quads := 0, 0
	for _, f := range files {
		why, invalid := invalidUpstream[f.rel]
		var se *rdfio.SyntaxError
		switch {
		case invalid && f.err == nil:
			t.Errorf("%s: read %d triples; invalid upstream (%s)", f.rel, len(f.quads), why)
		case invalid && (!errors.As(f.err, &se) || se.Line < 1 || se.Column < 1):
			t.Errorf("%s: %v; want a located syntax error (%s)", f.rel, f.err, why)
		case invalid:
			t.Logf("%s: refused: %v", f.rel, f.err)
		case f.err != nil:
			t.Errorf("%s: %v", f.rel, f.err)
		default:
			read++
			quads += len(f.quads)
		}
	}
	t.Logf("katalog read %d files (%d triples), refused %d", read, quads, len(files)-read)
	// Facts the corpus README states.
	for rel, want := range map[string]int{"semiceu-dcat-ap/dcat-ap_1.1.rdf": 493, "semiceu-dcat-ap/dcat-ap_2.1.1.rdf": 711, "mobilitydcat-ap/mobilitydcat-ap.rdf": 682} {
		for _, f := range files {
			if f.rel == rel && distinct(f.quads) != want {
				t.Errorf("%s: %d distinct triples, want %d", rel, distinct(f.quads), want)
			}
		}
	}
	for _, f := range files {
		if f.rel == "semiceu-geodcat-ap/dataset.jsonld" {
			named := 0
			for _, q := range f.quads {
				if q.Ctx != nil {
					named++
				}
			}
			if named == 0 || named != len(f.quads) {
				t.Errorf("%s: %d of %d triples in named graphs, want all (its default graph is empty)", f.rel, named, len(f.quads))
			}
		}
	}
}

// distinct counts the distinct quads of qs (blank nodes by label).
func distinct(qs []rdf.Quad) int {
	seen := make(map[string]bool, len(qs))
	for _, q := range qs {
		seen[q.Serialize(rdf.NQuads)] = true
	}
	return len(seen)
}

// TestRealworldReferees compares katalog's reading of every file with
// Jena's, Raptor's and rdflib's: the same dataset (blank nodes mapped,
// "x"^^xsd:string = "x", language tags compared case-insensitively), or
// the same refusal; refereeExceptions says where a referee is wrong. The
// table of distinct triples per file and referee is logged.
func TestRealworldReferees(t *testing.T) {
	if testing.Short() || os.Getenv("KATALOG_REFEREE") != "1" {
		t.Skip("referee checks run with KATALOG_REFEREE=1")
	}
	files := readRealworld(t)
	inputs := make([]rdftest.RefereeInput, len(files))
	for i, f := range files {
		inputs[i] = f.input
	}
	// Each referee once over the whole corpus, the three at once.
	type run struct {
		name           string
		results        map[string]rdftest.RefereeResult
		skipped, fatal string
	}
	referees := []*run{{name: "jena"}, {name: "rapper"}, {name: "rdflib"}}
	batch := map[string]func(testing.TB, []rdftest.RefereeInput) map[string]rdftest.RefereeResult{
		"jena": rdftest.JenaBatch, "rapper": rdftest.RapperEach, "rdflib": rdftest.RDFLibBatch,
	}
	var wg sync.WaitGroup
	for _, r := range referees {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := &goTB{TB: t}
			func() {
				defer func() {
					if v := recover(); v != nil && v != errStop {
						panic(v)
					}
				}()
				r.results = batch[r.name](st, inputs)
			}()
			r.skipped, r.fatal = st.skipped, st.fatal
		}()
	}
	wg.Wait()
	for _, r := range referees {
		if r.fatal != "" {
			t.Fatalf("%s: %s", r.name, r.fatal)
		}
	}
	if referees[0].skipped != "" {
		t.Skipf("jena: %s", referees[0].skipped)
	}
	var table []string
	agree, excepted := 0, 0
	for _, f := range files {
		row := []string{f.rel, cell(f.quads, f.err)}
		for _, r := range referees {
			if r.skipped != "" {
				row = append(row, "–")
				continue
			}
			res, ok := r.results[f.input.Path]
			if !ok {
				row = append(row, "n/a") // Raptor reads no JSON-LD
				continue
			}
			row = append(row, refereeCell(res))
			key := r.name + " " + f.rel
			if why := compare(f, res); why != "" {
				if exc, ok := refereeExceptions[key]; ok {
					t.Logf("known exception, %s: %s (%s)", key, exc, why)
					excepted++
					continue
				}
				t.Errorf("%s disagrees on %s: %s", r.name, f.rel, why)
				continue
			}
			if _, ok := refereeExceptions[key]; ok {
				t.Errorf("%s agrees on %s, listed as an exception: drop it from refereeExceptions", r.name, f.rel)
			}
			agree++
		}
		table = append(table, "| "+strings.Join(row, " | ")+" |")
	}
	sort.Strings(table)
	t.Logf("distinct triples (✗ refused), katalog and the referees:\n| file | katalog | Jena | Raptor | rdflib |\n|---|---|---|---|---|\n%s", strings.Join(table, "\n"))
	t.Logf("agreements: %d; known exceptions: %d", agree, excepted)
}

// compare returns why a referee's reading differs from katalog's, or "".
func compare(f *realworldFile, res rdftest.RefereeResult) string {
	switch {
	case res.Unreadable != "":
		return "the referee reads it but writes what is not N-Quads: " + res.Unreadable
	case f.err != nil && res.Err != "":
		return ""
	case f.err != nil:
		return fmt.Sprintf("katalog refuses (%v), the referee reads %d triples", f.err, distinct(res.Quads))
	case res.Err != "":
		return fmt.Sprintf("the referee refuses (%s), katalog reads %d triples", res.Err, distinct(f.quads))
	}
	if ok, why := rdftest.IsomorphicDatasets(f.quads, res.Quads); !ok {
		return fmt.Sprintf("%d vs %d distinct triples: %s", distinct(f.quads), distinct(res.Quads), why)
	}
	return ""
}

func cell(qs []rdf.Quad, err error) string {
	if err != nil {
		return "✗"
	}
	return fmt.Sprint(distinct(qs))
}

// refereeCell is cell for a referee's result.
func refereeCell(res rdftest.RefereeResult) string {
	switch {
	case res.Err != "":
		return "✗"
	case res.Unreadable != "":
		return "invalid output"
	}
	return fmt.Sprint(distinct(res.Quads))
}

// goTB lets a referee helper run in a goroutine: Skip and Fatal record
// the reason and unwind with errStop, for the test's goroutine to act on.
type goTB struct {
	testing.TB
	mu             sync.Mutex
	skipped, fatal string
}

var errStop = errors.New("stopped")

func (s *goTB) Skip(args ...any) {
	s.mu.Lock()
	s.skipped = fmt.Sprint(args...)
	s.mu.Unlock()
	panic(errStop)
}

func (s *goTB) Skipf(format string, args ...any) { s.Skip(fmt.Sprintf(format, args...)) }

func (s *goTB) Fatal(args ...any) {
	s.mu.Lock()
	s.fatal = fmt.Sprint(args...)
	s.mu.Unlock()
	panic(errStop)
}

func (s *goTB) Fatalf(format string, args ...any) { s.Fatal(fmt.Sprintf(format, args...)) }
