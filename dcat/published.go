package dcat

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/canon"
	"github.com/katalog-se/katalog/dcat/syntax/ntriples"
)

// An imported dataset (catalog.Dataset.Published set) is published as its
// agency published it: Mapper.Dataset emits its description triple for
// triple, and Mapper.CatalogLinks links the dataset and the data services
// the description has. Nothing is added to the description and nothing
// of it is left out; the model's fields (read from it for the API and the
// scores) are not used. Blank nodes get labels of their own per dataset,
// so that two datasets' blank nodes never merge in one document.

// gzipReaders recycles decompressors: a feed decompresses one description
// per imported dataset.
var gzipReaders sync.Pool

// Published reads an imported dataset's description and calls fn with
// every triple, blank nodes relabelled for the dataset (see
// Mapper.Dataset). The error is a *FieldError (field "published") when
// the description cannot be read.
func (m *Mapper) Published(d *catalog.Dataset, fn func(rdf.Triple) error) error {
	fail := func(err error) error {
		return &FieldError{Resource: "dataset " + d.ID, Field: "published", Err: fmt.Errorf("%w: the published description cannot be read: %w", ErrInvalid, err)}
	}
	p := d.Published
	if p == nil {
		return fail(errors.New("the dataset has none"))
	}
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(p.Gzip))
	} else {
		err = zr.Reset(bytes.NewReader(p.Gzip))
	}
	if err != nil {
		return fail(err)
	}
	defer gzipReaders.Put(zr)
	prefix := blankPrefix(d)
	r := ntriples.NewReader(zr)
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fail(err)
		}
		if b, ok := t.Subj.(rdf.Blank); ok {
			t.Subj = relabel(prefix, b)
		}
		if b, ok := t.Obj.(rdf.Blank); ok {
			t.Obj = relabel(prefix, b)
		}
		if err := fn(t); err != nil {
			return err
		}
	}
}

// blankPrefix starts the labels of a dataset's blank nodes in a document:
// "d", twelve hex digits of the SHA-256 of its ID, and "_", so that
// labels are NCNames (RDF/XML's rdf:nodeID) and no two datasets share one.
func blankPrefix(d *catalog.Dataset) string {
	sum := sha256.Sum256([]byte(d.ID))
	return "d" + hex.EncodeToString(sum[:6]) + "_"
}

func relabel(prefix string, b rdf.Blank) rdf.Blank {
	nb, err := rdf.NewBlank(prefix + b.String())
	if err != nil {
		return b
	}
	return nb
}

// publishedDataset emits an imported dataset's description, whole or not
// at all.
func (m *Mapper) publishedDataset(d *catalog.Dataset, emit Emit) error {
	g := m.graph("dataset ", d.ID, 64)
	defer m.release(g)
	err := m.Published(d, func(t rdf.Triple) error {
		g.ts = append(g.ts, t)
		return nil
	})
	if err != nil {
		return err
	}
	for _, t := range g.ts {
		if err := emit(t); err != nil {
			return err
		}
	}
	return nil
}

// publishedLinks emits catalogIRI dcat:dataset <dataset> and catalogIRI
// dcat:service <service> for every data service the dataset's published
// description has (a node typed dcat:DataService).
func (m *Mapper) publishedLinks(catalogIRI string, d *catalog.Dataset, emit Emit) error {
	g := m.graph("dataset ", d.ID, 16)
	defer m.release(g)
	c, ok := g.node("catalog", catalogIRI)
	ds, err := m.datasetIRIOf(d)
	if err != nil {
		g.fail("id", d.ID, err)
	}
	if !ok || g.err != nil {
		return g.flush(emit)
	}
	g.mintedLink(c, DCATDatasetProp, "id", ds)
	g.dedup = true
	err = m.Published(d, func(t rdf.Triple) error {
		if s, ok := t.Subj.(rdf.IRI); ok && t.Pred.String() == RDFType && t.Obj.String() == DCATDataService && t.Obj.Type() == rdf.TermIRI {
			g.add(c, DCATService, s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return g.flush(emit)
}

// gzipWriters recycles compressors (a deflate compressor holds about a
// megabyte): an import compresses one description per dataset.
var gzipWriters sync.Pool

// NewPublished makes an imported dataset's published description from
// the canonical form of its triples (dcat/syntax/canon): the form,
// gzip-compressed, with its SHA-256 and triple count.
func NewPublished(c *canon.Canonical) (*catalog.Published, error) {
	var buf bytes.Buffer
	zw, _ := gzipWriters.Get().(*gzip.Writer)
	if zw == nil {
		zw = gzip.NewWriter(&buf)
	} else {
		zw.Reset(&buf)
	}
	defer gzipWriters.Put(zw)
	h := sha256.New()
	if _, err := c.WriteTo(io.MultiWriter(zw, h)); err != nil {
		return nil, fmt.Errorf("dcat: published description: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("dcat: published description: %w", err)
	}
	return &catalog.Published{SHA256: hex.EncodeToString(h.Sum(nil)), Triples: c.Triples(), Gzip: buf.Bytes()}, nil
}
