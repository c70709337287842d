package dcat

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
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
// scores) are not used.
//
// Blank nodes are labelled by where they hang: the nearest named node
// above them, the predicates down to them and their own content (see
// anchorLabels). A blank node under the dataset is therefore the dataset's
// own, never merged with another dataset's, while one under a named node
// that two datasets' descriptions share (a data service serving both, a
// shared contact point) has the same label in both copies and is one node
// in the document, as it was in the agency's.

// gzipReaders recycles decompressors: a feed decompresses one description
// per imported dataset.
var gzipReaders sync.Pool

// ntReaders recycles N-Triples readers (their buffers and term caches) for
// the same descriptions.
var ntReaders sync.Pool

// Published reads an imported dataset's description and calls fn with
// every triple, blank nodes relabelled for the dataset (see
// Mapper.Dataset). The error is a *FieldError (field "published") when
// the description cannot be read.
func (m *Mapper) Published(d *catalog.Dataset, fn func(rdf.Triple) error) error {
	return m.published(d, true, fn)
}

// published is Published; blank nodes are relabelled only if relabel is
// set (publishedLinks looks at named nodes alone).
func (m *Mapper) published(d *catalog.Dataset, relabel bool, fn func(rdf.Triple) error) error {
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
	r, _ := ntReaders.Get().(*ntriples.Reader)
	if r == nil {
		r = ntriples.NewReader(zr)
	} else {
		r.Reset(zr)
	}
	defer ntReaders.Put(r)
	var ts []rdf.Triple
	blanks := false
	for {
		t, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(err)
		}
		blanks = blanks || relabel && (t.Subj.Type() == rdf.TermBlank || t.Obj.Type() == rdf.TermBlank)
		ts = append(ts, t)
	}
	if blanks {
		labels := anchorLabels(ts, blankPrefix(d))
		for i := range ts {
			if b, ok := ts[i].Subj.(rdf.Blank); ok {
				ts[i].Subj = labels[b.String()]
			}
			if b, ok := ts[i].Obj.(rdf.Blank); ok {
				ts[i].Obj = labels[b.String()]
			}
		}
	}
	for _, t := range ts {
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// Anchor says where a blank node of a description hangs: Node is the
// nearest named node above it (the least, if several are as near), Path
// the predicates from Node down to it, Content its own triples as text
// (the blank nodes below written by their content in turn). Node is ""
// when no named node is above it, Content "" when it is on a cycle of
// blank nodes.
type Anchor struct {
	Node, Path, Content string
}

// BlankAnchors returns the Anchor of every blank node of ts, by label.
func BlankAnchors(ts []rdf.Triple) map[string]Anchor {
	type edge struct {
		pred string
		from rdf.Term
	}
	own := map[string][]rdf.Triple{}
	parents := map[string][]edge{}
	for _, t := range ts {
		if b, ok := t.Subj.(rdf.Blank); ok {
			own[b.String()] = append(own[b.String()], t)
		}
		if b, ok := t.Obj.(rdf.Blank); ok {
			parents[b.String()] = append(parents[b.String()], edge{t.Pred.String(), t.Subj})
		}
	}
	content := map[string]string{}
	var contentOf func(b string, path map[string]bool) string
	contentOf = func(b string, path map[string]bool) string {
		if c, ok := content[b]; ok {
			return c
		}
		if path[b] {
			return ""
		}
		path[b] = true
		defer delete(path, b)
		lines := make([]string, 0, len(own[b]))
		for _, t := range own[b] {
			o := t.Obj.Serialize(rdf.NTriples)
			if x, ok := t.Obj.(rdf.Blank); ok {
				c := contentOf(x.String(), path)
				if c == "" {
					content[b] = ""
					return ""
				}
				o = "[" + c + "]"
			}
			lines = append(lines, t.Pred.String()+" "+o)
		}
		sort.Strings(lines)
		c := strings.Join(lines, "\n")
		if c == "" {
			c = "(empty)"
		}
		content[b] = c
		return c
	}
	var anchorOf func(b string, path map[string]bool) (node, preds string)
	anchorOf = func(b string, path map[string]bool) (string, string) {
		if path[b] {
			return "", ""
		}
		path[b] = true
		defer delete(path, b)
		bestNode, bestPath := "", ""
		for _, e := range parents[b] {
			node, preds := "", ""
			if e.from.Type() == rdf.TermIRI {
				node, preds = e.from.String(), e.pred
			} else if n, p := anchorOf(e.from.String(), path); n != "" {
				node, preds = n, p+" "+e.pred
			}
			if node != "" && (bestNode == "" || node+" "+preds < bestNode+" "+bestPath) {
				bestNode, bestPath = node, preds
			}
		}
		return bestNode, bestPath
	}
	out := make(map[string]Anchor, len(own)+len(parents))
	for b := range own {
		out[b] = Anchor{}
	}
	for b := range parents {
		out[b] = Anchor{}
	}
	for b := range out {
		node, preds := anchorOf(b, map[string]bool{})
		out[b] = Anchor{Node: node, Path: preds, Content: contentOf(b, map[string]bool{})}
	}
	return out
}

// anchorLabels labels the blank nodes of one description by where they
// hang (BlankAnchors): "k" and hex of the SHA-256 of the anchor's node,
// path and content, and, for identical siblings, their rank among
// themselves in the order of the description's labels. Blank nodes on a
// cycle, and any not under a named node, get prefix and their
// description's label.
func anchorLabels(ts []rdf.Triple, prefix string) map[string]rdf.Blank {
	anchors := BlankAnchors(ts)
	names := make([]string, 0, len(anchors))
	for b := range anchors {
		names = append(names, b)
	}
	sort.Strings(names)
	labels := make(map[string]rdf.Blank, len(anchors))
	seen := map[[sha256.Size]byte]int{}
	for _, b := range names {
		a := anchors[b]
		label := prefix + b
		if a.Content != "" && a.Node != "" {
			sum := sha256.Sum256([]byte(a.Node + "\x00" + a.Path + "\x00" + a.Content))
			n := seen[sum]
			seen[sum] = n + 1
			label = "k" + hex.EncodeToString(sum[:12])
			if n > 0 {
				label += "n" + strconv.Itoa(n)
			}
		}
		nb, err := rdf.NewBlank(label)
		if err != nil {
			nb, _ = rdf.NewBlank(prefix + "x")
		}
		labels[b] = nb
	}
	return labels
}

// blankPrefix starts the labels of a dataset's blank nodes that hang under
// no named node: "d", twelve hex digits of the SHA-256 of its ID, and "_",
// so that labels are NCNames (RDF/XML's rdf:nodeID) and no two datasets
// share one.
func blankPrefix(d *catalog.Dataset) string {
	sum := sha256.Sum256([]byte(d.ID))
	return "d" + hex.EncodeToString(sum[:6]) + "_"
}

// publishedDataset emits an imported dataset's description, whole or not
// at all: Published reads the whole description before it calls emit.
func (m *Mapper) publishedDataset(d *catalog.Dataset, emit Emit) error {
	return m.Published(d, emit)
}

// publishedLinks emits catalogIRI dcat:dataset <dataset> and catalogIRI
// dcat:service <service> for every data service the dataset's published
// description has (a node typed dcat:DataService).
func (m *Mapper) publishedLinks(catalogIRI string, d *catalog.Dataset, emit Emit) error {
	g, c, _, ok := m.linkGraph(catalogIRI, d)
	defer m.release(g)
	if !ok {
		return g.flush(emit)
	}
	g.dedup = true
	err := m.published(d, false, func(t rdf.Triple) error {
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
		zw, _ = gzip.NewWriterLevel(&buf, gzip.BestSpeed)
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
