package importer

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strconv"
	"strings"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
	"github.com/katalog-se/katalog/internal/extsort"
)

// The assembly turns a stream of triples, in any order, into one
// description per catalogued resource (dataset, dataset series, or data
// service that serves no dataset), in flat memory: every stage is a sort
// or a merge of sorted files (internal/extsort), and only one node's or
// one dataset's triples are held at a time.
//
//  1. add: each triple becomes a record of its subject (its type or value)
//     and, when its object is a node, a record of the object (who points
//     at it, and with which predicate). The sort brings every node's
//     records together: types, values, then references.
//  2. classify: one pass over the nodes writes the triples again, sorted
//     by subject (the T file, in the order read), the roots (datasets,
//     series: nodes typed so, or listed by a catalog's dcat:dataset), the
//     data services, and the edges along which a root owns other nodes:
//     from every node to a blank node it points at, and to a node
//     described in the document that is not itself a catalog, a root or
//     the agency's own publisher (its distributions, contact points,
//     services, agents, documents); and from a dataset to each data
//     service that dcat:servesDataset it.
//  3. own: a breadth-first walk, level by level, each level a merge join
//     of the owners found so far with the edges; a node reached again by
//     the same owner is not walked again. Data services that no dataset
//     owns are roots of their own, walked the same way.
//  4. gather: a merge join of the owners with the T file gives each
//     owned triple under each of its owners, sorted by owner; what no
//     root owns (the feed's own catalog, vocabularies, paging) is the
//     rest, kept but not published.
//
// A node several roots own (a shared contact point, a data service
// serving two datasets) is in each one's description.
type assembly struct {
	dir    string
	budget int64
	ownPub []byte // node bytes of the agency's publisher IRI

	a    *extsort.Sorter
	buf  []byte
	subj []byte
	last rdf.Subject
	obj  []byte

	// What the passes leave.
	t        *extsort.File // own triples by subject
	roots    *extsort.File // (root, root)
	services *extsort.File // data services (node)
	edges    *extsort.File // (source, target)
	levels   []*extsort.File
	files    []*extsort.File
	// Deep is set when a description was cut at maxDepth levels.
	Deep bool
	// blankRefs names the blank roots (by label) that other nodes point
	// at (a dataset nested in another with dct:hasPart [ a dcat:Dataset ]):
	// those references must name the IRI the root is given.
	blankRefs map[string]bool
	// rest collects the triples no root owns, as N-Triples, gzip.
	rest      *bytes.Buffer
	restZ     *gzip.Writer
	restBuf   []byte
	restCount int
}

// maxDepth bounds the levels of the walk from a root: descriptions
// deeper than that (long chains of blank nodes) are cut there, and the
// nodes beyond are kept in the rest.
const maxDepth = 64

func newAssembly(dir string, budget int64, ownPublisher string) *assembly {
	own, _ := appendNode(nil, rdfIRI(ownPublisher))
	return &assembly{dir: dir, budget: budget, ownPub: own, a: extsort.New(dir, budget)}
}

func rdfIRI(s string) rdf.IRI { i, _ := rdf.NewIRI(s); return i }

// close removes every temporary file.
func (as *assembly) close() {
	as.a.Close()
	for _, f := range as.files {
		f.Close()
	}
	as.files = nil
}

// newFile makes a temporary sorted file, removed by close.
func (as *assembly) newFile() (*extsort.File, error) {
	f, err := extsort.NewFile(as.dir)
	if err != nil {
		return nil, err
	}
	as.files = append(as.files, f)
	return f, nil
}

// add takes one triple (stage 1).
func (as *assembly) add(t rdf.Triple) error {
	if t.Subj != as.last {
		var ok bool
		if as.subj, ok = appendNode(as.subj[:0], t.Subj); !ok {
			return nil
		}
		as.last = t.Subj
	}
	as.buf = tripleRecord(as.buf[:0], as.subj, t)
	if err := as.a.Add(hashNode(as.subj), as.buf); err != nil {
		return err
	}
	pred := t.Pred.String()
	if pred == dcat.RDFType {
		return nil
	}
	var ok bool
	if as.obj, ok = appendNode(as.obj[:0], t.Obj); !ok {
		return nil
	}
	as.buf = append(as.buf[:0], as.obj...)
	if pred == dcat.DCATDatasetProp {
		as.buf = append(as.buf, rankListed)
	} else {
		as.buf = appendStr(append(as.buf, rankInbound), pred)
	}
	as.buf = append(as.buf, as.subj...)
	return as.a.Add(hashNode(as.obj), as.buf)
}

// nodeState is what the classifying pass knows of the current node.
type nodeState struct {
	node                                   []byte
	blank                                  bool
	dataset, series, catalog, service      bool
	described, listed, decided, firstClass bool
}

// classify runs stage 2.
func (as *assembly) classify() error {
	it, err := as.a.Sort()
	if err != nil {
		return err
	}
	if as.t, err = as.newFile(); err != nil {
		return err
	}
	if as.roots, err = as.newFile(); err != nil {
		return err
	}
	if as.services, err = as.newFile(); err != nil {
		return err
	}
	edges := extsort.New(as.dir, as.budget/2)
	defer edges.Close()
	var st nodeState
	var buf []byte
	decide := func() error {
		if st.decided || st.node == nil {
			return nil
		}
		st.decided = true
		root := (st.dataset || st.series || st.listed) && !st.catalog
		st.firstClass = root || st.catalog || bytes.Equal(st.node, as.ownPub)
		if root && st.described {
			if err := as.roots.Append(hashNode(st.node), pairRecord(buf[:0], st.node, st.node)); err != nil {
				return err
			}
		}
		if st.service && st.described && !root {
			return as.services.Append(hashNode(st.node), st.node)
		}
		return nil
	}
	for it.Next() {
		rec := it.Record()
		r := reader{b: rec}
		node := r.skipNode()
		if r.bad {
			return errRecord
		}
		if !bytes.Equal(node, st.node) {
			if err := decide(); err != nil {
				return err
			}
			st = nodeState{node: append(st.node[:0:0], node...), blank: node[0] == 'B'}
		}
		switch rank := r.byte(); rank {
		case rankType:
			obj := r.term()
			if obj != nil && obj.Type() == rdf.TermIRI {
				switch obj.String() {
				case dcat.DCATDataset:
					st.dataset = true
				case dcat.NSDCAT + "DatasetSeries":
					st.series = true
				case dcat.DCATCatalog:
					st.catalog = true
				case dcat.DCATDataService:
					st.service = true
				}
			}
			st.described = true
			if err := as.t.Append(it.Hash(), rec); err != nil {
				return err
			}
		case rankValue:
			st.described = true
			if err := as.t.Append(it.Hash(), rec); err != nil {
				return err
			}
			if st.service && r.str() == dcat.DCATServesDataset && r.i < len(rec) && (rec[r.i] == 'I' || rec[r.i] == 'B') {
				if target := r.skipNode(); !r.bad {
					// The dataset owns the service that serves it.
					if err := edges.Add(hashNode(target), pairRecord(buf[:0], target, node)); err != nil {
						return err
					}
				}
			}
		case rankListed:
			st.listed = true
		case rankInbound:
			if err := decide(); err != nil {
				return err
			}
			if st.blank && (st.dataset || st.series || st.listed) && !st.catalog && st.described {
				if as.blankRefs == nil {
					as.blankRefs = map[string]bool{}
				}
				if t, ok := nodeTerm(node); ok {
					as.blankRefs[t.String()] = true
				}
			}
			r.str()
			ref := r.skipNode()
			if r.bad {
				return errRecord
			}
			if !st.firstClass && (st.blank || st.described) {
				buf = pairRecord(buf[:0], ref, node)
				if err := edges.Add(hashNode(ref), buf); err != nil {
					return err
				}
			}
		default:
			return errRecord
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	if err := decide(); err != nil {
		return err
	}
	as.a.Close()
	eit, err := edges.Sort()
	if err != nil {
		return err
	}
	if as.edges, err = as.newFile(); err != nil {
		return err
	}
	for eit.Next() {
		if err := as.edges.Append(eit.Hash(), eit.Record()); err != nil {
			return err
		}
	}
	return eit.Err()
}

// own runs stage 3: the walks from the roots, then from the data
// services no root owns.
func (as *assembly) own() error {
	if err := as.walk(as.roots); err != nil {
		return err
	}
	// Data services no dataset owns are roots of their own.
	alone, err := as.newFile()
	if err != nil {
		return err
	}
	sit, err := as.services.Iter()
	if err != nil {
		return err
	}
	owned, err := as.ownedIter()
	if err != nil {
		return err
	}
	j := newJoin(owned)
	var buf []byte
	for sit.Next() {
		node := sit.Record()
		found, err := j.seekTo(sit.Hash(), node)
		if err != nil {
			return err
		}
		if !found {
			if err := alone.Append(sit.Hash(), pairRecord(buf[:0], node, node)); err != nil {
				return err
			}
		}
	}
	if err := sit.Err(); err != nil {
		return err
	}
	if alone.Len() == 0 {
		return nil
	}
	return as.walk(alone)
}

// ownedIter merges the levels walked so far: (node, owner) by node.
func (as *assembly) ownedIter() (*extsort.Iter, error) {
	its := make([]*extsort.Iter, 0, len(as.levels))
	for _, f := range as.levels {
		it, err := f.Iter()
		if err != nil {
			return nil, err
		}
		its = append(its, it)
	}
	return extsort.Merge(its...), nil
}

// walk walks from the (root, root) records of start, level by level.
func (as *assembly) walk(start *extsort.File) error {
	frontier := start
	for depth := 0; frontier.Len() > 0; depth++ {
		as.levels = append(as.levels, frontier)
		if depth == maxDepth {
			as.Deep = true
			return nil
		}
		next, err := as.expand(frontier)
		if err != nil {
			return err
		}
		if frontier, err = as.unseen(next); err != nil {
			return err
		}
	}
	return nil
}

// expand joins a level's (node, owner) records with the edges: each
// owner owns the node's targets.
func (as *assembly) expand(level *extsort.File) (*extsort.Sorter, error) {
	next := extsort.New(as.dir, as.budget/2)
	lit, err := level.Iter()
	if err != nil {
		next.Close()
		return nil, err
	}
	eit, err := as.edges.Iter()
	if err != nil {
		next.Close()
		return nil, err
	}
	edges := newJoin(eit)
	var targets [][]byte
	var cur, buf []byte
	for lit.Next() {
		node, owner, ok := splitPair(lit.Record())
		if !ok {
			next.Close()
			return nil, errRecord
		}
		if !bytes.Equal(node, cur) {
			cur = append(cur[:0], node...)
			targets = targets[:0]
			if err := edges.group(lit.Hash(), node, func(rec []byte) error {
				_, target, ok := splitPair(rec)
				if !ok {
					return errRecord
				}
				targets = append(targets, bytes.Clone(target))
				return nil
			}); err != nil {
				next.Close()
				return nil, err
			}
		}
		for _, target := range targets {
			buf = pairRecord(buf[:0], target, owner)
			if err := next.Add(hashNode(target), buf); err != nil {
				next.Close()
				return nil, err
			}
		}
	}
	if err := lit.Err(); err != nil {
		next.Close()
		return nil, err
	}
	return next, nil
}

// unseen sorts a level's candidates and keeps those not walked before.
func (as *assembly) unseen(next *extsort.Sorter) (*extsort.File, error) {
	defer next.Close()
	it, err := next.Sort()
	if err != nil {
		return nil, err
	}
	seen, err := as.ownedIter()
	if err != nil {
		return nil, err
	}
	out, err := as.newFile()
	if err != nil {
		return nil, err
	}
	sj := newJoin(seen)
	for it.Next() {
		rec := it.Record()
		dup, err := sj.seekRecord(it.Hash(), rec)
		if err != nil {
			return nil, err
		}
		if !dup {
			if err := out.Append(it.Hash(), rec); err != nil {
				return nil, err
			}
		}
	}
	return out, it.Err()
}

// gather runs stage 4 and returns the owned triples sorted by owner:
// records owner + tripleRecord.
func (as *assembly) gather() (*extsort.Sorter, error) {
	d := extsort.New(as.dir, as.budget)
	tit, err := as.t.Iter()
	if err != nil {
		d.Close()
		return nil, err
	}
	owned, err := as.ownedIter()
	if err != nil {
		d.Close()
		return nil, err
	}
	owners := newJoin(owned)
	as.rest = &bytes.Buffer{}
	as.restZ = gzip.NewWriter(as.rest)
	var (
		cur     []byte
		held    [][]byte
		isOwned bool
		buf     []byte
	)
	flush := func() error {
		if cur == nil || !isOwned {
			return nil
		}
		return owners.group(hashNode(cur), cur, func(rec []byte) error {
			_, owner, ok := splitPair(rec)
			if !ok {
				return errRecord
			}
			for _, t := range held {
				buf = append(append(buf[:0], owner...), t...)
				if err := d.Add(hashNode(owner), buf); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for tit.Next() {
		rec := tit.Record()
		node, ok := nodeOf(rec)
		if !ok {
			d.Close()
			return nil, errRecord
		}
		if !bytes.Equal(node, cur) {
			if err := flush(); err != nil {
				d.Close()
				return nil, err
			}
			cur = append(cur[:0], node...)
			held = held[:0]
			if isOwned, err = owners.seekTo(tit.Hash(), node); err != nil {
				d.Close()
				return nil, err
			}
		}
		if isOwned {
			held = append(held, bytes.Clone(rec))
			continue
		}
		if err := as.writeRest(rec); err != nil {
			d.Close()
			return nil, err
		}
	}
	if err := tit.Err(); err != nil {
		d.Close()
		return nil, err
	}
	if err := flush(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// restBytes ends the rest and returns it, gzip-compressed N-Triples.
func (as *assembly) restBytes() ([]byte, error) {
	if as.restZ == nil {
		return nil, nil
	}
	if err := as.restZ.Close(); err != nil {
		return nil, fmt.Errorf("importer: the rest of the graph: %w", err)
	}
	as.restZ = nil
	return as.rest.Bytes(), nil
}

// writeRest writes a triple no root owns to the rest, as N-Triples.
func (as *assembly) writeRest(rec []byte) error {
	t, ok := decodeTriple(rec)
	if !ok {
		return errRecord
	}
	return as.restTriple(t)
}

// restTriple adds a triple to the rest: one no root owns, or one of a
// description that cannot be published.
func (as *assembly) restTriple(t rdf.Triple) error {
	as.restCount++
	as.restBuf = appendNTriple(as.restBuf[:0], t)
	_, err := as.restZ.Write(as.restBuf)
	return err
}

// appendNTriple writes t as an N-Triples line, whatever its terms (an IRI
// that is not RFC 3987 has its forbidden characters \u-escaped).
func appendNTriple(b []byte, t rdf.Triple) []byte {
	b = appendNTTerm(b, t.Subj)
	b = append(b, ' ')
	b = appendNTTerm(b, t.Pred)
	b = append(b, ' ')
	b = appendNTTerm(b, t.Obj)
	return append(b, " .\n"...)
}

func appendNTTerm(b []byte, t rdf.Term) []byte {
	switch x := t.(type) {
	case rdf.IRI:
		return appendNTIRI(b, x.String())
	case rdf.Blank:
		return rdfio.AppendBlankLabel(append(b, "_:"...), x.String())
	case rdf.Literal:
		b = append(rdfio.AppendNTString(append(b, '"'), x.String()), '"')
		if l := x.Lang(); l != "" {
			return append(append(b, '@'), l...)
		}
		if dt := x.DataType.String(); dt != "" && dt != dcat.XSDString {
			return appendNTIRI(append(b, "^^"...), dt)
		}
	}
	return b
}

func appendNTIRI(b []byte, s string) []byte {
	b = append(b, '<')
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) {
			b = append(b, `\u`...)
			h := strconv.FormatInt(int64(r), 16)
			b = append(b, strings.Repeat("0", 4-len(h))...)
			b = append(b, strings.ToUpper(h)...)
			continue
		}
		b = append(b, string(r)...)
	}
	return append(b, '>')
}

// join walks a sorted iterator of records that start with a node, in
// step with another walk in the same order: seekTo, seekRecord and group
// move it forward and never back.
type join struct {
	it   *extsort.Iter
	ok   bool
	done bool
	err  error
}

func newJoin(it *extsort.Iter) *join { return &join{it: it} }

// head returns the current record, advancing the first time.
func (j *join) head() ([]byte, bool) {
	if j.done {
		return nil, false
	}
	if !j.ok {
		if !j.it.Next() {
			j.done, j.err = true, j.it.Err()
			return nil, false
		}
		j.ok = true
	}
	return j.it.Record(), true
}

func (j *join) advance() { j.ok = false }

// cmp orders (hash, node) against the current record's hash and node.
func cmpNode(h uint64, node []byte, hh uint64, rec []byte) int {
	switch {
	case h < hh:
		return -1
	case h > hh:
		return 1
	}
	n, ok := nodeOf(rec)
	if !ok {
		return 0
	}
	return bytes.Compare(node, n)
}

// seekTo skips the records of nodes before (hash, node) and reports
// whether the current record is about node.
func (j *join) seekTo(hash uint64, node []byte) (bool, error) {
	for {
		rec, ok := j.head()
		if !ok {
			return false, j.err
		}
		c := cmpNode(hash, node, j.it.Hash(), rec)
		if c < 0 {
			return false, nil
		}
		if c == 0 {
			return true, nil
		}
		j.advance()
	}
}

// group calls fn with every record about node, and moves past them.
func (j *join) group(hash uint64, node []byte, fn func(rec []byte) error) error {
	found, err := j.seekTo(hash, node)
	if err != nil || !found {
		return err
	}
	for {
		rec, ok := j.head()
		if !ok {
			return j.err
		}
		if cmpNode(hash, node, j.it.Hash(), rec) != 0 {
			return nil
		}
		if err := fn(rec); err != nil {
			return err
		}
		j.advance()
	}
}

// seekRecord reports whether the stream has exactly rec (whose hash is
// hash), skipping the records before it.
func (j *join) seekRecord(hash uint64, rec []byte) (bool, error) {
	for {
		cur, ok := j.head()
		if !ok {
			return false, j.err
		}
		hh := j.it.Hash()
		c := 0
		switch {
		case hash < hh:
			c = -1
		case hash > hh:
			c = 1
		default:
			c = bytes.Compare(rec, cur)
		}
		if c < 0 {
			return false, nil
		}
		if c == 0 {
			return true, nil
		}
		j.advance()
	}
}

// describedTriples decodes one owner's records (owner + tripleRecord).
func describedTriples(owner []byte, recs [][]byte) ([]rdf.Triple, error) {
	ts := make([]rdf.Triple, 0, len(recs))
	for _, rec := range recs {
		t, ok := decodeTriple(rec[len(owner):])
		if !ok {
			return nil, fmt.Errorf("%w: %q", errRecord, rec)
		}
		ts = append(ts, t)
	}
	return ts, nil
}
