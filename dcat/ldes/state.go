package ldes

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/canon"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

// State is what a harvester holds: one graph per entity (the description
// the entity's last event gave, or what the starting catalog said of it)
// and the triples of no entity. It is not safe for concurrent use.
type State struct {
	entities map[string]*entity
	// rest holds the starting catalog's triples no entity reaches (about
	// blank nodes no IRI subject leads to); events never touch them.
	rest []rdf.Triple
	// fresh numbers the blank nodes the State relabels, so that blank
	// nodes of different documents and events never merge.
	fresh int
}

type entity struct {
	triples []rdf.Triple
	// hash is the canonical hash of triples, "" until Fingerprints needs it.
	hash string
}

// NewState returns an empty State: a harvester that has nothing yet.
func NewState() *State { return &State{entities: map[string]*entity{}} }

// Len returns the number of entities.
func (s *State) Len() int { return len(s.entities) }

// relabel returns ts with every blank node renamed to one the State has
// not used; ts itself is not changed.
func (s *State) relabel(ts []rdf.Triple) []rdf.Triple {
	labels := map[string]rdf.Blank{}
	re := func(t rdf.Term) rdf.Term {
		b, ok := t.(rdf.Blank)
		if !ok {
			return t
		}
		nb, ok := labels[b.String()]
		if !ok {
			s.fresh++
			nb, _ = rdf.NewBlank("s" + strconv.Itoa(s.fresh))
			labels[b.String()] = nb
		}
		return nb
	}
	out := make([]rdf.Triple, len(ts))
	for i, t := range ts {
		out[i] = rdf.Triple{Subj: re(t.Subj).(rdf.Subject), Pred: t.Pred, Obj: re(t.Obj).(rdf.Object)}
	}
	return out
}

// Load adds a catalog to the State: the triples of each named graph named
// by an IRI become that entity's graph (a State written by Quads reads
// back whole); the default graph's (and a blank-named graph's) are split by
// subject (see Split). Blank nodes keep their identity within the document
// only.
func (s *State) Load(qs []rdf.Quad) {
	var plain []rdf.Triple
	named := map[string][]rdf.Triple{}
	var order []string
	for _, q := range qs {
		if g, ok := q.Ctx.(rdf.IRI); ok {
			if _, seen := named[g.String()]; !seen {
				order = append(order, g.String())
			}
			named[g.String()] = append(named[g.String()], q.Triple)
			continue
		}
		plain = append(plain, q.Triple)
	}
	// One relabelling for the whole document: its blank nodes are one
	// document's.
	all := make([]rdf.Triple, 0, len(qs))
	all = append(all, plain...)
	for _, g := range order {
		all = append(all, named[g]...)
	}
	all = s.relabel(all)
	plain, rest := all[:len(plain)], all[len(plain):]
	for _, g := range order {
		n := len(named[g])
		s.merge(g, rest[:n])
		rest = rest[n:]
	}
	graphs, other := Split(plain)
	for iri, ts := range graphs {
		s.merge(iri, ts)
	}
	s.rest = append(s.rest, other...)
}

// LoadReader reads a catalog from r and loads it (see Load). It returns the
// number of quads read.
func (s *State) LoadReader(r rdfio.QuadReader) (int, error) {
	var qs []rdf.Quad
	for {
		q, err := r.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return len(qs), err
		}
		qs = append(qs, q)
	}
	s.Load(qs)
	return len(qs), nil
}

func (s *State) merge(iri string, ts []rdf.Triple) {
	if e := s.entities[iri]; e != nil {
		e.triples = append(e.triples, ts...)
		e.hash = ""
		return
	}
	s.entities[iri] = &entity{triples: append([]rdf.Triple(nil), ts...)}
}

// Split divides a graph by subject: each IRI subject's triples, with those
// of the blank nodes they lead to (and on, transitively), are one entity's
// graph; the triples of blank nodes no IRI subject leads to are other.
func Split(ts []rdf.Triple) (graphs map[string][]rdf.Triple, other []rdf.Triple) {
	bySubj := map[string][]int{}
	for i, t := range ts {
		k := key(t.Subj)
		bySubj[k] = append(bySubj[k], i)
	}
	graphs = map[string][]rdf.Triple{}
	reached := map[string]bool{}
	for k, idx := range bySubj {
		if k[0] != '<' {
			continue
		}
		var g []rdf.Triple
		visited := map[string]bool{}
		queue := idx
		for len(queue) > 0 {
			i := queue[0]
			queue = queue[1:]
			g = append(g, ts[i])
			if b, ok := ts[i].Obj.(rdf.Blank); ok {
				bk := key(b)
				if !visited[bk] {
					visited[bk] = true
					reached[bk] = true
					queue = append(queue, bySubj[bk]...)
				}
			}
		}
		graphs[k[1:]] = g
	}
	for k, idx := range bySubj {
		if k[0] == '<' || reached[k] {
			continue
		}
		for _, i := range idx {
			other = append(other, ts[i])
		}
	}
	return graphs, other
}

// Apply applies events in as:published order (events without a time, and
// ties, in the order given): a create or update makes the event's payload
// its entity's graph, a delete removes the entity. Applying the same
// events again changes nothing.
func (s *State) Apply(events []Event) {
	evs := make([]*Event, len(events))
	for i := range events {
		evs[i] = &events[i]
	}
	SortEvents(evs)
	for _, e := range evs {
		if e.Deletes() {
			delete(s.entities, e.Object)
			continue
		}
		s.entities[e.Object] = &entity{triples: s.relabel(e.Payload)}
	}
}

// SortEvents orders events by as:published, keeping the order given for
// ties (events without a time sort with the time of the event before them).
func SortEvents(evs []*Event) {
	keys := make([]int64, len(evs))
	var last int64
	for i, e := range evs {
		if !e.Published.IsZero() {
			last = e.Published.UnixNano()
		}
		keys[i] = last
	}
	idx := make([]int, len(evs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	sorted := make([]*Event, len(evs))
	for i, j := range idx {
		sorted[i] = evs[j]
	}
	copy(evs, sorted)
}

// Entity returns the graph of the entity iri (nil when the State has
// none). The slice is the State's: do not change it.
func (s *State) Entity(iri string) []rdf.Triple {
	if e := s.entities[iri]; e != nil {
		return e.triples
	}
	return nil
}

// SetEntity makes ts the graph of the entity iri (nil removes it). Blank
// nodes of ts are the entity's own.
func (s *State) SetEntity(iri string, ts []rdf.Triple) {
	if len(ts) == 0 {
		delete(s.entities, iri)
		return
	}
	s.entities[iri] = &entity{triples: s.relabel(ts)}
}

// IRIs lists the entities in order.
func (s *State) IRIs() []string {
	out := make([]string, 0, len(s.entities))
	for k := range s.entities {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Fingerprints returns the canonical hash (dcat/syntax/canon) of every
// entity's graph: equal for equal graphs whatever their order and blank
// node labels.
func (s *State) Fingerprints() map[string]string {
	out := make(map[string]string, len(s.entities))
	for iri, e := range s.entities {
		if e.hash == "" {
			e.hash = Fingerprint(e.triples)
		}
		out[iri] = e.hash
	}
	return out
}

// FingerprintOf is the fingerprint of the entity iri's graph (see
// Fingerprints), "" when the State has no such entity.
func (s *State) FingerprintOf(iri string) string {
	e := s.entities[iri]
	if e == nil {
		return ""
	}
	if e.hash == "" {
		e.hash = Fingerprint(e.triples)
	}
	return e.hash
}

// Fingerprint is the hex SHA-256 of ts's canonical N-Triples.
func Fingerprint(ts []rdf.Triple) string {
	g := &canon.Graph{}
	for _, t := range ts {
		_ = g.Add(t) // only a triple with a missing term fails; readers make none
	}
	return g.Canonical().Hash()
}

// CanonicalText is ts's canonical N-Triples (dcat/syntax/canon): the form a
// store keeps an entity's graph in.
func CanonicalText(ts []rdf.Triple) (string, error) {
	g := &canon.Graph{}
	for _, t := range ts {
		if err := g.Add(t); err != nil {
			return "", fmt.Errorf("ldes: %w", err)
		}
	}
	return string(g.Canonical().Bytes()), nil
}

// Triples calls fn for every triple of the catalog the State holds (the
// union of the entities' graphs, in entity order, then the other triples),
// each once.
func (s *State) Triples(fn func(rdf.Triple) error) error {
	seen := map[[3]string]bool{}
	emit := func(t rdf.Triple) error {
		k := [3]string{termText(t.Subj), t.Pred.String(), termText(t.Obj)}
		if seen[k] {
			return nil
		}
		seen[k] = true
		return fn(t)
	}
	for _, iri := range s.IRIs() {
		for _, t := range s.entities[iri].triples {
			if err := emit(t); err != nil {
				return err
			}
		}
	}
	for _, t := range s.rest {
		if err := emit(t); err != nil {
			return err
		}
	}
	return nil
}

// termText tells terms apart for Triples' duplicate check.
func termText(t rdf.Term) string {
	if l, ok := t.(rdf.Literal); ok {
		return "\"" + l.String() + "\"@" + l.Lang() + "^^" + l.DataType.String()
	}
	return key(t)
}

// Quads calls fn for every quad of the State as an RDF dataset: each
// entity's graph named by its IRI, the other triples in the default graph.
// Load reads it back as the same State.
func (s *State) Quads(fn func(rdf.Quad) error) error {
	for _, iri := range s.IRIs() {
		g, err := newIRI(iri)
		if err != nil {
			return err
		}
		for _, t := range s.entities[iri].triples {
			if err := fn(rdf.Quad{Triple: t, Ctx: g}); err != nil {
				return err
			}
		}
	}
	for _, t := range s.rest {
		if err := fn(rdf.Quad{Triple: t}); err != nil {
			return err
		}
	}
	return nil
}
