// Package rdftest holds test helpers for katalog's RDF writers and readers:
// graph isomorphism, a DCAT-like fixture graph, decoding with knakk/rdf, and
// the W3C RDF test suites in ../shared.
package rdftest

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/knakk/rdf"
)

const xsdString = "http://www.w3.org/2001/XMLSchema#string"

// term is a comparable form of an RDF term.
type term struct {
	blank bool
	key   string // "<iri>", "_:label", or "\"lex\"@lang" / "\"lex\"^^<dt>"
}

// Key returns a canonical string for a non-blank term: "<iri>", or a
// literal in N-Triples-like form with the language tag in lower case and
// xsd:string dropped. Blank nodes give "_:label".
func Key(t rdf.Term) string {
	switch v := t.(type) {
	case rdf.IRI:
		return "<" + v.String() + ">"
	case rdf.Blank:
		return v.Serialize(rdf.NTriples)
	case rdf.Literal:
		s := strconv.Quote(v.String())
		if v.Lang() != "" {
			return s + "@" + strings.ToLower(v.Lang())
		}
		if dt := v.DataType.String(); dt != "" && dt != xsdString {
			return s + "^^<" + dt + ">"
		}
		return s
	case nil:
		return "<nil>"
	}
	return "?" + t.String()
}

// triple is a comparable quad: subject, predicate, object and graph (the
// zero term for the default graph).
type triple [4]term

// nodePos are the positions that may hold blank nodes.
var nodePos = [...]int{0, 2, 3}

func toTriple(t rdf.Triple) triple { return toQuad(rdf.Quad{Triple: t}) }

func toQuad(q rdf.Quad) triple {
	var x triple
	for i, tm := range []rdf.Term{q.Subj, q.Pred, q.Obj} {
		_, bl := tm.(rdf.Blank)
		x[i] = term{blank: bl, key: Key(tm)}
	}
	if q.Ctx != nil {
		_, bl := q.Ctx.(rdf.Blank)
		x[3] = term{blank: bl, key: Key(q.Ctx)}
	}
	return x
}

func (t triple) String() string {
	if t[3].key != "" {
		return t[0].key + " " + t[1].key + " " + t[2].key + " " + t[3].key + " ."
	}
	return t[0].key + " " + t[1].key + " " + t[2].key + " ."
}

func (t triple) ground() bool { return !t[0].blank && !t[2].blank && !t[3].blank }

// graph is a set of quads split into ground and blank-node quads.
type graph struct {
	ground map[triple]bool
	bnt    []triple
	bset   map[triple]bool
	blanks []string
}

func newGraph(ts []triple) graph {
	g := graph{ground: map[triple]bool{}, bset: map[triple]bool{}}
	seen := map[string]bool{}
	for _, x := range ts {
		if x.ground() {
			g.ground[x] = true
			continue
		}
		if g.bset[x] {
			continue
		}
		g.bset[x] = true
		g.bnt = append(g.bnt, x)
		for _, i := range nodePos {
			if x[i].blank && !seen[x[i].key] {
				seen[x[i].key] = true
				g.blanks = append(g.blanks, x[i].key)
			}
		}
	}
	sort.Strings(g.blanks)
	return g
}

// colors refines blank node colours by their neighbourhoods.
func (g graph) colors() map[string]uint64 {
	c := make(map[string]uint64, len(g.blanks))
	for _, b := range g.blanks {
		c[b] = 1
	}
	for round := 0; round < 8; round++ {
		sigs := make(map[string][]string, len(g.blanks))
		for _, t := range g.bnt {
			for _, i := range nodePos {
				if !t[i].blank {
					continue
				}
				s := strconv.Itoa(i)
				for j := 0; j < 4; j++ {
					switch {
					case j == i:
						s += "|self"
					case t[j].blank && t[j].key == t[i].key:
						s += "|same"
					case t[j].blank:
						s += "|b" + strconv.FormatUint(c[t[j].key], 16)
					default:
						s += "|" + t[j].key
					}
				}
				sigs[t[i].key] = append(sigs[t[i].key], s)
			}
		}
		next := make(map[string]uint64, len(c))
		for _, b := range g.blanks {
			s := sigs[b]
			sort.Strings(s)
			h := fnv.New64a()
			fmt.Fprintf(h, "%x|%s", c[b], strings.Join(s, "\n"))
			next[b] = h.Sum64()
		}
		c = next
	}
	return c
}

// Isomorphic reports whether a and b are the same RDF graph up to blank
// node labels (duplicates ignored; language tags compared case-
// insensitively; xsd:string and plain literals equal). If not, the string
// says why.
func Isomorphic(a, b []rdf.Triple) (bool, string) {
	qa, qb := make([]triple, len(a)), make([]triple, len(b))
	for i, t := range a {
		qa[i] = toTriple(t)
	}
	for i, t := range b {
		qb[i] = toTriple(t)
	}
	return isomorphic(qa, qb)
}

// IsomorphicDatasets reports whether a and b are the same RDF dataset up to
// blank node labels, which are shared by the graphs and graph names of a
// dataset (otherwise as Isomorphic). A quad with a nil Ctx is in the
// default graph.
func IsomorphicDatasets(a, b []rdf.Quad) (bool, string) {
	qa, qb := make([]triple, len(a)), make([]triple, len(b))
	for i, q := range a {
		qa[i] = toQuad(q)
	}
	for i, q := range b {
		qb[i] = toQuad(q)
	}
	return isomorphic(qa, qb)
}

func isomorphic(a, b []triple) (bool, string) {
	ga, gb := newGraph(a), newGraph(b)
	var diff []string
	for t := range ga.ground {
		if !gb.ground[t] {
			diff = append(diff, "only in first:  "+t.String())
		}
	}
	for t := range gb.ground {
		if !ga.ground[t] {
			diff = append(diff, "only in second: "+t.String())
		}
	}
	if len(diff) > 0 {
		sort.Strings(diff)
		if len(diff) > 10 {
			diff = append(diff[:10], fmt.Sprintf("… %d more", len(diff)-10))
		}
		return false, strings.Join(diff, "\n")
	}
	if len(ga.bnt) != len(gb.bnt) || len(ga.blanks) != len(gb.blanks) {
		return false, fmt.Sprintf("blank-node triples: %d vs %d; blank nodes: %d vs %d", len(ga.bnt), len(gb.bnt), len(ga.blanks), len(gb.blanks))
	}
	if len(ga.blanks) == 0 {
		return true, ""
	}
	ca, cb := ga.colors(), gb.colors()
	byColor := map[uint64][]string{}
	for _, x := range gb.blanks {
		byColor[cb[x]] = append(byColor[cb[x]], x)
	}
	// quads of a per blank, to check a partial mapping.
	per := map[string][]triple{}
	for _, t := range ga.bnt {
		seen := map[string]bool{}
		for _, i := range nodePos {
			if t[i].blank && !seen[t[i].key] {
				seen[t[i].key] = true
				per[t[i].key] = append(per[t[i].key], t)
			}
		}
	}
	m := map[string]string{}
	used := map[string]bool{}
	steps := 0
	var try func(i int) bool
	try = func(i int) bool {
		if i == len(ga.blanks) {
			return true
		}
		if steps++; steps > 1_000_000 {
			return false
		}
		x := ga.blanks[i]
		for _, y := range byColor[ca[x]] {
			if used[y] {
				continue
			}
			m[x], used[y] = y, true
			ok := true
			for _, t := range per[x] {
				mt, complete := t, true
				for _, j := range nodePos {
					if t[j].blank {
						v, has := m[t[j].key]
						if !has {
							complete = false
							break
						}
						mt[j].key = v
					}
				}
				if complete && !gb.bset[mt] {
					ok = false
					break
				}
			}
			if ok && try(i+1) {
				return true
			}
			delete(m, x)
			used[y] = false
		}
		return false
	}
	if try(0) {
		return true, ""
	}
	return false, fmt.Sprintf("no blank-node mapping found (%d blank nodes, %d triples with blank nodes)", len(ga.blanks), len(ga.bnt))
}

// Decode reads every triple of r in format f with knakk/rdf's decoder,
// draining it to io.EOF (an abandoned knakk decoder leaks a goroutine).
func Decode(r io.Reader, f rdf.Format) ([]rdf.Triple, error) {
	dec := rdf.NewTripleDecoder(r, f)
	var out []rdf.Triple
	for {
		t, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			// Drain so that the lexer goroutine can finish.
			for i := 0; i < 1<<20; i++ {
				if _, e := dec.Decode(); e == io.EOF {
					break
				}
			}
			return out, err
		}
		out = append(out, t)
	}
}

// DecodeFile decodes a file with Decode.
func DecodeFile(path string, f rdf.Format) ([]rdf.Triple, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return Decode(fh, f)
}

// SharedDir returns the ../shared folder beside the module root (found by
// walking up from the working directory to go.mod), or skips the test.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Skipf("no working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the working directory")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if fi, err := os.Stat(shared); err != nil || !fi.IsDir() {
		t.Skipf("%s is absent", shared)
	}
	return shared
}

// Case is one W3C evaluation test: its expected result as N-Triples.
type Case struct {
	Suite  string // "rdf-xml" or "rdf-turtle"
	Name   string // test IRI fragment, e.g. "amp-in-url-test001"
	Result string // path of the expected .nt file
}

// EvalCases lists the evaluation tests (rdft:TestXMLEval, rdft:TestTurtleEval)
// of the RDF/XML and Turtle suites under shared/data/w3c-rdf-tests, read
// from their manifests with knakk's Turtle decoder.
func EvalCases(t testing.TB, shared string) []Case {
	t.Helper()
	const (
		rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
		result  = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#result"
		rdft    = "http://www.w3.org/ns/rdftest#"
	)
	var cases []Case
	for _, suite := range []string{"rdf-xml", "rdf-turtle"} {
		dir := filepath.Join(shared, "data", "w3c-rdf-tests", suite)
		base := "https://w3c.github.io/rdf-tests/rdf/rdf11/" + suite + "/"
		fh, err := os.Open(filepath.Join(dir, "manifest.ttl"))
		if err != nil {
			t.Fatalf("manifest: %v", err)
		}
		dec := rdf.NewTripleDecoder(fh, rdf.Turtle)
		var ts []rdf.Triple
		for {
			tr, err := dec.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				fh.Close()
				t.Fatalf("%s manifest: %v", suite, err)
			}
			ts = append(ts, tr)
		}
		fh.Close()
		eval := map[string]bool{}
		res := map[string]string{}
		for _, tr := range ts {
			s := tr.Subj.String()
			switch tr.Pred.String() {
			case rdfType:
				if o := tr.Obj.String(); o == rdft+"TestXMLEval" || o == rdft+"TestTurtleEval" {
					eval[s] = true
				}
			case result:
				res[s] = tr.Obj.String()
			}
		}
		for s := range eval {
			r, ok := res[s]
			if !ok {
				continue
			}
			r = strings.TrimPrefix(r, base)
			name := s[strings.LastIndexByte(s, '#')+1:]
			cases = append(cases, Case{Suite: suite, Name: name, Result: filepath.Join(dir, filepath.FromSlash(r))})
		}
	}
	sort.Slice(cases, func(i, j int) bool {
		if cases[i].Suite != cases[j].Suite {
			return cases[i].Suite < cases[j].Suite
		}
		return cases[i].Name < cases[j].Name
	})
	return cases
}
