// Package canon writes an RDF graph in a canonical form: N-Triples lines,
// sorted and unique, with blank nodes relabelled from their content, so
// that the same graph gives the same bytes (and the same SHA-256 hash)
// however a publisher orders its triples and labels its blank nodes.
// katalog uses the hash as the content address of the catalogs agencies
// publish (catalog.ObservedGraph).
//
// # The form
//
// Every distinct triple is one line "S P O .\n" in N-Triples (RDF 1.1):
// IRIs as given, with the characters N-Triples does not allow in an IRI
// (controls, space, <>"{}|^`\) written as \u escapes (katalog's readers
// never give them); literals escaped as canonical N-Triples escapes them
// (rdfio.AppendNTString), text that is not valid UTF-8 with U+FFFD in place
// of the bad bytes, a language tag as written (its case is part of the
// published text), an xsd:string datatype left out (RDF 1.1 makes "x" and
// "x"^^xsd:string one term); blank nodes as _:b0, _:b1, … The lines are
// sorted bytewise and duplicates dropped.
//
// # Blank nodes
//
// Labels are given by colour refinement (iterated hashing), one connected
// component of blank nodes at a time (blank nodes joined by a triple):
//
//  1. Every blank node starts with the same colour. In each round its new
//     colour is the SHA-256 of its colour and the sorted list of its
//     triples, each written with the node's role (subject or object), the
//     predicate, and the other term: an IRI or literal as written, another
//     blank node by its colour, itself as "self". Rounds stop when they no
//     longer split any colour class (at most one round per node).
//  2. While two nodes of the component share a colour, the first such class
//     (by colour) has one member given a colour of its own
//     (individualisation) and step 1 runs again.
//  3. Components are ordered by the hash of their own canonical text,
//     nodes within one by colour, and labelled b0, b1, … in that order.
//
// Limits. The result never loses or merges a triple: every blank node ends
// with a label of its own whatever the hashes do. It is the same for every
// ordering and labelling of the input when the nodes that share a colour
// after step 1 are interchangeable (an automorphism maps one to the
// other). That holds for every graph whose blank nodes form trees (no
// cycle through blank nodes): all DCAT catalogs katalog has seen, where
// blank nodes are distributions, contact points, periods and checksums
// hanging from named resources, and identical siblings among them are
// interchangeable. Where blank nodes form cycles that colour refinement
// cannot tell apart (two triangles and one hexagon of otherwise identical
// blank nodes, say), step 2 picks the member in input order, and the form
// may then depend on that order: the same graph could get two hashes, one
// more version than needed, never a lost triple. A complete canonical
// labelling (RDFC-1.0's n-degree hashing) would remove that limit at a
// cost exponential in the worst case.
//
// Cost: each round hashes every triple of the component once; components
// are small in practice (the blank nodes under one dataset). A graph is
// held in memory whole: the triples and, while the form is made, its
// lines.
package canon

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// XSD string and RDF langString, the datatypes the form leaves out.
const (
	xsdString     = "http://www.w3.org/2001/XMLSchema#string"
	rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
)

// ErrTerm is returned (wrapped) by Add for a triple with a missing term.
var ErrTerm = errors.New("canon: a triple lacks a term")

// term is a subject or object: a blank node by index, or a ground term as
// N-Triples text.
type term struct {
	blank int32 // index of a blank node; -1 for a ground term
	text  string
}

// triple is one distinct input triple; p is the predicate as N-Triples.
type triple struct {
	s term
	p string
	o term
}

// Graph collects the triples of one RDF graph. Blank nodes are told apart
// by label: to merge documents whose labels may collide, relabel them
// first. The zero Graph is empty and ready to use; a Graph is not safe for
// concurrent use. It implements rdfio.Writer, so a reader can be piped
// into it.
type Graph struct {
	labels  map[string]int32
	seen    map[triple]struct{}
	triples []triple
}

var _ rdfio.Writer = (*Graph)(nil)

// Add adds t unless the graph has it. Only a triple with a missing term is
// refused.
func (g *Graph) Add(t rdf.Triple) error {
	if t.Subj == nil || t.Pred == nil || t.Obj == nil {
		return fmt.Errorf("%w: %v", ErrTerm, t)
	}
	if g.seen == nil {
		g.labels, g.seen = map[string]int32{}, map[triple]struct{}{}
	}
	x := triple{s: g.term(t.Subj), p: iriText(t.Pred.String()), o: g.term(t.Obj)}
	if _, ok := g.seen[x]; ok {
		return nil
	}
	g.seen[x] = struct{}{}
	g.triples = append(g.triples, x)
	return nil
}

// Write adds t (see Add); with Close it makes a Graph an rdfio.Writer.
func (g *Graph) Write(t rdf.Triple) error { return g.Add(t) }

// Close does nothing: a Graph keeps its triples.
func (g *Graph) Close() error { return nil }

// Len returns the number of distinct triples added.
func (g *Graph) Len() int { return len(g.triples) }

// term turns a subject or object into a term.
func (g *Graph) term(t rdf.Term) term {
	switch v := t.(type) {
	case rdf.Blank:
		label := v.String()
		i, ok := g.labels[label]
		if !ok {
			i = int32(len(g.labels))
			g.labels[label] = i
		}
		return term{blank: i}
	case rdf.Literal:
		return term{blank: -1, text: literalText(v)}
	}
	return term{blank: -1, text: iriText(t.String())}
}

// iriText writes an IRI as N-Triples, escaping what an IRIREF may not hold.
func iriText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if badIRIByte(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return "<" + s + ">"
	}
	b := []byte{'<'}
	for i := 0; i < len(s); i++ {
		if c := s[i]; badIRIByte(c) {
			b = fmt.Appendf(b, `\u%04X`, c)
		} else {
			b = append(b, c)
		}
	}
	return string(append(b, '>'))
}

func badIRIByte(c byte) bool {
	return c <= 0x20 || strings.IndexByte(`<>"{}|^`+"`"+`\`, c) >= 0
}

// literalText writes a literal as N-Triples.
func literalText(l rdf.Literal) string {
	s := l.String()
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b := make([]byte, 0, len(s)+16)
	b = rdfio.AppendNTLiteral(b, s, l.Lang())
	if dt := l.DataType.String(); l.Lang() == "" && dt != "" && dt != xsdString && dt != rdfLangString {
		b = append(b, "^^"...)
		b = append(b, iriText(dt)...)
	}
	return string(b)
}

// Canonical is a graph in canonical form.
type Canonical struct {
	lines []string // sorted, unique, each ending in "\n"
}

// Canonical returns the graph's canonical form (see the package comment).
// The graph can be added to afterwards; the form does not change.
func (g *Graph) Canonical() *Canonical {
	labels := g.labelBlanks()
	lines := make([]string, 0, len(g.triples))
	var b []byte
	for _, t := range g.triples {
		b = appendTerm(b[:0], t.s, labels)
		b = append(b, ' ')
		b = append(b, t.p...)
		b = append(b, ' ')
		b = appendTerm(b, t.o, labels)
		b = append(b, " .\n"...)
		lines = append(lines, string(b))
	}
	slices.Sort(lines)
	return &Canonical{lines: slices.Compact(lines)}
}

func appendTerm(b []byte, t term, labels []string) []byte {
	if t.blank < 0 {
		return append(b, t.text...)
	}
	return append(b, labels[t.blank]...)
}

// Triples returns the number of lines (distinct triples) of the form.
func (c *Canonical) Triples() int { return len(c.lines) }

// WriteTo writes the form to w.
func (c *Canonical) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, l := range c.lines {
		k, err := io.WriteString(w, l)
		n += int64(k)
		if err != nil {
			return n, fmt.Errorf("canon: write: %w", err)
		}
	}
	return n, nil
}

// Bytes returns the form as one document.
func (c *Canonical) Bytes() []byte {
	var buf bytes.Buffer
	c.WriteTo(&buf) // a bytes.Buffer does not fail
	return buf.Bytes()
}

// Hash returns the hex SHA-256 of the form: the graph's content address.
func (c *Canonical) Hash() string {
	h := sha256.New()
	c.WriteTo(h) // a hash does not fail
	return hex.EncodeToString(h.Sum(nil))
}

// color is a blank node's colour: a SHA-256.
type color [sha256.Size]byte

// occurrence is one triple a blank node is in: its role, the triple's
// fixed text, and the other blank node (-1 when the other term is ground,
// the node itself when the triple is a loop).
type occurrence struct {
	fixed string
	other int32
}

// labelBlanks gives every blank node its label, "_:b<n>".
func (g *Graph) labelBlanks() []string {
	n := len(g.labels)
	if n == 0 {
		return nil
	}
	occ := make([][]occurrence, n)
	uf := newUnionFind(n)
	for _, t := range g.triples {
		if t.s.blank >= 0 {
			other, text := t.o.blank, t.o.text
			if other == t.s.blank {
				text = "self"
			}
			occ[t.s.blank] = append(occ[t.s.blank], occurrence{fixed: "s " + t.p + " " + text, other: other})
		}
		if t.o.blank >= 0 && t.o.blank != t.s.blank {
			occ[t.o.blank] = append(occ[t.o.blank], occurrence{fixed: "o " + t.p + " " + t.s.text, other: t.s.blank})
		}
		if t.s.blank >= 0 && t.o.blank >= 0 {
			uf.union(t.s.blank, t.o.blank)
		}
	}
	comps := map[int32][]int32{}
	var roots []int32
	for i := range int32(n) {
		r := uf.find(i)
		if _, ok := comps[r]; !ok {
			roots = append(roots, r)
		}
		comps[r] = append(comps[r], i)
	}
	colors := make([]color, n)
	type ordered struct {
		key   color
		nodes []int32 // by colour
	}
	all := make([]ordered, 0, len(roots))
	for _, r := range roots {
		nodes := comps[r]
		canonicalColors(nodes, occ, colors)
		slices.SortFunc(nodes, func(a, b int32) int { return bytes.Compare(colors[a][:], colors[b][:]) })
		all = append(all, ordered{key: componentKey(nodes, occ, colors), nodes: nodes})
	}
	slices.SortStableFunc(all, func(a, b ordered) int { return bytes.Compare(a.key[:], b.key[:]) })
	labels := make([]string, n)
	next := 0
	for _, c := range all {
		for _, i := range c.nodes {
			labels[i] = "_:b" + strconv.Itoa(next)
			next++
		}
	}
	return labels
}

// canonicalColors colours the nodes of one component until no two share a
// colour (steps 1 and 2 of the package comment).
func canonicalColors(nodes []int32, occ [][]occurrence, colors []color) {
	for _, i := range nodes {
		colors[i] = color{}
	}
	refine(nodes, occ, colors)
	for {
		tied, ok := firstTie(nodes, colors)
		if !ok {
			return
		}
		colors[tied] = sha256.Sum256(append(colors[tied][:], "individual"...))
		refine(nodes, occ, colors)
	}
}

// refine runs rounds of colour refinement over nodes until a round splits
// no class.
func refine(nodes []int32, occ [][]occurrence, colors []color) {
	classes := distinct(nodes, colors)
	next := make([]color, len(nodes))
	var sigs [][]byte
	for range len(nodes) + 1 {
		for k, i := range nodes {
			sigs = sigs[:0]
			for _, o := range occ[i] {
				s := append([]byte(nil), o.fixed...)
				if o.other >= 0 && o.other != i {
					s = append(s, ' ')
					s = hex.AppendEncode(s, colors[o.other][:])
				}
				sigs = append(sigs, s)
			}
			slices.SortFunc(sigs, bytes.Compare)
			h := sha256.New()
			h.Write(colors[i][:])
			for _, s := range sigs {
				h.Write(strconv.AppendInt(nil, int64(len(s)), 10))
				h.Write([]byte{':'})
				h.Write(s)
			}
			h.Sum(next[k][:0])
		}
		for k, i := range nodes {
			colors[i] = next[k]
		}
		n := distinct(nodes, colors)
		if n == classes {
			return
		}
		classes = n
	}
}

// distinct counts the colours of nodes.
func distinct(nodes []int32, colors []color) int {
	seen := make(map[color]struct{}, len(nodes))
	for _, i := range nodes {
		seen[colors[i]] = struct{}{}
	}
	return len(seen)
}

// firstTie returns the first node (in input order) of the smallest colour
// shared by several nodes, if any.
func firstTie(nodes []int32, colors []color) (int32, bool) {
	count := make(map[color]int, len(nodes))
	for _, i := range nodes {
		count[colors[i]]++
	}
	var (
		best  color
		found bool
		node  int32
	)
	for _, i := range nodes { // nodes are in input order here
		c := colors[i]
		if count[c] < 2 {
			continue
		}
		if !found || bytes.Compare(c[:], best[:]) < 0 {
			best, node, found = c, i, true
		}
	}
	return node, found
}

// componentKey hashes a component's canonical text: its triples with its
// nodes named by their rank in colour order (nodes sorted by colour).
func componentKey(nodes []int32, occ [][]occurrence, colors []color) color {
	rank := make(map[int32]int, len(nodes))
	for r, i := range nodes {
		rank[i] = r
	}
	var lines []string
	for _, i := range nodes {
		for _, o := range occ[i] {
			l := strconv.Itoa(rank[i]) + " " + o.fixed
			if o.other >= 0 && o.other != i {
				l += " " + strconv.Itoa(rank[o.other])
			}
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l)
		h.Write([]byte{'\n'})
	}
	var c color
	h.Sum(c[:0])
	return c
}

// unionFind groups blank nodes into components.
type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
	}
	return u
}

func (u *unionFind) find(i int32) int32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u.parent[rb] = ra
	}
}
