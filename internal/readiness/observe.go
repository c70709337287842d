package readiness

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/canon"
)

// observedSink keeps the graph a check read, for the agency's observed
// catalog: in canonical form (its content address and the bytes the store
// keeps) and indexed for reading its datasets. The graph is the merge of
// the documents read, each one's blank nodes its own.
//
// Today the check feeds it from the documents it holds once it has read
// them all (feed); a check that streams its one download (#16) can call
// document and Write as it reads instead. It holds the whole graph twice
// (canonical triples and the index) until observed returns.
type observedSink struct {
	doc   int
	canon canon.Graph
	index *dcat.Graph
}

func newObservedSink() *observedSink { return &observedSink{index: dcat.NewGraph()} }

// document says that the triples written next are another document's.
func (s *observedSink) document() { s.doc++ }

// Write adds one triple of the current document.
func (s *observedSink) Write(t rdf.Triple) error {
	t.Subj = s.scoped(t.Subj).(rdf.Subject)
	t.Obj = s.scoped(t.Obj).(rdf.Object)
	s.index.Add(t)
	return s.canon.Add(t)
}

// scoped names a blank node of the current document apart from those of
// the others.
func (s *observedSink) scoped(t rdf.Term) rdf.Term {
	b, ok := t.(rdf.Blank)
	if !ok {
		return t
	}
	nb, err := rdf.NewBlank(fmt.Sprintf("d%d.%s", s.doc, b.String()))
	if err != nil {
		return t // an empty label, which no reader gives
	}
	return nb
}

// feed writes every triple of docs, each a document of its own. The
// documents were read once already, so they parse.
func (s *observedSink) feed(docs []*document) {
	for _, d := range docs {
		s.document()
		_ = d.each(func(t rdf.Triple) bool { return s.Write(t) == nil })
	}
}

// observed returns the graph as the store keeps it: the hex SHA-256 of its
// canonical N-Triples (package canon), their count, the same gzip-
// compressed, and its datasets as m reads them (leniently; of datasets
// with one ID the first is kept), as org's.
func (s *observedSink) observed(m *dcat.Mapper, org catalog.OrgNumber) (*catalog.ObservedGraph, error) {
	form := s.canon.Canonical()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	h := sha256.New()
	if _, err := form.WriteTo(io.MultiWriter(zw, h)); err != nil {
		return nil, fmt.Errorf("observe: compress the graph: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("observe: compress the graph: %w", err)
	}
	g := &catalog.ObservedGraph{Hash: hex.EncodeToString(h.Sum(nil)), Triples: form.Triples(), Gzip: gz.Bytes()}
	seen := map[string]bool{}
	imported := m.Unmap(s.index)
	g.Publishers = imported.Publishers
	for _, d := range imported.Datasets {
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		d.Agency = org
		g.Datasets = append(g.Datasets, d)
	}
	return g, nil
}
