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

// observedSink keeps the graph a check reads, for the agency's observed
// catalog: the check writes every triple to it as it streams (the main
// document, then each sub-catalog loaded), and the sink spools them to a
// temporary file, so that nothing of the graph is held in memory while the
// check reads, validates and probes. The graph is the merge of the
// documents read, each one's blank nodes its own; a document that fails
// part-way is taken out again (abort).
//
// observed, once the check is done, reads the spool back twice: for the
// canonical form (package canon, which holds the graph while it labels
// blank nodes and sorts) and for the datasets (dcat.Mapper.Unmap), one
// after the other.
type observedSink struct {
	dir   string
	doc   int
	file  *spoolFile
	start int64 // where the current document began in the file
	buf   []byte
	err   error
}

func newObservedSink(dir string) *observedSink { return &observedSink{dir: dir} }

// document says that the triples written next are another document's.
func (s *observedSink) document() {
	s.doc++
	if s.file != nil {
		s.start = s.file.size
	}
}

// abort takes the current document's triples out of the graph.
func (s *observedSink) abort() {
	if s.file != nil && s.err == nil {
		s.err = s.file.truncate(s.start)
	}
}

// Write adds one triple of the current document.
func (s *observedSink) Write(t rdf.Triple) error {
	if s.err != nil {
		return s.err
	}
	if s.file == nil {
		if s.file, s.err = newSpoolFile(s.dir, "observed-*"); s.err != nil {
			return s.err
		}
	}
	t.Subj = s.scoped(t.Subj).(rdf.Subject)
	t.Obj = s.scoped(t.Obj).(rdf.Object)
	s.buf = appendTriple(s.buf[:0], t)
	s.err = s.file.write(s.buf)
	return s.err
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

// each calls fn with every triple spooled, in order.
func (s *observedSink) each(fn func(rdf.Triple) error) error {
	if s.err != nil {
		return s.err
	}
	if s.file == nil {
		return nil
	}
	for rec, err := range s.file.records() {
		if err != nil {
			return err
		}
		t, err := decodeTriple(rec)
		if err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the spool.
func (s *observedSink) Close() error {
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	s.file = nil
	return err
}

// observed returns the graph as the store keeps it: the hex SHA-256 of its
// canonical N-Triples (package canon), their count, the same gzip-
// compressed, and its datasets as m reads them (leniently; of datasets
// with one ID the first is kept), as org's.
func (s *observedSink) observed(m *dcat.Mapper, org catalog.OrgNumber) (*catalog.ObservedGraph, error) {
	g, err := s.canonical()
	if err != nil {
		return nil, err
	}
	index := dcat.NewGraph()
	if err := s.each(func(t rdf.Triple) error { index.Add(t); return nil }); err != nil {
		return nil, fmt.Errorf("observe: read the graph back: %w", err)
	}
	seen := map[string]bool{}
	imported := m.Unmap(index)
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

// canonical reads the spool into the canonical form and returns the
// graph's hash, triple count and compressed form.
func (s *observedSink) canonical() (*catalog.ObservedGraph, error) {
	var cg canon.Graph
	if err := s.each(cg.Add); err != nil {
		return nil, fmt.Errorf("observe: read the graph back: %w", err)
	}
	form := cg.Canonical()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	h := sha256.New()
	if _, err := form.WriteTo(io.MultiWriter(zw, h)); err != nil {
		return nil, fmt.Errorf("observe: compress the graph: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("observe: compress the graph: %w", err)
	}
	return &catalog.ObservedGraph{Hash: hex.EncodeToString(h.Sum(nil)), Triples: form.Triples(), Gzip: gz.Bytes()}, nil
}
