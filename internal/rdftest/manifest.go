package rdftest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

// W3CBase is the base IRI of the W3C RDF 1.1 suites; a suite's folder name
// follows ("rdf-turtle/").
const W3CBase = "https://w3c.github.io/rdf-tests/rdf/rdf11/"

// ManifestTest is one entry of a W3C test manifest.
type ManifestTest struct {
	Name      string // the entry IRI's fragment, e.g. "IRI_subject"
	Type      string // local name of its rdf:type, e.g. "TestTurtleEval"
	Action    string // path of the input file
	ActionIRI string // the input's IRI: the base IRI to parse it with
	Result    string // path of the expected N-Triples, or ""
}

// Negative reports whether the test expects the input to be rejected.
func (m ManifestTest) Negative() bool {
	return strings.Contains(m.Type, "Negative")
}

// Eval reports whether the test compares the parsed graph with Result.
func (m ManifestTest) Eval() bool { return strings.HasSuffix(m.Type, "Eval") }

// ParseFunc reads all triples of a document, resolving relative IRIs
// against base.
type ParseFunc func(r io.Reader, base string) ([]rdf.Triple, error)

// LoadManifest reads dir/manifest.ttl (a W3C suite folder, e.g.
// shared/data/w3c-rdf-tests/rdf-turtle) with parse and returns its tests
// in manifest order. The manifest's IRI is mf:assumedTestBase if it has
// one, else W3CBase plus the folder name; action and result IRIs under it
// map to files in dir.
func LoadManifest(dir string, parse ParseFunc) ([]ManifestTest, error) {
	const (
		mf      = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
		rdfNS   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
		rdftNS  = "http://www.w3.org/ns/rdftest#"
		rdfType = rdfNS + "type"
	)
	base := W3CBase + filepath.Base(dir) + "/"
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.ttl"))
	if err != nil {
		return nil, fmt.Errorf("rdftest: %w", err)
	}
	// A first pass finds mf:assumedTestBase (it is absolute).
	if i := strings.Index(string(raw), "mf:assumedTestBase"); i >= 0 {
		rest := string(raw[i:])
		if a, b := strings.IndexByte(rest, '<'), strings.IndexByte(rest, '>'); a >= 0 && b > a {
			base = rest[a+1 : b]
		}
	}
	ts, err := parse(strings.NewReader(string(raw)), base+"manifest.ttl")
	if err != nil {
		return nil, fmt.Errorf("rdftest: %s/manifest.ttl: %w", dir, err)
	}
	props := map[string]map[string]string{}
	for _, t := range ts {
		s := Key(t.Subj)
		if props[s] == nil {
			props[s] = map[string]string{}
		}
		props[s][t.Pred.String()] = Key(t.Obj)
	}
	// Follow mf:entries.
	var entries []string
	for _, p := range props {
		if e, ok := p[mf+"entries"]; ok {
			for node := e; node != "<"+rdfNS+"nil>" && node != ""; node = props[node][rdfNS+"rest"] {
				entries = append(entries, props[node][rdfNS+"first"])
				if len(entries) > 100000 {
					return nil, fmt.Errorf("rdftest: entries list does not end")
				}
			}
		}
	}
	file := func(key string) (string, string) {
		if key == "" {
			return "", ""
		}
		iri := strings.TrimSuffix(strings.TrimPrefix(key, "<"), ">")
		return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(iri, base))), iri
	}
	var out []ManifestTest
	for _, e := range entries {
		p := props[e]
		iri := strings.Trim(e, "<>")
		m := ManifestTest{Name: iri[strings.LastIndexByte(iri, '#')+1:]}
		m.Type = strings.TrimPrefix(strings.Trim(p[rdfType], "<>"), rdftNS)
		m.Action, m.ActionIRI = file(p[mf+"action"])
		m.Result, _ = file(p[mf+"result"])
		if m.Action == "" {
			return nil, fmt.Errorf("rdftest: test %s has no mf:action", iri)
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("rdftest: %s/manifest.ttl lists no tests", dir)
	}
	return out, nil
}

// QuadParseFunc reads all quads of a document in a dataset syntax (TriG,
// N-Quads), resolving relative IRIs against base.
type QuadParseFunc func(r io.Reader, base string) ([]rdf.Quad, error)

// Quads turns a ParseFunc into a QuadParseFunc: every triple is a quad of
// the default graph.
func Quads(parse ParseFunc) QuadParseFunc {
	return func(r io.Reader, base string) ([]rdf.Quad, error) {
		ts, err := parse(r, base)
		qs := make([]rdf.Quad, len(ts))
		for i, t := range ts {
			qs[i] = rdf.Quad{Triple: t}
		}
		return qs, err
	}
}

// RunW3C runs every test of the W3C suite folder (e.g. "rdf-turtle") under
// shared/data/w3c-rdf-tests as a subtest: parse must reject negative tests
// with an error, accept positive ones, and for evaluation tests produce a
// graph isomorphic to the expected N-Triples (read with ReadNTriples; the
// manifest with ReadTurtle). known maps test names expected to fail to the
// reason; they are skipped with it. It logs the numbers of tests passed
// and run, and skips without ../shared.
func RunW3C(t *testing.T, suite string, parse ParseFunc, known map[string]string) {
	t.Helper()
	runW3C(t, suite, Quads(parse), Quads(ReadNTriples), known)
}

// RunW3CDatasets is RunW3C for a suite of a dataset syntax (rdf-trig,
// rdf-n-quads): parse reads quads, and evaluation tests compare datasets
// (IsomorphicDatasets) with the expected N-Quads (read with ReadNQuads).
func RunW3CDatasets(t *testing.T, suite string, parse QuadParseFunc, known map[string]string) {
	t.Helper()
	runW3C(t, suite, parse, ReadNQuads, known)
}

func runW3C(t *testing.T, suite string, parse, expected QuadParseFunc, known map[string]string) {
	t.Helper()
	dir := filepath.Join(SharedDir(t), "data", "w3c-rdf-tests", suite)
	tests, err := LoadManifest(dir, ReadTurtle)
	if err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, m := range tests {
		ok := t.Run(m.Name, func(t *testing.T) {
			if why, ok := known[m.Name]; ok {
				t.Skipf("known exception: %s", why)
			}
			f, err := os.Open(m.Action)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := parse(f, m.ActionIRI)
			if m.Negative() {
				if err == nil {
					t.Fatalf("%s: accepted invalid input (%d triples)", m.Action, len(got))
				}
				t.Logf("rejected as expected: %v", err)
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", m.Action, err)
			}
			if !m.Eval() || m.Result == "" {
				return
			}
			rf, err := os.Open(m.Result)
			if err != nil {
				t.Fatal(err)
			}
			defer rf.Close()
			want, err := expected(rf, "")
			if err != nil {
				t.Fatalf("expected result %s: %v", m.Result, err)
			}
			if ok, why := IsomorphicDatasets(got, want); !ok {
				t.Fatalf("%s: graph differs from %s:\n%s", m.Action, m.Result, why)
			}
		})
		if ok {
			passed++
		}
	}
	t.Logf("W3C %s suite: %d/%d passed", suite, passed, len(tests))
}
