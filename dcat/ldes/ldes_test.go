package ldes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/dcat/syntax/turtle"
)

func readDoc(t *testing.T, trig string) *Document {
	t.Helper()
	doc, err := ReadDocument(turtle.NewTriGReader(strings.NewReader(trig), "http://e/feed"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func rules(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity.String()+" "+f.Rule)
	}
	sort.Strings(out)
	return out
}

// TestReadFindings: each problem of a feed's structure has its finding;
// errors make the document invalid and leave the event out.
func TestReadFindings(t *testing.T) {
	cases := []struct {
		name, trig string
		want       []string
		events     int
	}{
		{"no stream", `<http://e/1> a <https://www.w3.org/ns/activitystreams#Delete> ; <https://www.w3.org/ns/activitystreams#object> <http://e/a> .`,
			[]string{"error " + RuleStreamMissing, "warning " + RulePublishedMissing}, 1},
		{"no object", fuzzHead + `<http://e/feed#F> tree:member <http://e/1> . <http://e/1> a as:Create ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .`,
			[]string{"error " + RuleObjectMissing}, 0},
		{"blank object", fuzzHead + `<http://e/1> a as:Delete ; as:object [] ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .`,
			[]string{"error " + RuleObjectInvalid}, 0},
		{"bad time", fuzzHead + `<http://e/1> a as:Delete ; as:object <http://e/a> ; as:published "yesterday" .`,
			[]string{"error " + RulePublishedInvalid}, 0},
		{"create and delete", fuzzHead + `<http://e/1> a as:Create, as:Delete ; as:object <http://e/a> .`,
			[]string{"error " + RuleEventType}, 0},
		{"no payload", fuzzHead + `<http://e/1> a as:Update ; as:object <http://e/a> ; as:published "2024-01-01T00:00:00"^^xsd:dateTime .`,
			[]string{"error " + RulePayloadMissing}, 0},
		{"blank event", fuzzHead + `<http://e/feed#F> tree:member [ a as:Delete ; as:object <http://e/a> ] .`,
			[]string{"error " + RuleEventBlank}, 0},
		{"warnings only", fuzzHead + `<http://e/1> as:object <http://e/a> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<http://e/feed#F> tree:member <http://e/1>, <http://e/2> .
<http://e/1> { <http://e/other> <http://e/p> [ <http://e/q> 1 ] . }
<http://e/2> a as:Delete ; as:object <http://e/b> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<http://e/2> { <http://e/b> <http://e/p> 1 . }
<http://e/orphan> { <http://e/b> <http://e/p> 2 . }`,
			[]string{"warning " + RuleDeletePayload, "warning " + RuleEventTypeMissing, "warning " + RuleGraphOrphan, "warning " + RulePayloadBlank, "warning " + RulePayloadObject}, 2},
	}
	for _, tc := range cases {
		doc := readDoc(t, tc.trig)
		if got := rules(doc.Findings); !slices.Equal(got, tc.want) {
			t.Errorf("%s: findings %v, want %v", tc.name, got, tc.want)
		}
		if len(doc.Events) != tc.events {
			t.Errorf("%s: %d events, want %d", tc.name, len(doc.Events), tc.events)
		}
		if doc.Invalid() != strings.HasPrefix(strings.Join(tc.want, ","), "error") {
			t.Errorf("%s: invalid %v", tc.name, doc.Invalid())
		}
	}
}

// TestSplit: each IRI subject takes the blank nodes it leads to, chains
// included; blank nodes no IRI leads to are other.
func TestSplit(t *testing.T) {
	qr, err := codec.NewQuadReader(rdfio.Turtle, strings.NewReader(`
<http://e/a> <http://e/p> [ <http://e/q> [ <http://e/r> "deep" ] ] ; <http://e/s> <http://e/b> .
<http://e/b> <http://e/p> "b" .
[] <http://e/p> "alone" .`), "", codec.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewState()
	if _, err := s.LoadReader(qr); err != nil {
		t.Fatal(err)
	}
	if got := s.IRIs(); !slices.Equal(got, []string{"http://e/a", "http://e/b"}) {
		t.Fatalf("entities %v", got)
	}
	if n := len(s.Entity("http://e/a")); n != 4 {
		t.Errorf("a has %d triples, want 4 (its own two and two of its blank nodes)", n)
	}
	if len(s.rest) != 1 {
		t.Errorf("other triples %v", s.rest)
	}
	n := 0
	if err := s.Triples(func(rdf.Triple) error { n++; return nil }); err != nil || n != 6 {
		t.Errorf("%d triples in all, want 6 (%v)", n, err)
	}
}

// TestApplyOrder: events apply by time, whatever their order in the feed;
// ties keep the feed's order.
func TestApplyOrder(t *testing.T) {
	doc := readDoc(t, fuzzHead+`<http://e/feed#F> tree:member <http://e/2>, <http://e/1>, <http://e/3> .
<http://e/2> a as:Delete ; as:object <http://e/a> ; as:published "2024-01-02T00:00:00Z"^^xsd:dateTime .
<http://e/1> a as:Create ; as:object <http://e/a> ; as:published "2024-01-01T00:00:00Z"^^xsd:dateTime .
<http://e/1> { <http://e/a> <http://e/p> "1" . }
<http://e/3> a as:Create ; as:object <http://e/a> ; as:published "2024-01-02T00:00:00Z"^^xsd:dateTime .
<http://e/3> { <http://e/a> <http://e/p> "3" . }`)
	s := NewState()
	s.Apply(doc.Events)
	if ts := s.Entity("http://e/a"); len(ts) != 1 || ts[0].Obj.String() != "3" {
		t.Errorf("a is %v, want the create after the delete at the same time", ts)
	}
}

type mapFetcher map[string]string

func (m mapFetcher) Fetch(_ context.Context, url string) (io.ReadCloser, string, error) {
	body, ok := m[url]
	if !ok {
		return nil, "", errors.New("404")
	}
	return io.NopCloser(strings.NewReader(body)), "application/trig", nil
}

// TestFollow: relations are followed breadth first, a page seen before is
// not read again, the page cap stops with a finding, a page that cannot be
// fetched or parsed is an error.
func TestFollow(t *testing.T) {
	page := func(next ...string) string {
		var b strings.Builder
		b.WriteString(fuzzHead)
		for i, n := range next {
			fmt.Fprintf(&b, "<> tree:relation <#r%d> . <#r%d> tree:node <%s> .\n", i, i, n)
		}
		return b.String()
	}
	f := mapFetcher{
		"http://e/1":   page("http://e/2", "http://e/3"),
		"http://e/2":   page("http://e/1", "http://e/3"),
		"http://e/3":   page("http://e/3"),
		"http://e/4":   page("http://e/missing"),
		"http://e/5":   page("http://e/bad"),
		"http://e/bad": `<a> <b>`,
	}
	var seen []string
	got, err := Follow(context.Background(), f, "http://e/1", FollowOptions{}, func(url string, _ *Document) error {
		seen = append(seen, url)
		return nil
	})
	if err != nil || !slices.Equal(seen, []string{"http://e/1", "http://e/2", "http://e/3"}) || got.Last() != "http://e/3" || got.Bytes == 0 {
		t.Errorf("followed %v (%v), %+v", seen, err, got)
	}
	got, err = Follow(context.Background(), f, "http://e/1", FollowOptions{MaxPages: 2}, func(string, *Document) error { return nil })
	if err != nil || len(got.Pages) != 2 || len(got.Findings) != 1 || got.Findings[0].Rule != RulePageLimit {
		t.Errorf("capped: %+v %v", got, err)
	}
	if _, err := Follow(context.Background(), f, "http://e/4", FollowOptions{}, func(string, *Document) error { return nil }); !errors.Is(err, ErrUnreadable) {
		t.Errorf("a missing page: %v", err)
	}
	var se *rdfio.SyntaxError
	if _, err := Follow(context.Background(), f, "http://e/5", FollowOptions{}, func(string, *Document) error { return nil }); !errors.As(err, &se) {
		t.Errorf("a page that does not parse: %v", err)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name, mt, head string
		want           bool
	}{
		{"feed.trig", "", fuzzHead, true},
		{"", "application/ld+json", `{"@context": {"ldes": "https://w3id.org/ldes#"}}`, true},
		{"catalog.ttl", "text/turtle", fuzzHead, false},
		{"catalog.trig", "", `<http://e/g> { <http://e/a> <http://e/b> <http://e/c> }`, false},
	} {
		if got := Sniff(tc.name, tc.mt, []byte(tc.head)); got != tc.want {
			t.Errorf("Sniff(%q, %q) = %v", tc.name, tc.mt, got)
		}
	}
}

// TestPageWriterRefuses: an event without an object or with a bad IRI is
// refused.
func TestPageWriterRefuses(t *testing.T) {
	var buf bytes.Buffer
	w := turtle.NewTriGWriter(&buf, turtle.Options{Prefixes: Prefixes()})
	pw, err := NewPageWriter(w, Stream{IRI: "http://e/feed#F", View: "http://e/feed"}, "http://e/feed")
	if err != nil {
		t.Fatal(err)
	}
	if err := pw.Event(&Event{IRI: "http://e/1", Type: ASDelete}); !errors.Is(err, ErrNoObject) {
		t.Errorf("no object: %v", err)
	}
	if err := pw.Event(&Event{IRI: "http://e/<bad>", Type: ASDelete, Object: "http://e/a"}); err == nil {
		t.Error("a bad IRI is written")
	}
	if _, err := NewPageWriter(w, Stream{IRI: "", View: "http://e/feed"}, "http://e/feed"); err == nil {
		t.Error("a stream without an IRI")
	}
}
